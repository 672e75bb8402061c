// The SQLite metadata store on real database files, several processes at once.
#include "metadata/sqlite/sqlite_metadata_connection.hpp"

#include "metadata/catalog_initializer.hpp"
#include "metadata/metadata_error.hpp"
#include "metadata/snapshot_reader.hpp"
#include "support/schema_commit.hpp"

#include "duckdb/common/error_data.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace ducklake {
namespace {

class SqliteStoreTest : public ::testing::Test {
protected:
	void SetUp() override {
		std::string pattern = (std::filesystem::temp_directory_path() / "ducklake-sqlite-XXXXXX").string();
		ASSERT_NE(mkdtemp(&pattern[0]), nullptr);
		directory = pattern;
		path = directory + "/metadata.sqlite";
	}
	void TearDown() override {
		std::error_code error;
		std::filesystem::remove_all(directory, error);
	}
	template <class F>
	static MetadataException ExpectMetadataError(F action) {
		try {
			action();
		} catch (MetadataException &error) {
			return error;
		}
		ADD_FAILURE() << "no MetadataException";
		return MetadataException(MetadataErrorKind::PERMANENT, "", "none");
	}
	std::string directory;
	std::string path;
};

TEST_F(SqliteStoreTest, CatalogRowsComeBackWithDuckdbTypes) {
	SqliteMetadataConnection connection(path);
	CatalogInitializer initializer(connection);
	EXPECT_EQ(initializer.Inspect(path).state, CatalogState::EMPTY_DATABASE);
	initializer.Initialize("data/", "test");
	EXPECT_EQ(initializer.Inspect(path).state, CatalogState::DUCKLAKE_CATALOG);
	auto rows = connection.Query("SELECT snapshot_id, snapshot_time FROM ducklake_snapshot");
	ASSERT_EQ(rows.size(), 1u);
	EXPECT_EQ(rows.Get(0, 0), duckdb::Value::BIGINT(0));
	EXPECT_EQ(rows.Get(0, 1).type(), duckdb::LogicalType::TIMESTAMP_TZ);
	auto schema = connection.Query("SELECT schema_uuid, path_is_relative, end_snapshot FROM ducklake_schema");
	EXPECT_EQ(schema.Get(0, 0).type(), duckdb::LogicalType::UUID);
	EXPECT_EQ(schema.Get(0, 1), duckdb::Value::BOOLEAN(true));
	EXPECT_TRUE(schema.Get(0, 2).IsNull());
	EXPECT_EQ(connection.Query("SELECT count(*) FROM ducklake_snapshot").Get(0, 0), duckdb::Value::BIGINT(1));
}

TEST_F(SqliteStoreTest, TheFileIsInWalMode) {
	SqliteMetadataConnection connection(path);
	EXPECT_EQ(connection.Query("PRAGMA journal_mode").Get(0, 0).ToString(), "wal");
}

TEST_F(SqliteStoreTest, TimeTravelByTimestampFindsTheSnapshot) {
	SqliteMetadataConnection connection(path);
	CatalogInitializer(connection).Initialize("data/", "test");
	ASSERT_TRUE(test::CommitSchemaWithRetry(connection, "s1", 1).committed);
	SnapshotReader reader(connection);
	auto latest = reader.LatestSnapshot();
	ASSERT_EQ(latest.snapshot_id, 1);
	SnapshotRecord found;
	ASSERT_TRUE(reader.SnapshotAtTimestamp(latest.snapshot_time, found));
	EXPECT_EQ(found.snapshot_id, 1);
	auto before =
	    duckdb::Value::TIMESTAMPTZ(duckdb::timestamp_tz_t(duckdb::Timestamp::FromString("2000-01-01 00:00:00", false)));
	EXPECT_FALSE(reader.SnapshotAtTimestamp(before, found));
}

TEST_F(SqliteStoreTest, DuplicateSnapshotIdIsARetryableConflict) {
	SqliteMetadataConnection connection(path);
	CatalogInitializer(connection).Initialize("data/", "test");
	auto error =
	    ExpectMetadataError([&] { connection.Query("INSERT INTO ducklake_snapshot VALUES (0, NOW(), 0, 1, 0)"); });
	EXPECT_EQ(error.Kind(), MetadataErrorKind::RETRYABLE_CONFLICT);
	EXPECT_EQ(error.Code(), std::to_string(SQLITE_CONSTRAINT_PRIMARYKEY));
}

TEST_F(SqliteStoreTest, AFileLockedPastTheBusyTimeoutIsAClearErrorAndNothingIsCreated) {
	// Another connection (as another process would) holds the write lock.
	sqlite3 *holder = nullptr;
	ASSERT_EQ(sqlite3_open(path.c_str(), &holder), SQLITE_OK);
	ASSERT_EQ(sqlite3_exec(holder, "PRAGMA journal_mode = WAL; BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
	SqliteConnectionOptions options;
	options.busy_timeout_ms = 300;
	SqliteMetadataConnection connection(path, "", options);
	auto start = std::chrono::steady_clock::now();
	auto error = ExpectMetadataError([&] { CatalogInitializer(connection).Initialize("data/", "test"); });
	auto elapsed_ms =
	    std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
	sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
	sqlite3_close(holder);
	auto message = duckdb::ErrorData(error).RawMessage();
	EXPECT_NE(message.find("busy timeout of 300 ms"), std::string::npos) << message;
	EXPECT_NE(message.find(path), std::string::npos) << message;
	EXPECT_GE(elapsed_ms, 250);
	EXPECT_LT(elapsed_ms, 3000);
	EXPECT_TRUE(connection.ListTableNames().empty());
}

TEST_F(SqliteStoreTest, AFileThatIsNotSqliteIsRefusedByName) {
	{
		std::ofstream out(path);
		out << "this is a text file, long enough to have a header that SQLite will reject....................";
	}
	try {
		SqliteMetadataConnection connection(path);
		FAIL() << "no error";
	} catch (MetadataException &error) {
		auto message = duckdb::ErrorData(error).RawMessage();
		EXPECT_NE(message.find(path), std::string::npos) << message;
		EXPECT_NE(message.find("not a database"), std::string::npos) << message;
	}
}

TEST_F(SqliteStoreTest, MetadataSchemaOtherThanMainIsRefused) {
	EXPECT_THROW(SqliteMetadataConnection(path, "lake_meta"), duckdb::InvalidInputException);
	SqliteMetadataConnection main_schema(path, "main");
	EXPECT_EQ(main_schema.TableName("ducklake_snapshot"), "\"ducklake_snapshot\"");
}

TEST_F(SqliteStoreTest, FourProcessesCommitToOneCatalogWithDenseSnapshotIds) {
	constexpr int process_count = 4;
	constexpr int commits_per_process = 50;
	{
		SqliteMetadataConnection connection(path);
		CatalogInitializer(connection).Initialize("data/", "test");
	}
	std::vector<pid_t> children;
	for (int process_idx = 0; process_idx < process_count; process_idx++) {
		pid_t pid = fork();
		ASSERT_GE(pid, 0);
		if (pid == 0) {
			int status = 0;
			try {
				SqliteConnectionOptions options;
				options.busy_timeout_ms = 30000;
				SqliteMetadataConnection connection(path, "", options);
				for (int commit_idx = 0; commit_idx < commits_per_process; commit_idx++) {
					auto name = "p" + std::to_string(process_idx) + "_" + std::to_string(commit_idx);
					// BEGIN IMMEDIATE queues writers: no commit should need a second attempt.
					auto outcome = test::CommitSchemaWithRetry(connection, name, 1);
					if (!outcome.committed) {
						fprintf(stderr, "process %d commit %d failed: %s\n", process_idx, commit_idx,
						        outcome.error.c_str());
						status = 1;
						break;
					}
				}
			} catch (std::exception &error) {
				fprintf(stderr, "process %d: %s\n", process_idx, error.what());
				status = 2;
			}
			_exit(status);
		}
		children.push_back(pid);
	}
	for (auto pid : children) {
		int status = 0;
		waitpid(pid, &status, 0);
		EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a committing process failed";
	}
	SqliteMetadataConnection check(path);
	auto snapshots = check.Query("SELECT count(*), min(snapshot_id), max(snapshot_id) FROM ducklake_snapshot");
	EXPECT_EQ(snapshots.Get(0, 0).GetValue<int64_t>(), process_count * commits_per_process + 1);
	EXPECT_EQ(snapshots.Get(0, 2).GetValue<int64_t>(), process_count * commits_per_process);
	auto schemas = check.Query("SELECT count(DISTINCT schema_name), count(DISTINCT schema_id) FROM ducklake_schema");
	EXPECT_EQ(schemas.Get(0, 0).GetValue<int64_t>(), process_count * commits_per_process + 1);
	EXPECT_EQ(schemas.Get(0, 1).GetValue<int64_t>(), process_count * commits_per_process + 1);
}

} // namespace
} // namespace ducklake
