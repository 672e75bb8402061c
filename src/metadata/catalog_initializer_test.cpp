#include "metadata/catalog_initializer.hpp"

#include "metadata/duckdb/duckdb_metadata_connection.hpp"

#include "duckdb.hpp"

#include <gtest/gtest.h>

namespace ducklake {

TEST(CatalogInitializer, SpecVersionsCompareNumerically) {
	EXPECT_EQ(CompareSpecVersions("0.3", "0.3"), 0);
	EXPECT_LT(CompareSpecVersions("0.3", "0.10"), 0);
	EXPECT_GT(CompareSpecVersions("0.4", "0.3"), 0);
	EXPECT_GT(CompareSpecVersions("garbage", "0.3"), 0);
}

class InitializerFixture : public ::testing::Test {
protected:
	duckdb::DuckDB db {nullptr};
	void SetUp() override {
		duckdb::Connection con(db);
		ASSERT_FALSE(con.Query("ATTACH ':memory:' AS meta")->HasError());
	}
};

TEST_F(InitializerFixture, EmptyDatabaseGetsSpecInitialRows) {
	DuckdbMetadataConnection connection(*db.instance, "meta", "main", ":memory:");
	CatalogInitializer initializer(connection);
	EXPECT_EQ(initializer.Inspect("test").state, CatalogState::EMPTY_DATABASE);
	initializer.Initialize("data/", "DuckDB test");
	auto inspection = initializer.Inspect("test");
	EXPECT_EQ(inspection.state, CatalogState::DUCKLAKE_CATALOG);
	EXPECT_EQ(inspection.version, "0.3");
	EXPECT_EQ(inspection.data_path, "data/");
	auto snapshot = connection.Query("SELECT snapshot_id, schema_version, next_catalog_id, next_file_id FROM "
	                                 "meta.ducklake_snapshot");
	ASSERT_EQ(snapshot.size(), 1u);
	EXPECT_EQ(snapshot.Get(0, 0).ToString(), "0");
	EXPECT_EQ(snapshot.Get(0, 2).ToString(), "1");
	auto changes = connection.Query("SELECT changes_made FROM meta.ducklake_snapshot_changes");
	EXPECT_EQ(changes.Get(0, 0).ToString(), "created_schema:\"main\"");
	auto schema =
	    connection.Query("SELECT schema_name, path, path_is_relative, end_snapshot FROM meta.ducklake_schema");
	EXPECT_EQ(schema.Get(0, 1).ToString(), "main/");
	EXPECT_TRUE(schema.Get(0, 3).IsNull());
	auto tables = connection.Query("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'meta'");
	EXPECT_EQ(tables.Get(0, 0).ToString(), "22");
}

TEST_F(InitializerFixture, ForeignDatabaseIsRefused) {
	duckdb::Connection con(db);
	ASSERT_FALSE(con.Query("CREATE TABLE meta.customers(id INTEGER)")->HasError());
	DuckdbMetadataConnection connection(*db.instance, "meta", "main", ":memory:");
	CatalogInitializer initializer(connection);
	try {
		initializer.Inspect("file 'x.db'");
		FAIL() << "a foreign database must be refused";
	} catch (duckdb::InvalidInputException &ex) {
		EXPECT_NE(std::string(ex.what()).find("is not a DuckLake catalog"), std::string::npos);
	}
}

TEST_F(InitializerFixture, NewerSpecVersionIsRefused) {
	DuckdbMetadataConnection connection(*db.instance, "meta", "main", ":memory:");
	CatalogInitializer initializer(connection);
	initializer.Initialize("data/", "DuckDB test");
	connection.Query("UPDATE meta.ducklake_metadata SET \"value\" = '0.4' WHERE \"key\" = 'version'");
	try {
		initializer.Inspect("file 'x.ducklake'");
		FAIL() << "a newer catalog must be refused";
	} catch (duckdb::InvalidInputException &ex) {
		EXPECT_NE(std::string(ex.what()).find("version 0.4, which is newer than this build supports (0.3)"),
		          std::string::npos);
	}
}

} // namespace ducklake
