// The commit retry loop against a real race on PostgreSQL: a foreign writer (as the official
// extension is: it does not queue on our advisory lock) holds an uncommitted snapshot with the
// id our commit wants, so our INSERT of that snapshot row waits on the unique index and fails
// with a unique violation (SQLSTATE 23505) once the foreign writer commits. The commit then
// re-reads, checks the foreign snapshot's changes, and is rebased or refused. On SQLite the race
// is for the write lock: a writer holding it past the busy timeout makes our commit fail with
// SQLITE_BUSY, which is retried too.
#include "extension/ducklake_extension.hpp"
#include "support/temp_postgres.hpp"

#include "duckdb.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>

namespace ducklake {
namespace {

class CommitRetryTest : public ::testing::Test {
protected:
	static void SetUpTestSuite() {
		server = test::TempPostgres::Start().release();
	}
	static void TearDownTestSuite() {
		delete server;
		server = nullptr;
	}
	void SetUp() override {
		std::string pattern = (std::filesystem::temp_directory_path() / "ducklake-retry-XXXXXX").string();
		ASSERT_NE(mkdtemp(&pattern[0]), nullptr);
		directory = pattern;
		database = "lake_" + std::to_string(++database_counter);
		server->Execute("CREATE DATABASE " + database);
		db = std::make_unique<duckdb::DuckDB>(nullptr);
		db->LoadStaticExtension<DucklakeExtension>();
		con = std::make_unique<duckdb::Connection>(*db);
		Run("ATTACH 'ducklake:postgres:" + server->ConnInfo(database) + "' AS lake (DATA_PATH '" + directory +
		    "/data/')");
		// snapshot 1: table t (id 1); snapshot 2: one row
		Run("CREATE TABLE lake.t(i INTEGER)");
		Run("INSERT INTO lake.t VALUES (1)");
		foreign = PQconnectdb(server->ConnInfo(database).c_str());
		ASSERT_EQ(PQstatus(foreign), CONNECTION_OK) << PQerrorMessage(foreign);
	}
	void TearDown() override {
		PQfinish(foreign);
		con.reset();
		db.reset();
		std::error_code error;
		std::filesystem::remove_all(directory, error);
	}
	void Run(const std::string &sql) {
		auto result = con->Query(sql);
		ASSERT_FALSE(result->HasError()) << sql << ": " << result->GetError();
	}
	std::string One(const std::string &sql) {
		auto result = con->Query(sql);
		if (result->HasError()) {
			return "ERROR: " + result->GetError();
		}
		return result->GetValue(0, 0).ToString();
	}
	void Foreign(const std::string &sql) {
		PGresult *result = PQexec(foreign, sql.c_str());
		auto status = PQresultStatus(result);
		EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) << sql << ": " << PQerrorMessage(foreign);
		PQclear(result);
	}
	//! The foreign writer's snapshot `snapshot_id` with `changes_made`, left uncommitted.
	void BeginForeignSnapshot(int64_t snapshot_id, const std::string &changes_made) {
		auto id = std::to_string(snapshot_id);
		Foreign("BEGIN");
		Foreign("INSERT INTO ducklake_snapshot SELECT " + id +
		        ", now(), schema_version, next_catalog_id, next_file_id FROM ducklake_snapshot WHERE snapshot_id = " +
		        std::to_string(snapshot_id - 1));
		Foreign("INSERT INTO ducklake_snapshot_changes VALUES (" + id + ", '" + changes_made +
		        "', 'foreign writer', NULL, NULL)");
	}
	//! Run `sql` on our connection in a thread while the foreign writer commits after a pause;
	//! returns the error ("" on success) and how long the statement took.
	std::pair<std::string, double> RaceWithForeignCommit(const std::string &sql) {
		std::string error;
		auto start = std::chrono::steady_clock::now();
		std::thread ours([&]() {
			auto result = con->Query(sql);
			error = result->HasError() ? result->GetError() : "";
		});
		std::this_thread::sleep_for(std::chrono::milliseconds(500));
		Foreign("COMMIT");
		ours.join();
		return {error, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count()};
	}

	static test::TempPostgres *server;
	static int database_counter;
	std::string directory;
	std::string database;
	std::unique_ptr<duckdb::DuckDB> db;
	std::unique_ptr<duckdb::Connection> con;
	PGconn *foreign = nullptr;
};

test::TempPostgres *CommitRetryTest::server = nullptr;
int CommitRetryTest::database_counter = 0;

TEST_F(CommitRetryTest, LosingTheRaceToANonConflictingCommitRebasesOntoIt) {
	BeginForeignSnapshot(3, "inserted_into_table:1");
	auto outcome = RaceWithForeignCommit("INSERT INTO lake.t VALUES (2)");
	EXPECT_EQ(outcome.first, "");
	// Our first attempt waited on the foreign snapshot 3 and lost; the retry committed snapshot 4.
	EXPECT_GE(outcome.second, 500);
	EXPECT_EQ(One("SELECT string_agg(snapshot_id || ':' || coalesce(commit_message, changes_made), ',' ORDER BY "
	              "snapshot_id) FROM ducklake_metadata_query('lake', 'SELECT c.* FROM ducklake_snapshot_changes c "
	              "WHERE snapshot_id >= 2')"),
	          "2:inserted_into_table:1,3:inserted_into_table:1,4:inserted_into_table:1");
	EXPECT_EQ(One("SELECT author FROM ducklake_metadata_query('lake', 'SELECT * FROM ducklake_snapshot_changes "
	              "WHERE snapshot_id = 3')"),
	          "foreign writer");
	EXPECT_EQ(One("SELECT sum(i) FROM lake.t"), "3");
	EXPECT_EQ(
	    One("SELECT max(begin_snapshot) FROM ducklake_metadata_query('lake', 'SELECT * FROM ducklake_data_file')"),
	    "4");
}

TEST_F(CommitRetryTest, LosingTheRaceToAConflictingCommitFailsNamingTableAndSnapshot) {
	BeginForeignSnapshot(3, "altered_table:1");
	auto outcome = RaceWithForeignCommit("INSERT INTO lake.t VALUES (2)");
	EXPECT_NE(
	    outcome.first.find("DuckLake commit conflict on catalog \"lake\": cannot insert into table \"main\".\"t\" "
	                       "(id 1): another transaction altered it in snapshot 3; nothing was written"),
	    std::string::npos)
	    << outcome.first;
	EXPECT_EQ(One("SELECT sum(i) FROM lake.t"), "1");
	EXPECT_EQ(One("SELECT count(*) FROM ducklake_metadata_query('lake', 'SELECT * FROM ducklake_snapshot')"), "4");
	// The failed commit's data file is gone: only snapshot 2's file is on disk.
	EXPECT_EQ(One("SELECT count(*) FROM glob('" + directory + "/data/**/*.parquet')"), "1");
}

TEST_F(CommitRetryTest, WithoutRetriesTheLostRaceIsReportedAsSuch) {
	Run("SET ducklake_max_retry_count = 0");
	BeginForeignSnapshot(3, "inserted_into_table:1");
	auto outcome = RaceWithForeignCommit("INSERT INTO lake.t VALUES (2)");
	EXPECT_NE(outcome.first.find("DuckLake commit on catalog \"lake\" failed after 1 attempts: other writers kept "
	                             "winning the race for the next snapshot"),
	          std::string::npos)
	    << outcome.first;
	EXPECT_NE(outcome.first.find("23505"), std::string::npos) << outcome.first;
	EXPECT_EQ(One("SELECT count(*) FROM glob('" + directory + "/data/**/*.parquet')"), "1");
}

//! A SQLite lake whose write lock another connection holds for a while.
class SqliteBusyRetryTest : public ::testing::Test {
protected:
	void SetUp() override {
		std::string pattern = (std::filesystem::temp_directory_path() / "ducklake-busy-XXXXXX").string();
		ASSERT_NE(mkdtemp(&pattern[0]), nullptr);
		directory = pattern;
		db = std::make_unique<duckdb::DuckDB>(nullptr);
		db->LoadStaticExtension<DucklakeExtension>();
		con = std::make_unique<duckdb::Connection>(*db);
		auto result = con->Query("ATTACH 'ducklake:sqlite:" + directory + "/metadata.sqlite' AS lake (DATA_PATH '" +
		                         directory + "/data/')");
		ASSERT_FALSE(result->HasError()) << result->GetError();
		result = con->Query("CREATE TABLE lake.t(i INTEGER)");
		ASSERT_FALSE(result->HasError()) << result->GetError();
		ASSERT_EQ(sqlite3_open((directory + "/metadata.sqlite").c_str(), &blocker), SQLITE_OK);
	}
	void TearDown() override {
		sqlite3_close(blocker);
		con.reset();
		db.reset();
		std::error_code error;
		std::filesystem::remove_all(directory, error);
	}
	//! Hold the write lock for `hold_ms` while our INSERT commits; returns its error ("" on success)
	//! and how long it took.
	std::pair<std::string, double> InsertWhileLocked(int64_t hold_ms) {
		EXPECT_EQ(sqlite3_exec(blocker, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
		std::string error;
		auto start = std::chrono::steady_clock::now();
		std::thread ours([&]() {
			auto result = con->Query("INSERT INTO lake.t VALUES (1)");
			error = result->HasError() ? result->GetError() : "";
		});
		std::this_thread::sleep_for(std::chrono::milliseconds(hold_ms));
		EXPECT_EQ(sqlite3_exec(blocker, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
		ours.join();
		return {error, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count()};
	}
	std::string directory;
	std::unique_ptr<duckdb::DuckDB> db;
	std::unique_ptr<duckdb::Connection> con;
	sqlite3 *blocker = nullptr;
};

TEST_F(SqliteBusyRetryTest, ALockHeldPastTheBusyTimeoutIsRetriedUntilTheCommitLands) {
	// The busy timeout is 5 s: the first attempt gives up, the retry gets the lock at ~6 s.
	auto outcome = InsertWhileLocked(6000);
	EXPECT_EQ(outcome.first, "");
	EXPECT_GE(outcome.second, 6000);
	auto count = con->Query("SELECT count(*) FROM lake.t");
	EXPECT_EQ(count->GetValue(0, 0).ToString(), "1");
}

TEST_F(SqliteBusyRetryTest, WithoutRetriesTheBusyLockIsReported) {
	auto result = con->Query("SET ducklake_max_retry_count = 0");
	ASSERT_FALSE(result->HasError());
	auto outcome = InsertWhileLocked(5500);
	EXPECT_NE(outcome.first.find("failed after 1 attempts"), std::string::npos) << outcome.first;
	EXPECT_NE(outcome.first.find("busy timeout of 5000 ms"), std::string::npos) << outcome.first;
	auto count = con->Query("SELECT count(*) FROM lake.t");
	EXPECT_EQ(count->GetValue(0, 0).ToString(), "0");
	auto files = con->Query("SELECT count(*) FROM glob('" + directory + "/data/**/*.parquet')");
	EXPECT_EQ(files->GetValue(0, 0).ToString(), "0");
}

} // namespace
} // namespace ducklake
