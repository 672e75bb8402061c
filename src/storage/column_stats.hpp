//===----------------------------------------------------------------------===//
// Column statistics: DuckLake's text-encoded stats, from the Parquet writer to the catalog.
//
// The Parquet writer reports per leaf column (keyed by the quoted leaf path) min/max as DuckDB
// text, null_count, column_size_bytes and has_nan. DuckLake stores them as strings: integers
// and floats in decimal, dates and timestamps in ISO form, timestamptz with "+00", blobs as hex.
// Rules matching the official extension: value_count = record_count - null_count; a leaf the
// writer gave no stats for gets size 0, null_count 0 and no min/max; leaves inside a list or map
// have NULL value_count and null_count (element counts are not row counts); contains_nan is set
// for floating-point leaves only. Pure functions.
//===----------------------------------------------------------------------===//
#pragma once

#include "storage/column_tree.hpp"
#include "metadata/metadata_records.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace ducklake {

//! Convert the writer's column_statistics MAP(VARCHAR, MAP(VARCHAR, VARCHAR)) of one file.
std::vector<FileColumnStatsRecord> FileStatsFromWriter(const duckdb::Value &column_statistics,
                                                       const std::unordered_map<std::string, LeafColumn> &leaves,
                                                       int64_t record_count);

//! Fold one file's stats into a table's ducklake_table_column_stats rows (min of mins, max of
//! maxes compared as the column type, contains_null/contains_nan OR-ed).
void MergeTableColumnStats(std::vector<TableColumnStatsRecord> &table_stats,
                           const std::vector<FileColumnStatsRecord> &file_stats,
                           const std::unordered_map<int64_t, duckdb::LogicalType> &column_types);

//! Compare two stats strings as values of `type`: <0, 0, >0. Text that does not parse as the
//! type compares as text.
int CompareStatsValues(const std::string &left, const std::string &right, const duckdb::LogicalType &type);

//! Integer types whose stats strings (and identity partition values) are decimal integers in the
//! BIGINT range, so a bound on them can be compared as BIGINT inside a listing query on every store.
bool HasIntegerStats(const duckdb::LogicalType &type);

//! Types whose column stats keep min_value/max_value (as the official extension writes them for
//! inlined rows; for files the Parquet writer's stats decide).
bool HasMinMaxStats(const duckdb::LogicalType &type);

} // namespace ducklake
