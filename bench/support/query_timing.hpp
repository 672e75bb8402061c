//===----------------------------------------------------------------------===//
// Timing for the benchmarks: percentiles of a repeated action; for SQL, run a statement or die
// naming it, time it, and time two
// statements alternately (a, b, a, b, ...) so that load changes on a shared machine hit both
// alike. Each pair is repeated `repetitions` times and summarized by its median (the figure to
// judge) and its minimum.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ducklake {
namespace bench {

constexpr int default_repetitions = 5;

struct Timing {
	double median = 0;
	double min = 0;
};

//! p50 and p99 of repeated measurements, in ms.
struct Percentiles {
	double p50 = 0, p99 = 0;
};

//! Time `action(idx)` for idx in [0, count) (count > 0), one sample each.
Percentiles Measure(int64_t count, const std::function<void(int64_t)> &action);

//! Median and minimum of `times_ms` (not empty).
Timing Summarize(std::vector<double> times_ms);

//! Exit with the statement and its error when `result` failed.
void Check(duckdb::unique_ptr<duckdb::MaterializedQueryResult> result, const std::string &sql);

//! Wall time of `sql` in ms (exits when it fails).
double TimeQuery(duckdb::Connection &con, const std::string &sql);

//! `sql_a` and `sql_b` timed alternately; each `setup_*` (when not empty) runs untimed right
//! before its statement.
std::pair<Timing, Timing> AlternatedTimes(duckdb::Connection &con, const std::string &setup_a, const std::string &sql_a,
                                          const std::string &setup_b, const std::string &sql_b,
                                          int repetitions = default_repetitions);

//! The "Total Files Read" of a DuckLake scan in the EXPLAIN ANALYZE of `sql`, "?" when absent.
std::string FilesRead(duckdb::Connection &con, const std::string &sql);

} // namespace bench
} // namespace ducklake
