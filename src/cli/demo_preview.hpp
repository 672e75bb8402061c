//===----------------------------------------------------------------------===//
// `ducklake demo` (preview): a DuckDB query over generated trips
//
// Stands in for the NYC-taxi demo on the DuckLake catalog until that exists: generates
// taxi-like trips in an in-memory DuckDB with a fixed seed, aggregates them by hour of day and
// by payment type, and prints each step, its result as a box table and its timing.
//
//     ducklake demo [--rows N]        N trips to generate (default 1000000, at most 100000000)
//
// Returns 0 on success, 1 when a step fails (the step and DuckDB's message go to stderr), 2 on
// bad usage.
//===----------------------------------------------------------------------===//
#pragma once

namespace ducklake {

int RunDemoPreview(int argc, char **argv);

} // namespace ducklake
