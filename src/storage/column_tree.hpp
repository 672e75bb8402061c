//===----------------------------------------------------------------------===//
// Column trees: the mapping between DuckDB column lists and DuckLake's flat ducklake_column rows.
//
// DuckLake stores one row per node of a column's type tree, children linked by parent_column;
// column ids are per table, assigned depth-first from 1 (a STRUCT s(a, b) defined first gets
// s=1, a=2, b=3), and column_order follows the same numbering for a new table. The Parquet
// field_id of every node is its column id. Pure functions.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_records.hpp"

#include "duckdb/common/multi_file/multi_file_data.hpp"
#include "duckdb/parser/column_list.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace ducklake {

//! Flatten columns into ducklake_column records, ids from `first_column_id`. Throws
//! NotImplementedException for types DuckLake cannot store (see DucklakeTypeName).
std::vector<ColumnRecord> FlattenColumns(const duckdb::ColumnList &columns, int64_t first_column_id = 1);

//! Rebuild DuckDB column definitions (name, type, default) from ducklake_column records.
duckdb::ColumnList BuildColumnList(const std::vector<ColumnRecord> &records);

//! The DuckDB type of one top-level record, built from its descendants.
duckdb::LogicalType BuildColumnType(const ColumnRecord &record, const std::vector<ColumnRecord> &records);

//! The Parquet writer's FIELD_IDS option value for the top-level columns of `records`.
duckdb::Value BuildFieldIds(const std::vector<ColumnRecord> &records);

//! The multi-file reader schema (field id = column id, nested children) of the top-level columns.
std::vector<duckdb::MultiFileColumnDefinition> BuildScanSchema(const std::vector<ColumnRecord> &records);

//! The Parquet writer's statistics key of each leaf column (`"x"`, `"s"."f"`, `"l"."element"`)
//! mapped to its column id; `under_repeated` tells whether the leaf sits in a list or map.
struct LeafColumn {
	int64_t column_id;
	bool under_repeated;
	duckdb::LogicalType type;
};
std::unordered_map<std::string, LeafColumn> LeafColumnsByStatsKey(const std::vector<ColumnRecord> &records);

} // namespace ducklake
