#include "metadata/ducklake_type.hpp"

#include "duckdb/common/exception.hpp"

#include <gtest/gtest.h>

namespace ducklake {

using duckdb::LogicalType;

TEST(DucklakeType, NamesMatchSpecLowerCase) {
	EXPECT_EQ(DucklakeTypeName(LogicalType::TINYINT, "c"), "int8");
	EXPECT_EQ(DucklakeTypeName(LogicalType::UBIGINT, "c"), "uint64");
	EXPECT_EQ(DucklakeTypeName(LogicalType::DOUBLE, "c"), "float64");
	EXPECT_EQ(DucklakeTypeName(LogicalType::DECIMAL(18, 3), "c"), "decimal(18,3)");
	EXPECT_EQ(DucklakeTypeName(LogicalType::TIMESTAMP_TZ, "c"), "timestamptz");
	EXPECT_EQ(DucklakeTypeName(LogicalType::TIMESTAMP_NS, "c"), "timestamp_ns");
	EXPECT_EQ(DucklakeTypeName(LogicalType::JSON(), "c"), "json");
	EXPECT_EQ(DucklakeTypeName(LogicalType::LIST(LogicalType::INTEGER), "c"), "list");
}

TEST(DucklakeType, EveryPrimitiveRoundTrips) {
	for (auto &type : std::vector<LogicalType> {
	         LogicalType::BOOLEAN, LogicalType::SMALLINT, LogicalType::INTEGER, LogicalType::UINTEGER,
	         LogicalType::FLOAT, LogicalType::DATE, LogicalType::TIME, LogicalType::TIME_TZ, LogicalType::TIMESTAMP,
	         LogicalType::TIMESTAMP_S, LogicalType::TIMESTAMP_MS, LogicalType::INTERVAL, LogicalType::VARCHAR,
	         LogicalType::BLOB, LogicalType::UUID, LogicalType::DECIMAL(4, 1), LogicalType::JSON()}) {
		EXPECT_EQ(DucklakePrimitiveType(DucklakeTypeName(type, "c")), type) << type.ToString();
	}
}

TEST(DucklakeType, UnstorableTypeNamesColumnAndType) {
	try {
		DucklakeTypeName(LogicalType::BIT, "flags");
		FAIL() << "BIT must be refused";
	} catch (duckdb::NotImplementedException &ex) {
		std::string message = ex.what();
		EXPECT_NE(message.find("flags"), std::string::npos);
		EXPECT_NE(message.find("BIT"), std::string::npos);
	}
	EXPECT_THROW(DucklakeTypeName(LogicalType::ARRAY(LogicalType::INTEGER, 3), "a"), duckdb::NotImplementedException);
}

TEST(DucklakeType, UnknownNameIsRejected) {
	EXPECT_THROW(DucklakePrimitiveType("int256"), duckdb::InvalidInputException);
	EXPECT_THROW(DucklakePrimitiveType("decimal(99,1)"), duckdb::InvalidInputException);
	EXPECT_THROW(DucklakePrimitiveType("list"), duckdb::InvalidInputException);
}

} // namespace ducklake
