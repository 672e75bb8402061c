//===----------------------------------------------------------------------===//
// RenderRowDiff: a readable line diff of expected vs actual result rows.
//
// Rows that the caller's equality says match are shown once with two spaces, rows only in the
// expected result with "- ", rows only in the actual result with "+ ". The alignment is a longest
// common subsequence, computed only while expected x actual stays under a bound; beyond it (huge
// results) both lists are shown one after the other. Output is capped at a number of lines, with
// a note saying how many were left out. Pure: no I/O.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ducklake::sqllogic {

//! rows_equal(expected_idx, actual_idx) says whether two rows match (it may be lenient, e.g.
//! numeric tolerance). Each output line is indented by indent.
std::string RenderRowDiff(const std::vector<std::string> &expected, const std::vector<std::string> &actual,
                          const std::function<bool(uint64_t, uint64_t)> &rows_equal, const std::string &indent);

//! Lists rows one per line with the indent, capped like the diff.
std::string RenderRowList(const std::vector<std::string> &rows, const std::string &indent);

} // namespace ducklake::sqllogic
