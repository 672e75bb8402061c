//===----------------------------------------------------------------------===//
// The `ducklake` SQL shell, start to finish
//
// RunShell parses the command line, opens DuckDB with the ducklake extension loaded, attaches
// the lake, runs -c/-f/stdin or the interactive loop, and returns the process exit code:
// 0 success, 1 a statement or the lake attach failed, 2 bad usage.
//===----------------------------------------------------------------------===//
#pragma once

namespace ducklake {

int RunShell(int argc, char **argv);

} // namespace ducklake
