//===----------------------------------------------------------------------===//
// Virtual columns of DuckLake tables: what `rowid`, `snapshot_id` and `filename` read, and the
// row-id columns DELETE, UPDATE and MERGE identify rows by.
//
// - `rowid` (BIGINT): the row's DuckLake row id (row lineage). A data file's rows have
//   row_id_start + their position, unless the file stores the ids itself in the column
//   `_ducklake_internal_row_id` (Parquet field id `internal_row_id_field_id`), as the files UPDATE
//   writes do: an updated row keeps its row id. Rows this transaction wrote and has not committed
//   get the ids their file will get if no other writer commits into the table first.
// - `snapshot_id` (BIGINT): the snapshot that added the row's data file; NULL before commit.
// - `filename` (VARCHAR), `file_row_number` (BIGINT), `file_index` (UBIGINT): the Parquet scan's
//   own virtual columns (file path as read, position in the file, index in the scan's list).
//
// `lineage_column_marker` marks, in a LogicalUpdate's (or MERGE update action's) column list, the
// extra expression that carries the old row's rowid to the update's sink.
//
// The scan (storage/ducklake_scan.cpp) and the table entry publish the same map, so a name bound
// against the table reads what the scan produces. Pure functions; no state.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/common/multi_file/multi_file_data.hpp"
#include "duckdb/common/open_file_info.hpp"
#include "duckdb/common/index_vector.hpp"
#include "duckdb/common/table_column.hpp"
#include "duckdb/planner/expression.hpp"

namespace ducklake {

//! Parquet field id of the row lineage column of data files written by UPDATE (the official value).
static constexpr int32_t internal_row_id_field_id = 2147483540;
//! Name of that column inside the data file.
static constexpr const char *internal_row_id_name = "_ducklake_internal_row_id";
//! Column id of the `snapshot_id` virtual column (beside DuckDB's multi-file ids).
extern const duckdb::column_t snapshot_id_column;

//! Stands in the update column list for the rowid expression (not a table column).
extern const duckdb::PhysicalIndex lineage_column_marker;

//! The virtual columns of every DuckLake table scan.
duckdb::virtual_column_map_t DucklakeVirtualColumns();

//! Row-id columns of DuckLake tables, in the order DELETE/UPDATE/MERGE receive them: filename,
//! file_row_number. (`rowid` is not among them: computing it for every scanned row would slow
//! DELETE down; updates ask for it themselves, see DucklakeTableEntry::BindUpdateConstraints.)
duckdb::vector<duckdb::column_t> DucklakeRowIdColumns();

//! Per-file facts the virtual columns need; carried in the file's extended open options.
struct VirtualColumnFacts {
	duckdb::Value row_id_start; // BIGINT; NULL when unknown
	duckdb::Value snapshot_id;  // BIGINT; NULL before commit
};

//! Store `facts` in a file's extended open options / read them back.
void SetVirtualColumnFacts(duckdb::ExtendedOpenFileInfo &info, const VirtualColumnFacts &facts);
VirtualColumnFacts GetVirtualColumnFacts(const duckdb::OpenFileInfo &file);

//! The value of a virtual column that is constant for a whole file (snapshot_id; rowid of a file
//! without known row ids is NULL), or null when the column is not constant.
duckdb::unique_ptr<duckdb::Expression>
ConstantVirtualColumn(const duckdb::OpenFileInfo &file, duckdb::column_t column_id, const duckdb::LogicalType &type);

//! For `rowid` of a file whose ids are row_id_start + position: rewrites `column_id` to the Parquet
//! file_row_number column and returns `row_id_start + <that column>` (reading slot `local_idx`).
//! When the file stores its ids (`local_columns` has the lineage column), points
//! `global_column_reference` at `lineage_column` (read as is) and returns null.
duckdb::unique_ptr<duckdb::Expression>
RowIdExpression(duckdb::ClientContext &context, const duckdb::OpenFileInfo &file,
                const duckdb::vector<duckdb::MultiFileColumnDefinition> &local_columns, duckdb::column_t &column_id,
                duckdb::idx_t local_idx, duckdb::MultiFileColumnDefinition &lineage_column,
                duckdb::optional_ptr<duckdb::MultiFileColumnDefinition> &global_column_reference);

//! The definition of the lineage column as a scan reads it (by field id).
duckdb::MultiFileColumnDefinition LineageColumnDefinition();

} // namespace ducklake
