#include "metadata/sqlite/sqlite_value.hpp"

#include "duckdb/common/exception/conversion_exception.hpp"

#include <gtest/gtest.h>

namespace ducklake {

TEST(SqliteValueTest, CatalogDeclaredTypesMapToDuckdbTypes) {
	EXPECT_EQ(SqliteDeclaredTypeToLogicalType("BIGINT"), duckdb::LogicalType::BIGINT);
	EXPECT_EQ(SqliteDeclaredTypeToLogicalType("VARCHAR"), duckdb::LogicalType::VARCHAR);
	EXPECT_EQ(SqliteDeclaredTypeToLogicalType("boolean"), duckdb::LogicalType::BOOLEAN);
	EXPECT_EQ(SqliteDeclaredTypeToLogicalType("UUID"), duckdb::LogicalType::UUID);
	EXPECT_EQ(SqliteDeclaredTypeToLogicalType("TIMESTAMP WITH TIME ZONE"), duckdb::LogicalType::TIMESTAMP_TZ);
	EXPECT_EQ(SqliteDeclaredTypeToLogicalType("DOUBLE"), duckdb::LogicalType::DOUBLE);
	EXPECT_EQ(SqliteDeclaredTypeToLogicalType(""), duckdb::LogicalType::INVALID);
	EXPECT_EQ(SqliteDeclaredTypeToLogicalType("NUMERIC"), duckdb::LogicalType::INVALID);
}

TEST(SqliteValueTest, TimestampsAreFixedWidthUtcTextThatRoundTrips) {
	auto timestamp = duckdb::Timestamp::FromString("2025-03-01 14:34:56.5+02", true);
	auto text = FormatSqliteTimestamp(timestamp);
	EXPECT_EQ(text, "2025-03-01 12:34:56.500000+00");
	auto value = SqliteTextToValue(text, duckdb::LogicalType::TIMESTAMP_TZ);
	EXPECT_EQ(value, duckdb::Value::TIMESTAMPTZ(duckdb::timestamp_tz_t(timestamp)));
	// Fixed width keeps text order equal to time order, also across whole seconds.
	auto whole = FormatSqliteTimestamp(duckdb::Timestamp::FromString("2025-03-01 12:34:56", false));
	EXPECT_LT(whole, text);
}

TEST(SqliteValueTest, TextOfTheWrongTypeNamesItself) {
	try {
		SqliteTextToValue("not-a-uuid", duckdb::LogicalType::UUID);
		FAIL() << "no error";
	} catch (duckdb::ConversionException &error) {
		EXPECT_NE(std::string(error.what()).find("not-a-uuid"), std::string::npos) << error.what();
	}
}

} // namespace ducklake
