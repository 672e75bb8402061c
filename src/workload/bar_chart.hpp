//===----------------------------------------------------------------------===//
// Horizontal bar charts for a terminal: one line per label, bars scaled so the largest value
// fills `bar_width_max` cells (eighth-block characters give sub-cell resolution), the value at
// the end. Pure: returns the text, prints nothing.
//===----------------------------------------------------------------------===//

#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ducklake {

struct BarChartRow {
	std::string label;
	uint64_t value = 0;
};

constexpr size_t bar_width_max = 50;

//! Renders the rows in the given order. Zero values get an empty bar; an all-zero chart
//! renders empty bars rather than dividing by zero. width must be 1..bar_width_max.
std::string RenderBarChart(const std::vector<BarChartRow> &rows, size_t width = 40);

} // namespace ducklake
