#include "sqllogic_parser.hpp"

#include <gtest/gtest.h>

namespace ducklake::sqllogic {
namespace {

TEST(SqllogicParser, StatementErrorKeepsSqlAndErrorLines) {
	auto parsed = ParseTestFile("statement error\nSELECT *\nFROM t\n----\nCatalog Error\nsecond line\n");
	ASSERT_TRUE(parsed.ok) << parsed.error;
	ASSERT_EQ(parsed.records.size(), 1u);
	auto &record = parsed.records[0];
	EXPECT_EQ(record.type, RecordType::STATEMENT);
	EXPECT_EQ(record.expectation, StatementExpectation::ERROR);
	EXPECT_EQ(record.sql, "SELECT *\nFROM t");
	EXPECT_EQ(record.line, 1u);
	EXPECT_EQ(record.sql_line, 2u);
	EXPECT_TRUE(record.has_expected_block);
	EXPECT_EQ(record.expected_lines, (std::vector<std::string> {"Catalog Error", "second line"}));
}

TEST(SqllogicParser, QueryHeaderSortModeConnectionAndLabel) {
	auto parsed = ParseTestFile("query II rowsort lbl\nSELECT 1, 2\n----\n1\t2\n\nquery I con1\nSELECT 1\n"
	                            "----\n1\n\nquery T valuesort\nSELECT 'a'\n----\na\n");
	ASSERT_TRUE(parsed.ok) << parsed.error;
	ASSERT_EQ(parsed.records.size(), 3u);
	EXPECT_EQ(parsed.records[0].sort_mode, SortMode::ROW_SORT);
	EXPECT_EQ(parsed.records[0].label, "lbl");
	EXPECT_EQ(parsed.records[0].column_types, "II");
	EXPECT_EQ(parsed.records[0].expected_lines, (std::vector<std::string> {"1\t2"}));
	EXPECT_EQ(parsed.records[1].connection_name, "con1");
	EXPECT_EQ(parsed.records[1].sort_mode, SortMode::NO_SORT);
	EXPECT_EQ(parsed.records[2].sort_mode, SortMode::VALUE_SORT);
}

TEST(SqllogicParser, ConditionsAttachToTheNextRecordOnly) {
	auto parsed = ParseTestFile("onlyif duckdb\nskipif sqlite\nstatement ok\nSELECT 1\n\nstatement ok\nSELECT 2\n");
	ASSERT_TRUE(parsed.ok) << parsed.error;
	ASSERT_EQ(parsed.records.size(), 2u);
	ASSERT_EQ(parsed.records[0].conditions.size(), 2u);
	EXPECT_TRUE(parsed.records[0].conditions[0].only_if);
	EXPECT_EQ(parsed.records[0].conditions[0].database, "duckdb");
	EXPECT_FALSE(parsed.records[0].conditions[1].only_if);
	EXPECT_TRUE(parsed.records[1].conditions.empty());
}

TEST(SqllogicParser, NestedLoopsKnowTheirEndloop) {
	auto parsed = ParseTestFile("loop i 0 2\n\nforeach x a b\n\nstatement ok\nSELECT ${i}\n\nendloop\n\nendloop\n");
	ASSERT_TRUE(parsed.ok) << parsed.error;
	ASSERT_EQ(parsed.records.size(), 5u);
	EXPECT_EQ(parsed.records[0].loop_end, 4u);
	EXPECT_EQ(parsed.records[1].loop_end, 3u);
	EXPECT_EQ(parsed.records[1].parameters, (std::vector<std::string> {"x", "a", "b"}));
}

TEST(SqllogicParser, CommentsAndCrLfAreIgnored) {
	auto parsed = ParseTestFile("# comment\r\nstatement ok\r\nSELECT 1\r\n# ends the SQL\r\n\r\nhalt\r\n");
	ASSERT_TRUE(parsed.ok) << parsed.error;
	ASSERT_EQ(parsed.records.size(), 2u);
	EXPECT_EQ(parsed.records[0].sql, "SELECT 1");
	EXPECT_EQ(parsed.records[1].type, RecordType::HALT);
	EXPECT_EQ(parsed.records[1].line, 6u);
}

TEST(SqllogicParser, UnknownDirectiveNamesTheLine) {
	auto parsed = ParseTestFile("statement ok\nSELECT 1\n\nfrobnicate\n");
	EXPECT_FALSE(parsed.ok);
	EXPECT_EQ(parsed.error_line, 4u);
	EXPECT_EQ(parsed.error.rfind("unknown directive 'frobnicate'; allowed: onlyif, skipif, statement", 0), 0u)
	    << parsed.error;
	EXPECT_TRUE(parsed.records.empty());
}

TEST(SqllogicParser, UnbalancedLoopsAreErrors) {
	auto missing_end = ParseTestFile("loop i 0 2\n\nstatement ok\nSELECT 1\n");
	EXPECT_FALSE(missing_end.ok);
	EXPECT_EQ(missing_end.error_line, 1u);
	EXPECT_EQ(missing_end.error, "'loop' has no matching 'endloop'");
	auto stray_end = ParseTestFile("endloop\n");
	EXPECT_FALSE(stray_end.ok);
	EXPECT_EQ(stray_end.error_line, 1u);
	EXPECT_EQ(stray_end.error, "'endloop' without a matching loop/foreach");
}

TEST(SqllogicParser, MalformedRecordsAreErrors) {
	EXPECT_FALSE(ParseTestFile("statement ok\nSELECT 1\n----\nx\n").ok);
	EXPECT_FALSE(ParseTestFile("statement perhaps\nSELECT 1\n").ok);
	EXPECT_FALSE(ParseTestFile("statement ok\n\n").ok);
	EXPECT_FALSE(ParseTestFile("query IZ\nSELECT 1\n").ok);
	EXPECT_FALSE(ParseTestFile("loop i 0\n\nendloop\n").ok);
	EXPECT_FALSE(ParseTestFile("test-env ONLY_NAME\n").ok);
	EXPECT_FALSE(ParseTestFile("onlyif\nstatement ok\nSELECT 1\n").ok);
	EXPECT_FALSE(ParseTestFile("skipif duckdb\n").ok);
}

} // namespace
} // namespace ducklake::sqllogic
