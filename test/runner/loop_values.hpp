//===----------------------------------------------------------------------===//
// LoopValues: the values a loop variable takes, from the (substituted) loop parameters.
//
//   loop / concurrentloop <var> <start> <end>      start, start+1, ..., end-1 (integers; empty when
//                                                  end <= start; at most LOOP_ITERATIONS_MAX)
//   foreach / concurrentforeach <var> <v1> <v2>... each value in order; the DuckDB type lists
//                                                  <signed>, <unsigned>, <integral>, <numeric>,
//                                                  <alltypes> and <compression> expand in place
// Pure. A malformed bound is an error value naming it.
//===----------------------------------------------------------------------===//
#pragma once

#include "sqllogic_parser.hpp"

#include <string>
#include <vector>

namespace ducklake::sqllogic {

//! A `loop` longer than this is a typo in its bounds, not a test.
constexpr int64_t LOOP_ITERATIONS_MAX = 1000000;

//! parameters include the variable name first. Returns false with error for bad bounds.
bool LoopValues(RecordType type, const std::vector<std::string> &parameters, std::vector<std::string> &values,
                std::string &error);

} // namespace ducklake::sqllogic
