//===----------------------------------------------------------------------===//
// `ducklake demo`: the NYC-taxi demo, what the README's first command runs.
//
//     ducklake demo [--months RANGE] [--rows-per-month N] [--source DIR|URL] [--seed N]
//                   [--lake URI --data PATH | --stack]
//
// Four numbered steps, each printed as it starts and timed: open (or reuse) the lake, load
// the months (progress bar; months already in the lake are skipped), run the aggregation
// queries (workload/taxi_queries.hpp) printing each result as a table, and draw trips by hour
// of day as a bar chart. The default, 3 months of 250,000 generated trips on the embedded lake,
// finishes well under a minute on a small machine. A failure names the step, DuckDB's message and what to do.
// Returns 0 on success, 1 when a step fails, 2 on bad usage.
//===----------------------------------------------------------------------===//
#pragma once

namespace ducklake {

int RunDemoCommand(int argc, char **argv);

} // namespace ducklake
