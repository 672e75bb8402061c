#include "result_comparison.hpp"

#include <gtest/gtest.h>

namespace ducklake::sqllogic {
namespace {

class ResultComparison : public ::testing::Test {
protected:
	bool Match(const std::string &actual, const std::string &expected, const duckdb::LogicalType &type) {
		std::string error;
		bool matches = comparator.ValuesMatch(actual, expected, type, error);
		EXPECT_EQ(error, "");
		return matches;
	}

	RunnerDatabase runner_database;
	ResultComparator comparator {runner_database};
};

TEST_F(ResultComparison, NumericColumnsCompareAsNumbers) {
	EXPECT_TRUE(Match("1", "1.0", duckdb::LogicalType::DOUBLE));
	EXPECT_TRUE(Match("0.3333333333333333", "0.333", duckdb::LogicalType::DOUBLE));
	EXPECT_FALSE(Match("1.0", "1.02", duckdb::LogicalType::DOUBLE));
	EXPECT_TRUE(Match("1.50", "1.5", duckdb::LogicalType::DECIMAL(10, 2)));
	EXPECT_TRUE(Match("7", "7.0", duckdb::LogicalType::BIGINT));
	EXPECT_FALSE(Match("7", "8", duckdb::LogicalType::BIGINT));
	EXPECT_FALSE(Match("7", "seven", duckdb::LogicalType::BIGINT));
	EXPECT_FALSE(Match("NULL", "0", duckdb::LogicalType::INTEGER));
}

TEST_F(ResultComparison, TextAndOtherTypesNeedExactStrings) {
	EXPECT_TRUE(Match("abc", "abc", duckdb::LogicalType::VARCHAR));
	EXPECT_FALSE(Match("1", "1.0", duckdb::LogicalType::VARCHAR));
	EXPECT_FALSE(Match("2024-01-01", "2024-1-1", duckdb::LogicalType::DATE));
}

TEST_F(ResultComparison, BooleanForms) {
	EXPECT_TRUE(Match("true", "1", duckdb::LogicalType::BOOLEAN));
	EXPECT_TRUE(Match("false", "FALSE", duckdb::LogicalType::BOOLEAN));
	EXPECT_FALSE(Match("true", "0", duckdb::LogicalType::BOOLEAN));
	EXPECT_FALSE(Match("NULL", "false", duckdb::LogicalType::BOOLEAN));
}

TEST_F(ResultComparison, RegexesMatchTheWholeValue) {
	EXPECT_TRUE(Match("duck42", "<REGEX>:duck[0-9]+", duckdb::LogicalType::VARCHAR));
	EXPECT_FALSE(Match("duck42", "<REGEX>:duck", duckdb::LogicalType::VARCHAR));
	EXPECT_TRUE(Match("a\nb", "<REGEX>:a.b", duckdb::LogicalType::VARCHAR));
	EXPECT_TRUE(Match("duck", "<!REGEX>:goose", duckdb::LogicalType::VARCHAR));
	EXPECT_FALSE(Match("goose", "<!REGEX>:go+se", duckdb::LogicalType::VARCHAR));
	std::string error;
	EXPECT_FALSE(comparator.ValuesMatch("x", "<REGEX>:(", duckdb::LogicalType::VARCHAR, error));
	EXPECT_NE(error.find("invalid regular expression '('"), std::string::npos) << error;
}

TEST_F(ResultComparison, ExpectedRowsRowWiseOrOneValuePerLine) {
	std::vector<ResultRow> rows;
	std::string error;
	ASSERT_TRUE(comparator.ParseExpectedRows({"1\ta", "2\tb"}, 2, 2, rows, error)) << error;
	EXPECT_EQ(rows, (std::vector<ResultRow> {{"1", "a"}, {"2", "b"}}));
	ASSERT_TRUE(comparator.ParseExpectedRows({"1", "a", "2", "b"}, 2, 2, rows, error)) << error;
	EXPECT_EQ(rows, (std::vector<ResultRow> {{"1", "a"}, {"2", "b"}}));
	EXPECT_FALSE(comparator.ParseExpectedRows({"1", "a", "2"}, 2, 1, rows, error));
	EXPECT_FALSE(comparator.ParseExpectedRows({"1\ta\tz", "2\tb"}, 2, 2, rows, error));
	EXPECT_NE(error.find("line 1 has 3 tab-separated values"), std::string::npos) << error;
}

TEST_F(ResultComparison, CompareRowsExplainsTheFirstDifference) {
	ResultTable actual;
	actual.names = {"id", "name"};
	actual.types = {duckdb::LogicalType::INTEGER, duckdb::LogicalType::VARCHAR};
	actual.rows = {{"1", "a"}, {"2", "b"}};
	std::string message;
	EXPECT_TRUE(comparator.CompareRows(actual, {{"1.0", "a"}, {"2", "b"}}, message)) << message;
	EXPECT_FALSE(comparator.CompareRows(actual, {{"1", "a"}, {"2", "c"}}, message));
	EXPECT_NE(message.find("row 2, column 2 (name VARCHAR): expected 'c' but got 'b'"), std::string::npos) << message;
	EXPECT_NE(message.find("- 2\tc\n"), std::string::npos) << message;
	EXPECT_NE(message.find("+ 2\tb\n"), std::string::npos) << message;
	EXPECT_FALSE(comparator.CompareRows(actual, {{"1", "a"}}, message));
	EXPECT_NE(message.find("expected 1 rows but the query returned 2"), std::string::npos) << message;
}

TEST_F(ResultComparison, ErrorTextsMatchBySubstringOrRegex) {
	std::string error;
	auto message = "Catalog Error: Table with name t does not exist!";
	EXPECT_TRUE(comparator.ErrorMatches(message, "name t does not", error));
	EXPECT_FALSE(comparator.ErrorMatches(message, "Binder Error", error));
	EXPECT_TRUE(comparator.ErrorMatches(message, "<REGEX>:Catalog Error: .* does not exist!", error));
	EXPECT_FALSE(comparator.ErrorMatches(message, "<REGEX>:Catalog", error));
	EXPECT_TRUE(comparator.ErrorMatches(message, "<!REGEX>:.*Binder.*", error));
	EXPECT_EQ(error, "");
}

TEST(ResultComparisonLines, HashAndFileLines) {
	EXPECT_TRUE(IsHashLine("6 values hashing to 0123abcdef"));
	EXPECT_FALSE(IsHashLine("six values hashing to 0123"));
	EXPECT_FALSE(IsHashLine("6 values hashing to XYZ"));
	std::string path;
	EXPECT_TRUE(IsResultFileLine("<FILE>:data/x.csv", path));
	EXPECT_EQ(path, "data/x.csv");
	EXPECT_FALSE(IsResultFileLine("data/x.csv", path));
}

} // namespace
} // namespace ducklake::sqllogic
