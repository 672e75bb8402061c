#include "metadata/inlined_data.hpp"

#include "metadata/catalog_initializer.hpp"
#include "metadata/duckdb/duckdb_metadata_connection.hpp"

#include "duckdb.hpp"

#include <gtest/gtest.h>

namespace ducklake {

class InlinedDataFixture : public ::testing::Test {
protected:
	duckdb::DuckDB db {nullptr};
	void SetUp() override {
		duckdb::Connection con(db);
		ASSERT_FALSE(con.Query("ATTACH ':memory:' AS meta")->HasError());
	}
};

// The spec's worked example: table 6 created at schema version 12 with one INTEGER column `a`.
TEST_F(InlinedDataFixture, CreatesTheTableAndRegistrationOfTheSpecExample) {
	DuckdbMetadataConnection connection(*db.instance, "meta", "main", ":memory:");
	CatalogInitializer(connection).Initialize("data/", "DuckDB test");
	InlinedTableRecord table {6, InlinedTableName(6, 12), 12};
	EXPECT_EQ(table.table_name, "ducklake_inlined_data_6_12");
	std::vector<InlinedColumn> columns {{1, "a", duckdb::LogicalType::INTEGER}};
	ASSERT_TRUE(StoreCanInline(connection, columns));
	connection.Query(CreateInlinedTableSQL(connection, table, columns));
	auto ddl = connection.Query("SELECT sql FROM duckdb_tables() WHERE database_name = 'meta' AND table_name = "
	                            "'ducklake_inlined_data_6_12'");
	ASSERT_EQ(ddl.size(), 1u);
	EXPECT_EQ(ddl.Get(0, 0).ToString(), "CREATE TABLE ducklake_inlined_data_6_12(row_id BIGINT, begin_snapshot "
	                                    "BIGINT, end_snapshot BIGINT, a INTEGER);");
	auto registered =
	    connection.Query("SELECT table_id, table_name, schema_version FROM meta.ducklake_inlined_data_tables");
	ASSERT_EQ(registered.size(), 1u);
	EXPECT_EQ(registered.Get(0, 0).ToString(), "6");
	EXPECT_EQ(registered.Get(0, 1).ToString(), "ducklake_inlined_data_6_12");
	EXPECT_EQ(registered.Get(0, 2).ToString(), "12");
}

TEST_F(InlinedDataFixture, DeleteEndsRowsAndReadsSeeThemByVersion) {
	DuckdbMetadataConnection connection(*db.instance, "meta", "main", ":memory:");
	CatalogInitializer(connection).Initialize("data/", "DuckDB test");
	InlinedTableRecord table {1, InlinedTableName(1, 1), 1};
	std::vector<InlinedColumn> columns {{1, "a", duckdb::LogicalType::INTEGER}, {2, "s", duckdb::LogicalType::VARCHAR}};
	connection.Query(CreateInlinedTableSQL(connection, table, columns));
	connection.Query(InsertInlinedRowsSQL(
	    connection, table.table_name, {0, 1},
	    {{duckdb::Value::INTEGER(1), duckdb::Value("it's")}, {duckdb::Value::INTEGER(2), duckdb::Value()}}, 3));
	connection.Query(EndInlinedRowsSQL(connection, table.table_name, {0}, 4));
	InlinedDataReader reader(connection);
	auto at_three = reader.ReadVisibleRows(table.table_name, 3);
	ASSERT_EQ(at_three.size(), 2u);
	EXPECT_EQ(at_three.Get(0, 4).ToString(), "it's");
	EXPECT_TRUE(at_three.Get(1, 4).IsNull());
	auto at_four = reader.ReadVisibleRows(table.table_name, 4);
	ASSERT_EQ(at_four.size(), 1u);
	EXPECT_EQ(at_four.Get(0, 0).ToString(), "1");
	EXPECT_EQ(InsertInlinedRowsSQL(connection, table.table_name, {}, {}, 5), "");
	EXPECT_EQ(EndInlinedRowsSQL(connection, table.table_name, {}, 5), "");
}

} // namespace ducklake
