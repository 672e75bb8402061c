//===----------------------------------------------------------------------===//
// Column changes: what one ALTER TABLE does to a table's DuckLake record, and which catalog rows
// a changed record needs at commit.
//
// Pure functions over TableRecord (no catalog, no I/O). AlterTableRecord applies one DuckDB
// AlterTableInfo (ADD/DROP/RENAME COLUMN, struct fields, RENAME TO, SET/DROP DEFAULT, SET/DROP
// NOT NULL, SET DATA TYPE) and throws a clear error naming the column for anything the format
// does not allow; DiffTableRecords turns "before" and "after" records into the rows to end and
// to insert, as the official extension writes them: a changed column keeps its column_id and
// gets a new ducklake_column row, a dropped column (and its children) only has its rows ended,
// a new column gets a fresh column_id.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/commit_writer.hpp"
#include "metadata/metadata_records.hpp"

#include "duckdb/parser/parsed_data/alter_table_info.hpp"

#include <string>
#include <vector>

namespace ducklake {

//! The outcome of one ALTER TABLE on a table record.
struct TableAlteration {
	TableRecord record;   // the table after the change
	bool changed = false; // false: nothing to do (IF [NOT] EXISTS matched, already so)
	bool renamed = false; // RENAME TO
	//! SET NOT NULL: the column_id whose existing rows must be checked for NULLs; -1 otherwise.
	int64_t check_not_null_column_id = -1;
};

//! Apply `info` to `table`. New columns and fields take ids from `next_column_id` upwards
//! (column ids are never reused within a table). Throws CatalogException / BinderException /
//! NotImplementedException naming the column and what is allowed.
TableAlteration AlterTableRecord(const TableRecord &table, const duckdb::AlterTableInfo &info, int64_t next_column_id);

//! Whether DuckLake allows changing a column from DuckLake type `from` to `to` without
//! rewriting files (widening: int8 -> int16 -> int32 -> int64, uint widening, uint to a wider
//! signed int, float32 -> float64).
bool TypePromotionAllowed(const std::string &from, const std::string &to);

//! The DuckLake types `from` may be promoted to, in widening order; empty when none.
std::vector<std::string> AllowedPromotions(const std::string &from);

//! The catalog rows that turn `before` into `after` (same table_id).
AlteredTable DiffTableRecords(const TableRecord &before, const TableRecord &after);

//! Highest column_id among `columns`; 0 when empty.
int64_t MaxColumnId(const std::vector<ColumnRecord> &columns);

} // namespace ducklake
