#include "workload/bar_chart.hpp"

#include <gtest/gtest.h>

namespace ducklake {

static size_t CountOf(const std::string &text, const std::string &piece) {
	size_t count = 0;
	for (auto pos = text.find(piece); pos != std::string::npos; pos = text.find(piece, pos + piece.size())) {
		count++;
	}
	return count;
}

TEST(BarChart, LargestValueFillsTheWidthAndOthersScale) {
	auto chart = RenderBarChart({{"a", 100}, {"bb", 50}, {"c", 0}}, 10);
	auto first_line = chart.substr(0, chart.find('\n'));
	EXPECT_EQ(CountOf(first_line, "\u2588"), 10u);
	auto second_line = chart.substr(chart.find('\n') + 1);
	second_line = second_line.substr(0, second_line.find('\n'));
	EXPECT_EQ(CountOf(second_line, "\u2588"), 5u);
	EXPECT_NE(chart.find("c  \u2502 0\n"), std::string::npos);
	EXPECT_EQ(CountOf(chart, "\n"), 3u);
}

TEST(BarChart, LabelsArePaddedAndValuesPrinted) {
	auto chart = RenderBarChart({{"x", 3}, {"long", 1}}, 8);
	EXPECT_EQ(chart.find("x    \u2502"), 0u);
	EXPECT_NE(chart.find(" 3\n"), std::string::npos);
	EXPECT_NE(chart.find(" 1\n"), std::string::npos);
}

TEST(BarChart, PartialCellsUseEighthBlocks) {
	// 1/16 of 8 cells is 4 eighths: a half block and no full block.
	auto chart = RenderBarChart({{"a", 16}, {"b", 1}}, 8);
	auto second_line = chart.substr(chart.find('\n') + 1);
	EXPECT_EQ(CountOf(second_line, "\u2588"), 0u);
	EXPECT_EQ(CountOf(second_line, "\u258c"), 1u);
}

TEST(BarChart, AllZeroAndEmptyInputsDoNotDivideByZero) {
	EXPECT_EQ(RenderBarChart({}), "");
	EXPECT_EQ(RenderBarChart({{"a", 0}}), "a \u2502 0\n");
}

TEST(BarChart, WidthIsClamped) {
	auto chart = RenderBarChart({{"a", 1}}, 1000);
	EXPECT_EQ(CountOf(chart, "\u2588"), bar_width_max);
}

} // namespace ducklake
