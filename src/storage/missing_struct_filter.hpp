//===----------------------------------------------------------------------===//
// Filters on fields of a STRUCT column that a data file does not have.
//
// A struct column added by ALTER TABLE is missing from the files written before it and reads as
// its NULL default there. DuckDB 1.4's multi-file reader evaluates a pushed-down filter on such a
// column against that default, and a filter on a field (`WHERE s.f = 1`) then fails inside
// DuckDB ("Calling StructValue::GetChildren on a NULL value"). We decide those filters ourselves
// before the reader sees them: every field of a NULL struct is NULL, so the filter either drops
// the whole file or keeps all of its rows (and is then not needed for it). Pure functions.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/common/multi_file/multi_file_data.hpp"
#include "duckdb/planner/table_filter.hpp"
#include "duckdb/storage/storage_index.hpp"

namespace ducklake {

enum class NullFilterOutcome { PASSES, FAILS, UNKNOWN };

//! Whether `filter` keeps a row whose value (and every struct field of it) is NULL.
NullFilterOutcome EvaluateFilterOnNull(const duckdb::TableFilter &filter);

//! The filters to use for one file. Returns false when the file cannot match (skip it). When some
//! filters were decided here, `adjusted` receives the remaining ones and `filters` should be
//! replaced by it; otherwise `adjusted` stays empty. Throws NotImplementedException naming the
//! column for a filter on a missing struct column that cannot be decided.
bool AdjustFiltersForMissingStructs(const duckdb::vector<duckdb::MultiFileColumnDefinition> &file_columns,
                                    const duckdb::vector<duckdb::MultiFileColumnDefinition> &global_columns,
                                    const duckdb::vector<duckdb::ColumnIndex> &global_column_ids,
                                    const duckdb::TableFilterSet &filters,
                                    duckdb::unique_ptr<duckdb::TableFilterSet> &adjusted);

} // namespace ducklake
