#include "storage/partition_filter.hpp"
#include "storage/partitioned_write.hpp"

#include "duckdb/planner/filter/conjunction_filter.hpp"
#include "duckdb/planner/filter/constant_filter.hpp"
#include "duckdb/planner/filter/in_filter.hpp"

#include <gtest/gtest.h>

namespace ducklake {

using duckdb::ConstantFilter;
using duckdb::ExpressionType;
using duckdb::LogicalType;
using duckdb::Value;

namespace {

std::vector<PartitionKeyRecord> Keys(std::vector<std::pair<int64_t, std::string>> keys) {
	std::vector<PartitionKeyRecord> result;
	for (auto &key : keys) {
		PartitionKeyRecord record;
		record.partition_key_index = static_cast<int64_t>(result.size());
		record.column_id = key.first;
		record.transform = key.second;
		result.push_back(record);
	}
	return result;
}

std::vector<std::string> BoundKeys(const duckdb::TableFilter &filter, int64_t column_id, const LogicalType &type,
                                   const std::vector<PartitionKeyRecord> &keys) {
	std::vector<PartitionBound> bounds;
	CollectPartitionBounds(filter, column_id, type, keys, bounds);
	std::vector<std::string> result;
	for (auto &bound : bounds) {
		result.push_back(bound.Key());
	}
	return result;
}

} // namespace

TEST(PartitionFilter, TimestampEqualityBoundsEveryCalendarPart) {
	ConstantFilter filter(ExpressionType::COMPARE_EQUAL,
	                      Value::TIMESTAMP(duckdb::Timestamp::FromString("2024-02-10 05:30:00", false)));
	auto keys = Keys({{1, "year"}, {1, "month"}, {1, "day"}, {1, "hour"}});
	EXPECT_EQ(BoundKeys(filter, 1, LogicalType::TIMESTAMP, keys),
	          (std::vector<std::string> {"p1year=2024;", "p1month=2;", "p1day=10;", "p1hour=5;"}));
}

TEST(PartitionFilter, TimestampRangesBoundOnlyTheYear) {
	ConstantFilter filter(ExpressionType::COMPARE_GREATERTHAN,
	                      Value::TIMESTAMP(duckdb::Timestamp::FromString("2023-12-31 23:59:59", false)));
	auto keys = Keys({{1, "year"}, {1, "month"}});
	EXPECT_EQ(BoundKeys(filter, 1, LogicalType::TIMESTAMP, keys), (std::vector<std::string> {"p1year>=2023;"}));
}

TEST(PartitionFilter, IntegerIdentityKeepsStrictBoundsExact) {
	ConstantFilter less(ExpressionType::COMPARE_LESSTHAN, Value::INTEGER(10));
	ConstantFilter more(ExpressionType::COMPARE_GREATERTHAN, Value::INTEGER(10));
	auto keys = Keys({{2, "identity"}});
	EXPECT_EQ(BoundKeys(less, 2, LogicalType::INTEGER, keys), (std::vector<std::string> {"p2identity<=9;"}));
	EXPECT_EQ(BoundKeys(more, 2, LogicalType::INTEGER, keys), (std::vector<std::string> {"p2identity>=11;"}));
}

TEST(PartitionFilter, TextIdentityOnlyByEquality) {
	ConstantFilter equal(ExpressionType::COMPARE_EQUAL, Value("eu"));
	ConstantFilter less(ExpressionType::COMPARE_LESSTHAN, Value("eu"));
	auto keys = Keys({{3, "identity"}});
	EXPECT_EQ(BoundKeys(equal, 3, LogicalType::VARCHAR, keys), (std::vector<std::string> {"p3identity='eu';"}));
	EXPECT_TRUE(BoundKeys(less, 3, LogicalType::VARCHAR, keys).empty());
}

TEST(PartitionFilter, OtherColumnsAndFloatsSayNothing) {
	ConstantFilter equal(ExpressionType::COMPARE_EQUAL, Value::DOUBLE(1.5));
	EXPECT_TRUE(BoundKeys(equal, 4, LogicalType::DOUBLE, Keys({{4, "identity"}})).empty());
	EXPECT_TRUE(BoundKeys(equal, 4, LogicalType::DOUBLE, Keys({{5, "identity"}})).empty());
}

TEST(PartitionFilter, InListsBoundByTheirValues) {
	auto keys = Keys({{1, "identity"}, {1, "month"}});
	duckdb::InFilter texts({Value("us"), Value("eu")});
	EXPECT_EQ(BoundKeys(texts, 1, LogicalType::VARCHAR, keys),
	          (std::vector<std::string> {"p1identity IN 'eu','us',;"}));
	duckdb::InFilter timestamps({Value::TIMESTAMP(duckdb::Timestamp::FromString("2024-02-10 05:30:00", false)),
	                             Value::TIMESTAMP(duckdb::Timestamp::FromString("2023-02-01 00:00:00", false))});
	EXPECT_EQ(
	    BoundKeys(timestamps, 1, LogicalType::TIMESTAMP, keys),
	    (std::vector<std::string> {"p1identity IN '2023-02-01 00:00:00','2024-02-10 05:30:00',;", "p1month IN 2,;"}));
}

TEST(PartitionedWrite, FilePathKeepsOneFolderPerKey) {
	EXPECT_EQ(PartitionedFilePath("s3://b/lake/main/t/year=2024/month=5/ducklake-x.parquet", 2),
	          "year=2024/month=5/ducklake-x.parquet");
	EXPECT_EQ(PartitionedFilePath("/data/main/t/ducklake-x.parquet", 0), "ducklake-x.parquet");
	EXPECT_EQ(PartitionedFilePath("ducklake-x.parquet", 1), "ducklake-x.parquet");
}

TEST(PartitionedWrite, ValuesComeInKeyOrder) {
	auto map = Value::MAP(LogicalType::VARCHAR, LogicalType::VARCHAR, {Value("year"), Value("zone")},
	                      {Value("2024"), Value(LogicalType::VARCHAR)});
	auto values = PartitionValuesOf(map);
	ASSERT_EQ(values.size(), 2u);
	EXPECT_EQ(values[0].ToString(), "2024");
	EXPECT_TRUE(values[1].IsNull());
}

} // namespace ducklake
