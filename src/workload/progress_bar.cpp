#include "workload/progress_bar.hpp"

#include <algorithm>

namespace ducklake {

std::string RenderProgressBar(uint64_t done, uint64_t total, size_t width) {
	done = std::min(done, total);
	auto filled = total == 0 ? 0 : size_t(double(done) / double(total) * double(width));
	auto percent = total == 0 ? 0 : int(double(done) * 100.0 / double(total));
	auto percent_text = std::to_string(percent);
	return "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] " +
	       std::string(3 - std::min<size_t>(3, percent_text.size()), ' ') + percent_text + "% " + std::to_string(done) +
	       "/" + std::to_string(total) + " rows";
}

} // namespace ducklake
