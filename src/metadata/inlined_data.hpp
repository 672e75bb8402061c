//===----------------------------------------------------------------------===//
// Inlined data: small inserts kept in the catalog database instead of Parquet files.
//
// A table's inlined rows live in `ducklake_inlined_data_<table_id>_<schema_version>` tables
// (row_id BIGINT, begin_snapshot BIGINT, end_snapshot BIGINT, then the table's top-level
// columns as they were at that schema version, in column order), each registered by one
// ducklake_inlined_data_tables row. A row is visible at snapshot S like every versioned catalog
// row: begin_snapshot <= S AND (end_snapshot IS NULL OR end_snapshot > S); deleting an inlined
// row sets its end_snapshot, so time travel keeps seeing it.
//
// This file holds the SQL for those tables on every store (the column types and value literals
// come from the connection's dialect: MetadataConnection::InlinedColumnType/InlinedValueLiteral)
// and the reads. Read-only helpers run on the caller's connection; the write helpers return SQL
// that the commit runs inside its metadata transaction.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_connection.hpp"
#include "metadata/metadata_records.hpp"

#include <set>
#include <string>
#include <vector>

namespace ducklake {

//! One ducklake_inlined_data_tables row.
struct InlinedTableRecord {
	int64_t table_id = -1;
	std::string table_name;
	int64_t schema_version = -1;
};

//! A column of an inlined data table: the table column's id, name and DuckDB type.
struct InlinedColumn {
	int64_t column_id = -1;
	std::string name;
	duckdb::LogicalType type;
};

//! The name of the inlined data table of `table_id` created at `schema_version`.
std::string InlinedTableName(int64_t table_id, int64_t schema_version);

//! Whether the store can hold values of `columns` in an inlined table (all column types have a
//! native type there). A table that cannot is never inlined: its inserts go to Parquet.
bool StoreCanInline(const MetadataConnection &connection, const std::vector<InlinedColumn> &columns);

//! CREATE TABLE of an inlined data table plus its ducklake_inlined_data_tables row.
std::string CreateInlinedTableSQL(const MetadataConnection &connection, const InlinedTableRecord &table,
                                  const std::vector<InlinedColumn> &columns);
//! INSERT of rows beginning at `snapshot_id`: `row_ids[i]` and `rows[i]` (values in column order).
std::string InsertInlinedRowsSQL(const MetadataConnection &connection, const std::string &table_name,
                                 const std::vector<int64_t> &row_ids,
                                 const std::vector<std::vector<duckdb::Value>> &rows, int64_t snapshot_id);
//! End the rows `row_ids` (still visible) of an inlined table at `snapshot_id` (a delete).
std::string EndInlinedRowsSQL(const MetadataConnection &connection, const std::string &table_name,
                              const std::vector<int64_t> &row_ids, int64_t snapshot_id);

//! The value of table column `column_id` (current type `type`, initial default `initial_default`)
//! in a stored inlined row (row_id, begin_snapshot, end_snapshot, then `stored_columns`): the
//! stored value cast to `type`, or the initial default (NULL when none) for a row written before
//! the column existed.
duckdb::Value InlinedRowValue(const std::vector<duckdb::Value> &row, const std::vector<InlinedColumn> &stored_columns,
                              int64_t column_id, const duckdb::LogicalType &type, const duckdb::Value &initial_default);

class InlinedDataReader {
public:
	explicit InlinedDataReader(MetadataConnection &connection);

	//! The inlined data tables registered for `table_id`, oldest schema version first.
	std::vector<InlinedTableRecord> ListTables(int64_t table_id);
	//! The ids of the tables that have at least one inlined data table (one query for the catalog).
	std::set<int64_t> TablesWithInlinedData();
	//! The top-level columns of `table_id` that `table` was created with (those visible at the
	//! first snapshot of its schema version), in column order.
	std::vector<InlinedColumn> ListColumns(const InlinedTableRecord &table);
	//! Rows of `table_name` visible at `snapshot_id`, ordered by row_id, every column in table
	//! order (row_id, begin_snapshot, end_snapshot, then the values).
	MetadataRows ReadVisibleRows(const std::string &table_name, int64_t snapshot_id);
	//! All rows of `table_name` (for change feeds), ordered by row_id, every column.
	MetadataRows ReadAllRows(const std::string &table_name);
	//! The snapshot of the table's newest column change (a column added, ended or re-typed).
	int64_t LastColumnChangeSnapshot(int64_t table_id);
	//! The schema version of `snapshot_id`.
	int64_t SchemaVersionOf(int64_t snapshot_id);

private:
	MetadataConnection &connection;
};

} // namespace ducklake
