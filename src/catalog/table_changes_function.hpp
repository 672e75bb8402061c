//===----------------------------------------------------------------------===//
// The change feed: ducklake_table_changes, ducklake_table_insertions, ducklake_table_deletions.
//
// ducklake_table_changes(catalog, schema, table, start, end) returns the rows a table gained and
// lost in the snapshots start..end (inclusive; snapshot ids or timestamps), read with the table's
// columns as of `end`: snapshot_id, rowid, change_type, then the columns. change_type is
// `insert` / `delete`, or `update_postimage` / `update_preimage` when one snapshot deleted and
// inserted the same rowid (row lineage: a data file's `_ducklake_internal_row_id` column when
// present, else row_id_start + the row's position). Inserted rows are the rows of the data files
// added in the range; deleted rows are the positions a delete file added in the range lists and
// its predecessor (the delete file it ended) did not, read from the data file; a row one snapshot
// both inserted and deleted (a transaction changing rows it inserted) appears on neither side. The
// insertions and deletions functions return the same columns without change_type, limited to one
// side.
//
// The functions resolve the snapshots and files from the catalog at bind time and replace
// themselves with a query over read_parquet (columns matched by Parquet field id), so DuckDB
// scans the files in parallel. Errors name the catalog, table or bound that is wrong.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/main/extension/extension_loader.hpp"

namespace ducklake {

void RegisterTableChangesFunctions(duckdb::ExtensionLoader &loader);

} // namespace ducklake
