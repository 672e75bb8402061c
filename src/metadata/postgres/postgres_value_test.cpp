#include "metadata/postgres/postgres_value.hpp"

#include "duckdb/common/exception.hpp"
#include "duckdb/common/exception/conversion_exception.hpp"

#include <gtest/gtest.h>

namespace ducklake {

namespace {
duckdb::Value Convert(uint32_t oid, const std::string &text) {
	return PostgresTextToValue(oid, text.c_str(), text.size());
}
} // namespace

TEST(PostgresValueTest, IntegersKeepTheirWidth) {
	auto big = Convert(postgres_oid::INT8, "-9223372036854775808");
	EXPECT_EQ(big.type(), duckdb::LogicalType::BIGINT);
	EXPECT_EQ(big.GetValue<int64_t>(), std::numeric_limits<int64_t>::min());
	EXPECT_EQ(Convert(postgres_oid::INT4, "42").type(), duckdb::LogicalType::INTEGER);
	EXPECT_EQ(Convert(postgres_oid::INT2, "-7").GetValue<int64_t>(), -7);
}

TEST(PostgresValueTest, IntegralNumericBecomesBigintOtherwiseDouble) {
	auto sum = Convert(postgres_oid::NUMERIC, "123456789012");
	EXPECT_EQ(sum.type(), duckdb::LogicalType::BIGINT);
	EXPECT_EQ(sum.GetValue<int64_t>(), 123456789012);
	auto fraction = Convert(postgres_oid::NUMERIC, "2.5");
	EXPECT_EQ(fraction.type(), duckdb::LogicalType::DOUBLE);
	EXPECT_DOUBLE_EQ(fraction.GetValue<double>(), 2.5);
}

TEST(PostgresValueTest, BooleansAreTOrF) {
	EXPECT_TRUE(Convert(postgres_oid::BOOL, "t").GetValue<bool>());
	EXPECT_FALSE(Convert(postgres_oid::BOOL, "f").GetValue<bool>());
	EXPECT_THROW(Convert(postgres_oid::BOOL, "yes"), duckdb::ConversionException);
}

TEST(PostgresValueTest, UuidAndTimestamptzBecomeTheirDuckdbTypes) {
	auto uuid = Convert(postgres_oid::UUID, "0192f1a8-7b3c-7def-8123-456789abcdef");
	EXPECT_EQ(uuid.type(), duckdb::LogicalType::UUID);
	EXPECT_EQ(uuid.ToString(), "0192f1a8-7b3c-7def-8123-456789abcdef");
	auto time = Convert(postgres_oid::TIMESTAMPTZ, "2025-03-01 12:34:56.789012+00");
	EXPECT_EQ(time.type(), duckdb::LogicalType::TIMESTAMP_TZ);
	// An offset is applied: 14:34:56+02 is 12:34:56 UTC.
	EXPECT_EQ(Convert(postgres_oid::TIMESTAMPTZ, "2025-03-01 14:34:56.789012+02"), time);
}

TEST(PostgresValueTest, FloatsAcceptNanAndInfinity) {
	auto nan = Convert(postgres_oid::FLOAT8, "NaN");
	EXPECT_TRUE(std::isnan(nan.GetValue<double>()));
	EXPECT_TRUE(std::isinf(Convert(postgres_oid::FLOAT8, "-Infinity").GetValue<double>()));
	EXPECT_EQ(Convert(postgres_oid::FLOAT4, "1.5").type(), duckdb::LogicalType::FLOAT);
}

TEST(PostgresValueTest, ByteaHexIsDecoded) {
	auto blob = Convert(postgres_oid::BYTEA, "\\x00ff41");
	EXPECT_EQ(blob.type(), duckdb::LogicalType::BLOB);
	auto &bytes = duckdb::StringValue::Get(blob);
	ASSERT_EQ(bytes.size(), 3u);
	EXPECT_EQ(static_cast<unsigned char>(bytes[1]), 0xff);
	EXPECT_THROW(Convert(postgres_oid::BYTEA, "\\x0g"), duckdb::ConversionException);
}

TEST(PostgresValueTest, UnknownTypesComeBackAsText) {
	auto json = Convert(114, "{\"a\": 1}");
	EXPECT_EQ(json.type(), duckdb::LogicalType::VARCHAR);
	EXPECT_EQ(json.ToString(), "{\"a\": 1}");
}

TEST(PostgresValueTest, GarbageNamesTheTextAndType) {
	try {
		Convert(postgres_oid::INT8, "12x");
		FAIL() << "no error";
	} catch (duckdb::ConversionException &error) {
		EXPECT_NE(std::string(error.what()).find("'12x'"), std::string::npos) << error.what();
		EXPECT_NE(std::string(error.what()).find("BIGINT"), std::string::npos) << error.what();
	}
}

} // namespace ducklake
