//===----------------------------------------------------------------------===//
// changes_made: the text of ducklake_snapshot_changes.changes_made, as DuckDB 1.4's ducklake
// extension writes it.
//
// A comma-separated list of `kind:target`, where target is a quoted qualified name for
// creations (`created_table:"main"."t"`, `created_schema:"s1"`) and a numeric id otherwise
// (`inserted_into_table:3`, `dropped_schema:1`). Pure functions: formatting, parsing, and the
// summary MAP of ducklake_snapshots() (`{tables_created=[main.t], tables_inserted_into=[3]}`).
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ducklake {

struct SnapshotChange {
	std::string kind;   // e.g. "created_table", "inserted_into_table"
	std::string target; // raw text after ':' (quoted names keep their quotes)
};

//! `"name"` with embedded quotes doubled, as the official extension quotes identifiers.
std::string QuoteChangeIdentifier(const std::string &name);

std::string FormatCreatedSchema(const std::string &schema_name);
std::string FormatCreatedTable(const std::string &schema_name, const std::string &table_name);
std::string FormatCreatedView(const std::string &schema_name, const std::string &view_name);
std::string FormatIdChange(const std::string &kind, int64_t id);

//! Join entries with ',' in order.
std::string JoinChanges(const std::vector<std::string> &entries);

//! Split a changes_made text into entries, respecting quoted names (which may contain ',' and
//! ':'). Returns false and leaves `error` set for malformed text (unterminated quote, missing ':').
bool ParseChanges(const std::string &text, std::vector<SnapshotChange> &result, std::string &error);

//! The ducklake_snapshots() key for a change kind ("created_table" -> "tables_created"); kinds
//! without a plural form map to themselves ("inlined_insert").
std::string ChangeSummaryKey(const std::string &kind);

//! The ducklake_snapshots() value for a target: quoted names unquoted and joined with '.'
//! ("\"main\".\"t\"" -> "main.t"); ids unchanged.
std::string ChangeSummaryValue(const std::string &target);

//! Group parsed changes into (key, values) pairs in first-appearance order of the keys.
std::vector<std::pair<std::string, std::vector<std::string>>>
SummarizeChanges(const std::vector<SnapshotChange> &changes);

} // namespace ducklake
