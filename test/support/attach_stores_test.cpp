// ATTACH 'ducklake:...' end to end on each metadata store: the same SQL, the same answers,
// whether the catalog lives in a DuckDB file, a SQLite file or PostgreSQL (a private server).
#include "extension/ducklake_extension.hpp"
#include "support/temp_postgres.hpp"

#include "duckdb.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace ducklake {
namespace {

enum class Store { DUCKDB, SQLITE, POSTGRES };

class AttachStoresTest : public ::testing::TestWithParam<Store> {
protected:
	static void TearDownTestSuite() {
		delete postgres;
		postgres = nullptr;
	}
	void SetUp() override {
		std::string pattern = (std::filesystem::temp_directory_path() / "ducklake-attach-XXXXXX").string();
		ASSERT_NE(mkdtemp(&pattern[0]), nullptr);
		directory = pattern;
		if (GetParam() == Store::POSTGRES) {
			if (!postgres) {
				postgres = test::TempPostgres::Start().release();
			}
			database = "lake_" + std::to_string(++database_counter);
			postgres->Execute("CREATE DATABASE " + database);
		}
	}
	void TearDown() override {
		std::error_code error;
		std::filesystem::remove_all(directory, error);
	}
	std::string Location() const {
		switch (GetParam()) {
		case Store::SQLITE:
			return "ducklake:sqlite:" + directory + "/metadata.sqlite";
		case Store::POSTGRES:
			return "ducklake:postgres:" + postgres->ConnInfo(database);
		default:
			return "ducklake:" + directory + "/metadata.ducklake";
		}
	}
	//! A fresh DuckDB with our extension and the lake attached as `lake`.
	std::unique_ptr<duckdb::DuckDB> OpenLake(const std::string &extra_options = "") {
		auto db = std::make_unique<duckdb::DuckDB>(nullptr);
		db->LoadStaticExtension<DucklakeExtension>();
		duckdb::Connection con(*db);
		auto result =
		    con.Query("ATTACH '" + Location() + "' AS lake (DATA_PATH '" + directory + "/data/'" + extra_options + ")");
		EXPECT_FALSE(result->HasError()) << result->GetError();
		return db;
	}
	static std::string One(duckdb::Connection &con, const std::string &sql) {
		auto result = con.Query(sql);
		if (result->HasError()) {
			return "error: " + result->GetError();
		}
		if (result->RowCount() == 0) {
			return "no rows";
		}
		return result->GetValue(0, 0).ToString();
	}

	static test::TempPostgres *postgres;
	static int database_counter;
	std::string directory;
	std::string database;
};

test::TempPostgres *AttachStoresTest::postgres = nullptr;
int AttachStoresTest::database_counter = 0;

TEST_P(AttachStoresTest, TablesInsertsAndTimeTravelAnswerTheSame) {
	auto db = OpenLake();
	duckdb::Connection con(*db);
	ASSERT_EQ(One(con, "CREATE TABLE lake.t(i INTEGER, s VARCHAR)"), "no rows");
	ASSERT_EQ(One(con, "INSERT INTO lake.t VALUES (1, 'a'), (2, 'b')"), "2");
	ASSERT_EQ(One(con, "INSERT INTO lake.t VALUES (3, 'c')"), "1");
	EXPECT_EQ(One(con, "SELECT sum(i) FROM lake.t"), "6");
	EXPECT_EQ(One(con, "SELECT string_agg(s, ',' ORDER BY i) FROM lake.t WHERE i >= 2"), "b,c");
	// Snapshots: 0 the new catalog, 1 CREATE TABLE, 2 and 3 the inserts.
	EXPECT_EQ(One(con, "SELECT count(*) FROM lake.t AT (VERSION => 2)"), "2");
	EXPECT_EQ(One(con, "SELECT count(*) FROM lake.t AT (VERSION => 3)"), "3");
}

TEST_P(AttachStoresTest, ASecondDatabaseInstanceSeesWhatTheFirstCommitted) {
	{
		auto db = OpenLake();
		duckdb::Connection con(*db);
		ASSERT_EQ(One(con, "CREATE TABLE lake.kept AS SELECT range AS v FROM range(100)"), "100");
		ASSERT_EQ(One(con, "DETACH lake"), "no rows");
	}
	auto db = OpenLake();
	duckdb::Connection con(*db);
	EXPECT_EQ(One(con, "SELECT count(*), sum(v) FROM lake.kept"), "100");
	EXPECT_EQ(One(con, "SELECT sum(v) FROM lake.kept"), "4950");
}

TEST_P(AttachStoresTest, ARolledBackTransactionLeavesNoSnapshot) {
	auto db = OpenLake();
	duckdb::Connection con(*db);
	ASSERT_EQ(One(con, "CREATE TABLE lake.t(i INTEGER)"), "no rows");
	ASSERT_EQ(One(con, "BEGIN"), "no rows");
	ASSERT_EQ(One(con, "INSERT INTO lake.t VALUES (1)"), "1");
	ASSERT_EQ(One(con, "ROLLBACK"), "no rows");
	EXPECT_EQ(One(con, "SELECT count(*) FROM lake.t"), "0");
	// The rolled-back transaction took no snapshot id: the next commit is snapshot 2.
	ASSERT_EQ(One(con, "INSERT INTO lake.t VALUES (2)"), "1");
	EXPECT_EQ(One(con, "SELECT sum(i) FROM lake.t AT (VERSION => 2)"), "2");
}

INSTANTIATE_TEST_SUITE_P(EachStore, AttachStoresTest, ::testing::Values(Store::DUCKDB, Store::SQLITE, Store::POSTGRES),
                         [](const ::testing::TestParamInfo<Store> &info) {
	                         switch (info.param) {
	                         case Store::SQLITE:
		                         return std::string("Sqlite");
	                         case Store::POSTGRES:
		                         return std::string("Postgres");
	                         default:
		                         return std::string("DuckdbFile");
	                         }
                         });

TEST(AttachPostgresTest, AfterAServerRestartQueriesWorkAgain) {
	auto server = test::TempPostgres::Start();
	auto directory = std::filesystem::temp_directory_path() / ("ducklake-restart-" + std::to_string(getpid()));
	duckdb::DuckDB db(nullptr);
	db.LoadStaticExtension<DucklakeExtension>();
	duckdb::Connection con(db);
	ASSERT_FALSE(con.Query("ATTACH 'ducklake:postgres:" + server->ConnInfo() + "' AS lake (DATA_PATH '" +
	                       directory.string() + "/')")
	                 ->HasError());
	ASSERT_FALSE(con.Query("CREATE TABLE lake.t AS SELECT 1 AS v")->HasError());
	server->Restart();
	// Idle pooled connections broke with the restart; at most one statement may report it
	// (with the reason), the next one reconnects.
	auto first = con.Query("INSERT INTO lake.t VALUES (2)");
	if (first->HasError()) {
		EXPECT_NE(first->GetError().find("reconnects"), std::string::npos) << first->GetError();
		ASSERT_FALSE(con.Query("INSERT INTO lake.t VALUES (2)")->HasError());
	}
	auto sum = con.Query("SELECT sum(v) FROM lake.t");
	ASSERT_FALSE(sum->HasError()) << sum->GetError();
	EXPECT_EQ(sum->GetValue(0, 0).ToString(), "3");
	std::error_code error;
	std::filesystem::remove_all(directory, error);
}

TEST(AttachPostgresTest, UnreachableServerNamesHostAndPort) {
	duckdb::DuckDB db(nullptr);
	db.LoadStaticExtension<DucklakeExtension>();
	duckdb::Connection con(db);
	// Port 1 on loopback: nothing listens there.
	auto result = con.Query("ATTACH 'ducklake:postgres:host=127.0.0.1 port=1 dbname=lake connect_timeout=2' AS lake "
	                        "(DATA_PATH '/nonexistent/')");
	ASSERT_TRUE(result->HasError());
	auto message = result->GetError();
	EXPECT_NE(message.find("host \"127.0.0.1\" port 1"), std::string::npos) << message;
}

TEST(AttachPostgresTest, ANewCatalogOnPostgresNeedsDataPath) {
	auto server = test::TempPostgres::Start();
	duckdb::DuckDB db(nullptr);
	db.LoadStaticExtension<DucklakeExtension>();
	duckdb::Connection con(db);
	auto result = con.Query("ATTACH 'ducklake:postgres:" + server->ConnInfo() + "' AS lake");
	ASSERT_TRUE(result->HasError());
	EXPECT_NE(result->GetError().find("needs DATA_PATH"), std::string::npos) << result->GetError();
	// Nothing was created.
	auto tables = con.Query("SELECT 1");
	(void)tables;
	server->Execute("DO $$ BEGIN IF (SELECT count(*) FROM pg_tables WHERE schemaname = 'public') > 0 THEN "
	                "RAISE EXCEPTION 'tables were created'; END IF; END $$");
}

TEST(AttachPostgresTest, MetadataSchemaKeepsTheCatalogOutOfPublic) {
	auto server = test::TempPostgres::Start();
	auto directory = std::filesystem::temp_directory_path() / ("ducklake-schema-" + std::to_string(getpid()));
	duckdb::DuckDB db(nullptr);
	db.LoadStaticExtension<DucklakeExtension>();
	duckdb::Connection con(db);
	auto result = con.Query("ATTACH 'ducklake:postgres:" + server->ConnInfo() + "' AS lake (DATA_PATH '" +
	                        directory.string() + "/', METADATA_SCHEMA 'lake_meta')");
	ASSERT_FALSE(result->HasError()) << result->GetError();
	ASSERT_FALSE(con.Query("CREATE TABLE lake.t AS SELECT 42 AS v")->HasError());
	EXPECT_EQ(con.Query("SELECT v FROM lake.t")->GetValue(0, 0).ToString(), "42");
	server->Execute("DO $$ BEGIN IF (SELECT count(*) FROM lake_meta.ducklake_table) <> 1 OR (SELECT count(*) FROM "
	                "pg_tables WHERE schemaname = 'public') <> 0 THEN RAISE EXCEPTION 'wrong schema'; END IF; END $$");
	std::error_code error;
	std::filesystem::remove_all(directory, error);
}

} // namespace
} // namespace ducklake
