// The PostgreSQL metadata store against a real PostgreSQL 15 started by the test (TempPostgres).
#include "metadata/postgres/postgres_metadata_connection.hpp"

#include "metadata/catalog_initializer.hpp"
#include "metadata/commit_writer.hpp"
#include "metadata/snapshot_reader.hpp"
#include "metadata/metadata_error.hpp"
#include "metadata/postgres/postgres_connection_pool.hpp"
#include "support/schema_commit.hpp"
#include "support/temp_postgres.hpp"

#include "duckdb/common/error_data.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <sys/wait.h>
#include <unistd.h>

namespace ducklake {
namespace {

class PostgresStoreTest : public ::testing::Test {
protected:
	static void SetUpTestSuite() {
		server = test::TempPostgres::Start().release();
	}
	static void TearDownTestSuite() {
		delete server;
		server = nullptr;
	}
	void SetUp() override {
		// Every test gets a fresh database of its own.
		auto name = std::string(::testing::UnitTest::GetInstance()->current_test_info()->name());
		database = "t_" + std::to_string(++database_counter);
		server->Execute("CREATE DATABASE " + database);
		(void)name;
	}
	std::string ConnInfo() const {
		return server->ConnInfo(database);
	}
	//! Expect `action` to throw a MetadataException and return it.
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

	static test::TempPostgres *server;
	static int database_counter;
	std::string database;
};

test::TempPostgres *PostgresStoreTest::server = nullptr;
int PostgresStoreTest::database_counter = 0;

using test::SchemaCommit;

TEST_F(PostgresStoreTest, ValuesArriveAsDuckdbTypes) {
	PostgresMetadataConnection connection(ConnInfo());
	auto rows = connection.Query("SELECT 42::bigint, true, 'text'::varchar, "
	                             "'0192f1a8-7b3c-7def-8123-456789abcdef'::uuid, "
	                             "'2025-03-01 12:00:00+00'::timestamptz, NULL::bigint, count(*) FROM pg_database");
	ASSERT_EQ(rows.size(), 1u);
	EXPECT_EQ(rows.Get(0, 0), duckdb::Value::BIGINT(42));
	EXPECT_EQ(rows.Get(0, 1), duckdb::Value::BOOLEAN(true));
	EXPECT_EQ(rows.Get(0, 2), duckdb::Value("text"));
	EXPECT_EQ(rows.Get(0, 3).type(), duckdb::LogicalType::UUID);
	EXPECT_EQ(rows.Get(0, 4).type(), duckdb::LogicalType::TIMESTAMP_TZ);
	EXPECT_TRUE(rows.Get(0, 5).IsNull());
	EXPECT_EQ(rows.Get(0, 5).type(), duckdb::LogicalType::BIGINT);
	EXPECT_GE(rows.Get(0, 6).GetValue<int64_t>(), 3);
	EXPECT_EQ(rows.names[0], "int8");
}

TEST_F(PostgresStoreTest, UnreachableServerNamesHostAndPortWithinTheConnectTimeout) {
	// A port on which nothing listens: the server is gone.
	auto port = server->Port();
	server->Stop();
	PostgresConnectionOptions options;
	options.connect_timeout_s = 2;
	PostgresMetadataConnection connection("host=127.0.0.1 port=" + std::to_string(port) + " dbname=lake user=x",
	                                      "public", options);
	auto start = std::chrono::steady_clock::now();
	auto error = ExpectMetadataError([&] { connection.Connect(); });
	auto elapsed_ms =
	    std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
	server->Restart();
	std::string message = duckdb::ErrorData(error).RawMessage();
	EXPECT_NE(message.find("host \"127.0.0.1\" port " + std::to_string(port)), std::string::npos) << message;
	EXPECT_NE(message.find("database \"lake\""), std::string::npos) << message;
	EXPECT_EQ(error.Kind(), MetadataErrorKind::CONNECTION_LOST);
	EXPECT_LE(elapsed_ms, 2500);
}

TEST_F(PostgresStoreTest, WrongPasswordIsAPermanentErrorWithoutThePassword) {
	PostgresMetadataConnection connection("host=127.0.0.1 port=" + std::to_string(server->Port()) +
	                                      " dbname=" + database + " user=ducklake password=not-the-password");
	auto error = ExpectMetadataError([&] { connection.Query("SELECT 1"); });
	std::string message = duckdb::ErrorData(error).RawMessage();
	EXPECT_EQ(error.Kind(), MetadataErrorKind::PERMANENT);
	EXPECT_NE(message.find("user \"ducklake\""), std::string::npos) << message;
	EXPECT_NE(message.find("password authentication failed"), std::string::npos) << message;
	EXPECT_EQ(message.find("not-the-password"), std::string::npos) << message;
}

TEST_F(PostgresStoreTest, UriConninfoAndEnvironmentAreHonoured) {
	PostgresMetadataConnection by_uri("postgresql://ducklake:" + test::TempPostgres::Password() +
	                                  "@127.0.0.1:" + std::to_string(server->Port()) + "/" + database);
	EXPECT_EQ(by_uri.Query("SELECT current_database()").Get(0, 0).ToString(), database);
	// No password in the conninfo: libpq takes PGPASSWORD from the environment.
	setenv("PGPASSWORD", test::TempPostgres::Password().c_str(), 1);
	PostgresMetadataConnection by_env("host=127.0.0.1 port=" + std::to_string(server->Port()) +
	                                  " user=ducklake dbname=" + database);
	auto answer = by_env.Query("SELECT current_user").Get(0, 0).ToString();
	unsetenv("PGPASSWORD");
	EXPECT_EQ(answer, "ducklake");
}

TEST_F(PostgresStoreTest, RealUniqueViolationOnTheSnapshotIdIsRetryableAndLeavesNothing) {
	{
		PostgresMetadataConnection setup(ConnInfo());
		CatalogInitializer(setup).Initialize("data/", "test");
	}
	PostgresMetadataConnection first_connection(ConnInfo());
	PostgresMetadataConnection second_connection(ConnInfo());
	// The second writer plays a client that does not queue on our advisory lock (e.g. another
	// DuckLake implementation): it starts from snapshot 0 while the first commits snapshot 1.
	second_connection.Query("BEGIN");
	auto second_base = SnapshotReader(second_connection).LatestSnapshot();
	CommitWriter first(first_connection);
	auto first_base = first.Begin();
	first.Write(SchemaCommit(first_base, "winner"));
	first.Commit();
	CommitWriter second(second_connection);
	auto error = ExpectMetadataError([&] { second.Write(SchemaCommit(second_base, "loser")); });
	second_connection.Rollback();
	EXPECT_EQ(error.Code(), "23505");
	EXPECT_EQ(error.Kind(), MetadataErrorKind::RETRYABLE_CONFLICT);
	PostgresMetadataConnection check(ConnInfo());
	auto schemas = check.Query("SELECT schema_name FROM ducklake_schema ORDER BY schema_id");
	ASSERT_EQ(schemas.size(), 2u);
	EXPECT_EQ(schemas.Get(1, 0).ToString(), "winner");
	EXPECT_EQ(check.Query("SELECT max(snapshot_id) FROM ducklake_snapshot").Get(0, 0).GetValue<int64_t>(), 1);
}

TEST_F(PostgresStoreTest, RealSerializationFailureIsRetryable) {
	PostgresMetadataConnection reader(ConnInfo());
	PostgresMetadataConnection writer(ConnInfo());
	writer.Query("CREATE TABLE counter(v bigint); INSERT INTO counter VALUES (1)");
	reader.Query("BEGIN ISOLATION LEVEL REPEATABLE READ");
	reader.Query("SELECT v FROM counter");
	writer.Query("UPDATE counter SET v = 2");
	auto error = ExpectMetadataError([&] { reader.Query("UPDATE counter SET v = 3"); });
	reader.Rollback();
	EXPECT_EQ(error.Code(), "40001");
	EXPECT_TRUE(error.IsRetryable());
	EXPECT_EQ(reader.Query("SELECT v FROM counter").Get(0, 0).GetValue<int64_t>(), 2);
}

TEST_F(PostgresStoreTest, ACommitIsAllRowsOfTheSnapshotOrNone) {
	PostgresMetadataConnection connection(ConnInfo());
	CatalogInitializer(connection).Initialize("data/", "test");
	CommitWriter writer(connection);
	auto base = writer.Begin();
	auto batch = SchemaCommit(base, "half");
	writer.Write(batch);
	// A second statement in the same transaction fails: nothing of the commit may remain.
	EXPECT_THROW(connection.Query("INSERT INTO ducklake_snapshot VALUES (0, NOW(), 0, 0, 0)"), MetadataException);
	auto commit_error = ExpectMetadataError([&] { writer.Commit(); });
	writer.Abort();
	EXPECT_EQ(commit_error.Kind(), MetadataErrorKind::PERMANENT);
	EXPECT_EQ(connection.Query("SELECT count(*) FROM ducklake_snapshot").Get(0, 0).GetValue<int64_t>(), 1);
	EXPECT_EQ(connection.Query("SELECT count(*) FROM ducklake_snapshot_changes").Get(0, 0).GetValue<int64_t>(), 1);
	EXPECT_EQ(connection.Query("SELECT count(*) FROM ducklake_schema").Get(0, 0).GetValue<int64_t>(), 1);
	EXPECT_EQ(connection.Query("SELECT count(*) FROM ducklake_schema_versions").Get(0, 0).GetValue<int64_t>(), 1);
}

TEST_F(PostgresStoreTest, AfterARestartTheFailedStatementSaysSoAndTheNextReconnects) {
	PostgresMetadataConnection connection(ConnInfo());
	CatalogInitializer(connection).Initialize("data/", "test");
	CommitWriter writer(connection);
	auto base = writer.Begin();
	writer.Write(SchemaCommit(base, "interrupted"));
	server->Restart();
	auto error = ExpectMetadataError([&] { writer.Commit(); });
	writer.Abort();
	EXPECT_EQ(error.Kind(), MetadataErrorKind::CONNECTION_LOST);
	EXPECT_NE(std::string(error.what()).find("next statement reconnects"), std::string::npos) << error.what();
	// The next statement reconnects, and the interrupted commit left nothing behind.
	EXPECT_EQ(connection.Query("SELECT count(*) FROM ducklake_schema").Get(0, 0).GetValue<int64_t>(), 1);
	EXPECT_EQ(connection.Query("SELECT max(snapshot_id) FROM ducklake_snapshot").Get(0, 0).GetValue<int64_t>(), 0);
}

TEST_F(PostgresStoreTest, StatementTimeoutEndsALongStatement) {
	PostgresConnectionOptions options;
	options.statement_timeout_ms = 200;
	PostgresMetadataConnection connection(ConnInfo(), "public", options);
	auto start = std::chrono::steady_clock::now();
	auto error = ExpectMetadataError([&] { connection.Query("SELECT pg_sleep(5)"); });
	auto elapsed_ms =
	    std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
	EXPECT_EQ(error.Code(), "57014");
	EXPECT_LT(elapsed_ms, 2000);
	EXPECT_EQ(connection.Query("SELECT 1").Get(0, 0).GetValue<int64_t>(), 1);
}

TEST_F(PostgresStoreTest, CatalogInMetadataSchemaHasTheSpecColumnsInNativeTypes) {
	PostgresMetadataConnection connection(ConnInfo(), "lake_meta");
	CatalogInitializer initializer(connection);
	EXPECT_EQ(initializer.Inspect("test").state, CatalogState::EMPTY_DATABASE);
	initializer.Initialize("data/", "test");
	auto inspection = initializer.Inspect("test");
	EXPECT_EQ(inspection.state, CatalogState::DUCKLAKE_CATALOG);
	EXPECT_EQ(inspection.data_path, "data/");
	auto columns = connection.Query("SELECT column_name::text, data_type::text FROM information_schema.columns WHERE "
	                                "table_schema = 'lake_meta' AND table_name = 'ducklake_snapshot' "
	                                "ORDER BY ordinal_position");
	std::vector<std::string> expected = {"snapshot_id:bigint", "snapshot_time:timestamp with time zone",
	                                     "schema_version:bigint", "next_catalog_id:bigint", "next_file_id:bigint"};
	ASSERT_EQ(columns.size(), expected.size());
	for (size_t column_idx = 0; column_idx < expected.size(); column_idx++) {
		EXPECT_EQ(columns.Get(column_idx, 0).ToString() + ":" + columns.Get(column_idx, 1).ToString(),
		          expected[column_idx]);
	}
	auto uuid_type = connection.Query("SELECT data_type::text FROM information_schema.columns WHERE table_schema = "
	                                  "'lake_meta' AND table_name = 'ducklake_schema' AND column_name = 'schema_uuid'");
	EXPECT_EQ(uuid_type.Get(0, 0).ToString(), "uuid");
	auto tables = connection.Query("SELECT count(*) FROM pg_tables WHERE schemaname = 'lake_meta'");
	EXPECT_EQ(tables.Get(0, 0).GetValue<int64_t>(), 22);
	auto indexes = connection.Query("SELECT count(*) FROM pg_indexes WHERE schemaname = 'lake_meta' AND indexname "
	                                "LIKE 'ducklake_%_idx'");
	EXPECT_GE(indexes.Get(0, 0).GetValue<int64_t>(), 10);
	// The public schema stays untouched.
	EXPECT_EQ(
	    connection.Query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").Get(0, 0).GetValue<int64_t>(),
	    0);
}

TEST_F(PostgresStoreTest, ASchemaHoldingOtherTablesNamedLikeOursIsRefused) {
	PostgresMetadataConnection connection(ConnInfo(), "shared");
	connection.Query("CREATE SCHEMA shared; CREATE TABLE shared.ducklake_snapshot(id int)");
	CatalogInitializer initializer(connection);
	try {
		initializer.Inspect("PostgreSQL schema shared");
		FAIL() << "no error";
	} catch (std::exception &error) {
		EXPECT_NE(std::string(error.what()).find("is not a DuckLake catalog"), std::string::npos) << error.what();
	}
	EXPECT_EQ(
	    connection.Query("SELECT count(*) FROM pg_tables WHERE schemaname = 'shared'").Get(0, 0).GetValue<int64_t>(),
	    1);
}

TEST_F(PostgresStoreTest, ConnectionsAreReusedFromThePool) {
	int first_pid;
	{
		PostgresMetadataConnection connection(ConnInfo());
		connection.Query("SELECT 1");
		first_pid = connection.BackendPid();
	}
	PostgresMetadataConnection again(ConnInfo());
	again.Query("SELECT 1");
	EXPECT_EQ(again.BackendPid(), first_pid);
}

TEST_F(PostgresStoreTest, EightProcessesCommitConcurrentlyEveryCommitLandsOnceWithDenseSnapshotIds) {
	constexpr int process_count = 8;
	constexpr int commits_per_process = 25;
	constexpr int64_t attempts_per_commit_max = 1000;
	{
		PostgresMetadataConnection setup(ConnInfo());
		CatalogInitializer(setup).Initialize("data/", "test");
	}
	std::vector<pid_t> children;
	for (int process_idx = 0; process_idx < process_count; process_idx++) {
		pid_t pid = fork();
		ASSERT_GE(pid, 0);
		if (pid == 0) {
			int status = 0;
			try {
				PostgresMetadataConnection connection(ConnInfo());
				for (int commit_idx = 0; commit_idx < commits_per_process && status == 0; commit_idx++) {
					auto name = "p" + std::to_string(process_idx) + "_" + std::to_string(commit_idx);
					auto outcome = test::CommitSchemaWithRetry(connection, name, attempts_per_commit_max);
					if (!outcome.committed) {
						fprintf(stderr, "process %d commit %d failed: %s\n", process_idx, commit_idx,
						        outcome.error.c_str());
						status = 1;
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
	PostgresMetadataConnection check(ConnInfo());
	constexpr int64_t total = process_count * commits_per_process;
	auto snapshots = check.Query("SELECT count(*), max(snapshot_id) FROM ducklake_snapshot");
	EXPECT_EQ(snapshots.Get(0, 0).GetValue<int64_t>(), total + 1);
	EXPECT_EQ(snapshots.Get(0, 1).GetValue<int64_t>(), total);
	auto schemas = check.Query("SELECT count(*), count(DISTINCT schema_name), count(DISTINCT schema_id), "
	                           "count(DISTINCT begin_snapshot) FROM ducklake_schema");
	for (size_t column_idx = 0; column_idx < 4; column_idx++) {
		EXPECT_EQ(schemas.Get(0, column_idx).GetValue<int64_t>(), total + 1) << "column " << column_idx;
	}
}

} // namespace
} // namespace ducklake
