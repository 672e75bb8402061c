#include "result_diff.hpp"

#include <gtest/gtest.h>

namespace ducklake::sqllogic {
namespace {

std::string Diff(const std::vector<std::string> &expected, const std::vector<std::string> &actual) {
	return RenderRowDiff(
	    expected, actual, [&](uint64_t e, uint64_t a) { return expected[e] == actual[a]; }, "");
}

TEST(ResultDiff, ChangedRowShowsExpectedThenActual) {
	EXPECT_EQ(Diff({"1", "2", "3"}, {"1", "20", "3"}), "  1\n- 2\n+ 20\n  3\n");
}

TEST(ResultDiff, InsertedAndRemovedRows) {
	EXPECT_EQ(Diff({"a", "c"}, {"a", "b", "c"}), "  a\n+ b\n  c\n");
	EXPECT_EQ(Diff({"a", "b", "c"}, {"a", "c"}), "  a\n- b\n  c\n");
	EXPECT_EQ(Diff({}, {"x"}), "+ x\n");
}

TEST(ResultDiff, UsesTheCallersEquality) {
	std::vector<std::string> expected {"1.0", "2"};
	std::vector<std::string> actual {"1", "3"};
	auto lenient = [&](uint64_t e, uint64_t a) {
		return std::stod(expected[e]) == std::stod(actual[a]);
	};
	EXPECT_EQ(RenderRowDiff(expected, actual, lenient, ">"), ">  1\n>- 2\n>+ 3\n");
}

TEST(ResultDiff, OutputIsCapped) {
	std::vector<std::string> expected;
	std::vector<std::string> actual;
	for (int row = 0; row < 300; row++) {
		expected.push_back("e" + std::to_string(row));
		actual.push_back("a" + std::to_string(row));
	}
	auto diff = Diff(expected, actual);
	EXPECT_NE(diff.find("... (400 more lines)"), std::string::npos);
	// Beyond the LCS bound the rows still all appear (expected first), just not aligned.
	expected.resize(600, "e");
	actual.resize(600, "a");
	auto listed = Diff(expected, actual);
	EXPECT_EQ(listed.rfind("- e0\n", 0), 0u);
	EXPECT_NE(listed.find("more lines"), std::string::npos);
}

TEST(ResultDiff, RowListIsIndented) {
	EXPECT_EQ(RenderRowList({"a\tb"}, "  "), "    a\tb\n");
}

} // namespace
} // namespace ducklake::sqllogic
