//===----------------------------------------------------------------------===//
// One line of progress for a terminal: `[#########.........]  45% 450000/1000000 rows`.
// Pure: the caller decides where and how often to print it (with '\r' to redraw in place).
//===----------------------------------------------------------------------===//

#pragma once

#include <cstdint>
#include <string>

namespace ducklake {

//! `done` is clamped to `total`; total 0 renders an empty bar at 0%.
std::string RenderProgressBar(uint64_t done, uint64_t total, size_t width = 30);

} // namespace ducklake
