//===----------------------------------------------------------------------===//
// NOT NULL on written files: DuckLake records NOT NULL as ducklake_column.nulls_allowed = false,
// and the insert sink enforces it from the statistics of the files it just wrote (the Parquet
// writer counts NULLs per leaf), so no extra pass over the data is needed. Pure function.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_records.hpp"

#include <string>
#include <vector>

namespace ducklake {

//! The name of the first top-level, non-nested NOT NULL column of `columns` that some file's
//! statistics report NULLs for (or whose statistics are missing); empty when none.
std::string FindNotNullViolation(const std::vector<ColumnRecord> &columns,
                                 const std::vector<std::vector<FileColumnStatsRecord>> &file_stats);

} // namespace ducklake
