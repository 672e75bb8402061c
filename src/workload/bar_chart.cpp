#include "workload/bar_chart.hpp"

#include <algorithm>

namespace ducklake {

std::string RenderBarChart(const std::vector<BarChartRow> &rows, size_t width) {
	// U+2588 full block and U+2589..U+258F, seven to one eighths.
	static const char *eighths[] = {"", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589"};
	width = std::max<size_t>(1, std::min(width, bar_width_max));
	uint64_t largest = 0;
	size_t label_width = 0;
	for (auto &row : rows) {
		largest = std::max(largest, row.value);
		label_width = std::max(label_width, row.label.size());
	}
	std::string result;
	for (auto &row : rows) {
		result += row.label + std::string(label_width - row.label.size(), ' ') + " \u2502";
		// Bar length in eighths of a cell, rounded to nearest, computed in double: values fit
		// easily and a long double is not needed for a terminal picture.
		uint64_t bar_eighths =
		    largest == 0 ? 0 : uint64_t(double(row.value) / double(largest) * double(width * 8) + 0.5);
		for (uint64_t cell_idx = 0; cell_idx < bar_eighths / 8; cell_idx++) {
			result += "\u2588";
		}
		result += eighths[bar_eighths % 8];
		result += " " + std::to_string(row.value) + "\n";
	}
	return result;
}

} // namespace ducklake
