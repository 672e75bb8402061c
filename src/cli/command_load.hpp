//===----------------------------------------------------------------------===//
// `ducklake load nyc-taxi`: loads NYC TLC yellow-taxi months into a table of the lake.
//
//     ducklake load nyc-taxi [--months 2024-01..2024-03] [--source DIR|s3://...|https://...]
//                            [--rows-per-month N] [--seed N] [--table NAME] [--lake URI] [--data PATH]
//
// Real TLC files when --source is given, else the seeded generator (workload/taxi_generator.hpp).
// Each month is one transaction (one DuckLake snapshot with a commit message); months already
// loaded are skipped, so re-running is safe. Prints a progress bar per month and the load rate.
// Returns 0 on success, 1 when loading fails (the month, the error and a fix go to stderr),
// 2 on bad usage.
//===----------------------------------------------------------------------===//
#pragma once

#include "cli/workload_target.hpp"
#include "workload/taxi_loader.hpp"

#include <ostream>

namespace ducklake {

int RunLoadCommand(int argc, char **argv);

//! Loads with a progress bar on `out` (redrawn in place when `interactive`). Shared with
//! `ducklake demo`. Returns the loader's report; prints nothing on failure.
TaxiLoadReport LoadWithProgress(duckdb::Connection &connection, const TaxiLoadOptions &options, bool interactive,
                                std::ostream &out);

//! "1,234,567"
std::string FormatCount(uint64_t value);

} // namespace ducklake
