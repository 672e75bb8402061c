#include "result_table.hpp"

#include <gtest/gtest.h>

namespace ducklake::sqllogic {
namespace {

TEST(ResultTable, RendersNullEmptyAndNulBytes) {
	EXPECT_EQ(RenderValue(duckdb::Value(duckdb::LogicalType::VARCHAR)), "NULL");
	EXPECT_EQ(RenderValue(duckdb::Value("")), "(empty)");
	EXPECT_EQ(RenderValue(duckdb::Value(std::string("a\0b", 3))), "a\\0b");
	EXPECT_EQ(RenderValue(duckdb::Value::INTEGER(-7)), "-7");
	EXPECT_EQ(RenderValue(duckdb::Value::DOUBLE(0.5)), "0.5");
}

TEST(ResultTable, RendersAQueryResult) {
	duckdb::DuckDB database(nullptr);
	duckdb::Connection connection(database);
	auto result = connection.Query("SELECT 1 AS a, NULL AS b UNION ALL SELECT 2, 'x' ORDER BY a");
	ASSERT_FALSE(result->HasError()) << result->GetError();
	auto table = RenderResult(*result);
	EXPECT_EQ(table.names, (std::vector<std::string> {"a", "b"}));
	ASSERT_EQ(table.rows.size(), 2u);
	EXPECT_EQ(table.rows[0], (ResultRow {"1", "NULL"}));
	EXPECT_EQ(table.rows[1], (ResultRow {"2", "x"}));
	EXPECT_EQ(table.ValueCount(), 4u);
}

TEST(ResultTable, SortModes) {
	std::vector<ResultRow> rows {{"b", "1"}, {"a", "9"}};
	auto row_sorted = rows;
	SortRows(row_sorted, SortMode::ROW_SORT);
	EXPECT_EQ(row_sorted, (std::vector<ResultRow> {{"a", "9"}, {"b", "1"}}));
	auto value_sorted = rows;
	SortRows(value_sorted, SortMode::VALUE_SORT);
	EXPECT_EQ(value_sorted, (std::vector<ResultRow> {{"1", "9"}, {"a", "b"}}));
	auto unsorted = rows;
	SortRows(unsorted, SortMode::NO_SORT);
	EXPECT_EQ(unsorted, rows);
}

TEST(ResultTable, HashIsMd5OfValuesWithNewlines) {
	// md5("1\n") and md5("1\n2\n"), as `printf '1\n' | md5sum` prints them.
	EXPECT_EQ(HashRows({{"1"}}), "1 values hashing to b026324c6904b2a9cb4b88d6d61c81d1");
	EXPECT_EQ(HashRows({{"1", "2"}}), "2 values hashing to 6ddb4095eb719e2a9f0a3f95677d24e0");
}

} // namespace
} // namespace ducklake::sqllogic
