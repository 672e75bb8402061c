//===----------------------------------------------------------------------===//
// A user-given table name (`trips`, `main.trips`, `lake.trips`, `lake.main.trips`) checked and
// quoted for SQL. The loader writes through whatever catalog the name points at, so the same
// code fills a plain DuckDB table or a DuckLake table; only names of letters, digits and
// underscores are accepted, which keeps generated SQL free of injection. Pure.
//===----------------------------------------------------------------------===//

#pragma once

#include <string>
#include <vector>

namespace ducklake {

struct TableName {
	//! 1 to 3 parts: [catalog.][schema.]table
	std::vector<std::string> parts;
	//! empty when the name is valid
	std::string error;

	//! `"lake"."trips"`
	std::string Quoted() const;
	//! The quoted parts before the table, each followed by a dot (`"lake".`); empty for a bare name.
	//! As in DuckDB, `a.b` means catalog a when a database a is attached, otherwise schema a.
	std::string QualifierPrefix() const;
	//! The table part alone.
	const std::string &Table() const {
		return parts.back();
	}
	//! A sibling table in the same catalog/schema: `"lake"."trips_loads"` for suffix `_loads`.
	std::string QuotedSibling(const std::string &suffix) const;
};

constexpr size_t table_name_part_bytes_max = 63;

TableName ParseTableName(const std::string &text);

} // namespace ducklake
