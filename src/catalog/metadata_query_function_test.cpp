#include "catalog/metadata_query_function.hpp"

#include <gtest/gtest.h>

namespace ducklake {

using duckdb::LogicalType;
using duckdb::Value;

TEST(MetadataQueryFunction, DeclaredTypesWinAndUndeclaredOnesComeFromTheValues) {
	MetadataRows rows;
	rows.names = {"declared", "counted", "mixed", "all_null"};
	rows.types = {LogicalType::BOOLEAN, LogicalType::INVALID, LogicalType::INVALID, LogicalType::INVALID};
	rows.rows.push_back({Value::BOOLEAN(true), Value::BIGINT(3), Value::BIGINT(1), Value()});
	rows.rows.push_back({Value::BOOLEAN(false), Value(LogicalType::BIGINT), Value::DOUBLE(1.5), Value()});
	auto types = ResolveMetadataColumnTypes(rows);
	ASSERT_EQ(types.size(), 4u);
	EXPECT_EQ(types[0], LogicalType::BOOLEAN);
	EXPECT_EQ(types[1], LogicalType::BIGINT);
	EXPECT_EQ(types[2], LogicalType::VARCHAR);
	EXPECT_EQ(types[3], LogicalType::VARCHAR);
}

TEST(MetadataQueryFunction, ColumnsWithoutTypesOrRowsBecomeVarchar) {
	MetadataRows rows;
	rows.names = {"a"};
	auto types = ResolveMetadataColumnTypes(rows);
	ASSERT_EQ(types.size(), 1u);
	EXPECT_EQ(types[0], LogicalType::VARCHAR);
}

} // namespace ducklake
