#include "storage/column_stats.hpp"

#include <gtest/gtest.h>

namespace ducklake {

using duckdb::LogicalType;
using duckdb::Value;

static Value WriterStats(std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> cols) {
	auto inner_type = LogicalType::MAP(LogicalType::VARCHAR, LogicalType::VARCHAR);
	duckdb::vector<Value> keys, values;
	for (auto &col : cols) {
		duckdb::vector<Value> stat_keys, stat_values;
		for (auto &stat : col.second) {
			stat_keys.push_back(Value(stat.first));
			stat_values.push_back(Value(stat.second));
		}
		keys.push_back(Value(col.first));
		values.push_back(Value::MAP(LogicalType::VARCHAR, LogicalType::VARCHAR, stat_keys, stat_values));
	}
	return Value::MAP(LogicalType::VARCHAR, inner_type, keys, values);
}

TEST(ColumnStats, ValueCountIsRowsMinusNullsAndMissingStatsAreZero) {
	std::unordered_map<std::string, LeafColumn> leaves {{"\"x\"", {1, false, LogicalType::INTEGER}},
	                                                    {"\"iv\"", {2, false, LogicalType::INTERVAL}}};
	auto stats = FileStatsFromWriter(
	    WriterStats({{"\"x\"", {{"min", "-1"}, {"max", "7"}, {"null_count", "1"}, {"column_size_bytes", "33"}}}}),
	    leaves, 3);
	ASSERT_EQ(stats.size(), 2u);
	EXPECT_EQ(stats[0].column_id, 1);
	EXPECT_EQ(stats[0].value_count.ToString(), "2");
	EXPECT_EQ(stats[0].min_value.ToString(), "-1");
	EXPECT_TRUE(stats[0].contains_nan.IsNull());
	EXPECT_EQ(stats[1].column_size_bytes.ToString(), "0");
	EXPECT_EQ(stats[1].null_count.ToString(), "0");
	EXPECT_EQ(stats[1].value_count.ToString(), "3");
	EXPECT_TRUE(stats[1].min_value.IsNull());
}

TEST(ColumnStats, RepeatedLeavesHaveNullCountsAndFloatsHaveNanFlag) {
	std::unordered_map<std::string, LeafColumn> leaves {{"\"l\".\"element\"", {2, true, LogicalType::INTEGER}},
	                                                    {"\"f\"", {3, false, LogicalType::FLOAT}}};
	auto stats = FileStatsFromWriter(
	    WriterStats({{"\"l\".\"element\"", {{"min", "1"}, {"max", "3"}}}, {"\"f\"", {{"has_nan", "true"}}}}), leaves,
	    2);
	EXPECT_TRUE(stats[0].value_count.IsNull());
	EXPECT_TRUE(stats[0].null_count.IsNull());
	EXPECT_EQ(stats[1].contains_nan.ToString(), "true");
}

TEST(ColumnStats, MergeComparesAsColumnTypeNotText) {
	std::vector<TableColumnStatsRecord> table;
	std::unordered_map<int64_t, LogicalType> types {{1, LogicalType::INTEGER}, {2, LogicalType::VARCHAR}};
	FileColumnStatsRecord first;
	first.column_id = 1;
	first.null_count = Value::BIGINT(0);
	first.min_value = Value("9");
	first.max_value = Value("9");
	MergeTableColumnStats(table, {first}, types);
	FileColumnStatsRecord second = first;
	second.min_value = Value("10");
	second.max_value = Value("100");
	second.null_count = Value::BIGINT(2);
	MergeTableColumnStats(table, {second}, types);
	ASSERT_EQ(table.size(), 1u);
	EXPECT_EQ(table[0].min_value.ToString(), "9");
	EXPECT_EQ(table[0].max_value.ToString(), "100");
	EXPECT_EQ(table[0].contains_null.ToString(), "true");
	EXPECT_LT(CompareStatsValues("four", "two", LogicalType::VARCHAR), 0);
	EXPECT_LT(CompareStatsValues("2024-01-05 10:00:00", "2024-03-05 10:00:00", LogicalType::TIMESTAMP), 0);
}

} // namespace ducklake
