// metadata_commit_bench: how fast a DuckLake commit is on the PostgreSQL and SQLite metadata
// stores, against the same store's bare minimum measured in the same run.
//
//   latency:    one writer, `--commits` sequential commits of one snapshot (CommitWriter: begin,
//               read the latest snapshot, insert the snapshot/changes/schema rows, commit);
//               baseline: BEGIN, one single-row INSERT, COMMIT on a plain table over the same
//               connection (libpq / SQLite).
//   throughput: `--writers` processes, `--commits-per-writer` commits each, all racing for the
//               next snapshot id (retries on conflicts); reports commits/s and retries.
//   sql insert: `--sql-inserts` autocommit `INSERT INTO lake.t VALUES (...)` of one row through
//               DuckDB and the DuckLake catalog on each store (each writes one Parquet file: no
//               data inlining); the DuckDB-file store is the baseline. Then the same with data
//               inlining on (ATTACH ... DATA_INLINING_ROW_LIMIT 10: each row goes into the
//               catalog), against the same store's Parquet inserts; bars: DuckDB file p50 < 2 ms,
//               PostgreSQL p50 <= 3 ms. Beside it, a plain one-row INSERT commit into an attached
//               DuckDB database file: the cost of one durable commit of that store on this disk.
//               `--sql-only` runs only these SQL insert measurements; with the environment variable
//               DUCKLAKE_BENCH_DUCKDB_INLINED_ONLY set, only the DuckDB-file inlined inserts and the
//               plain DuckDB commits run (for profiling).
//   scale:      a PostgreSQL catalog with 5,000 tables x 20 columns, 100,000 data files and
//               2,000,000 file column stats rows: time to load the catalog at the latest
//               snapshot (what ATTACH and the first query read) and to list one table's files
//               with their stats (what planning a filtered query reads).
#include "extension/ducklake_extension.hpp"
#include "support/query_timing.hpp"
#include "metadata/catalog_initializer.hpp"
#include "metadata/file_lister.hpp"
#include "metadata/snapshot_reader.hpp"
#include "metadata/postgres/postgres_metadata_connection.hpp"
#include "metadata/sqlite/sqlite_metadata_connection.hpp"
#include "support/schema_commit.hpp"
#include "support/temp_postgres.hpp"

#include "duckdb.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using ducklake::MetadataConnection;
using ducklake::bench::Measure;
using ducklake::bench::Percentiles;

constexpr int64_t attempts_per_commit_max = 10000;

double ElapsedMs(Clock::time_point start) {
	return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Store {
	std::string name;
	std::function<std::unique_ptr<MetadataConnection>()> connect;
};

void RunStore(const Store &store, int64_t commits, int writers, int commits_per_writer) {
	{
		auto setup = store.connect();
		ducklake::CatalogInitializer(*setup).Initialize("data/", "bench");
		setup->Query("CREATE TABLE bench_baseline(id BIGINT PRIMARY KEY, payload VARCHAR)");
	}
	auto connection = store.connect();
	auto baseline = Measure(commits, [&](int64_t idx) {
		connection->Begin();
		connection->Query("INSERT INTO bench_baseline VALUES (" + std::to_string(idx) + ", 'row')");
		connection->Commit();
	});
	auto commit = Measure(commits, [&](int64_t idx) {
		auto outcome = ducklake::test::CommitSchemaWithRetry(*connection, "s" + std::to_string(idx), 1);
		if (!outcome.committed) {
			fprintf(stderr, "commit failed: %s\n", outcome.error.c_str());
			exit(1);
		}
	});
	printf("%-10s commit latency: p50 %.3f ms, p99 %.3f ms; baseline (BEGIN, INSERT, COMMIT) p50 %.3f ms; "
	       "ratio %.2fx\n",
	       store.name.c_str(), commit.p50, commit.p99, baseline.p50, commit.p50 / baseline.p50);
	connection.reset();

	// Shared counters for the writer processes.
	auto *retries = static_cast<int64_t *>(
	    mmap(nullptr, sizeof(int64_t) * writers, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
	auto start = Clock::now();
	std::vector<pid_t> children;
	for (int writer_idx = 0; writer_idx < writers; writer_idx++) {
		pid_t pid = fork();
		if (pid == 0) {
			int status = 0;
			try {
				auto writer_connection = store.connect();
				for (int commit_idx = 0; commit_idx < commits_per_writer; commit_idx++) {
					auto outcome = ducklake::test::CommitSchemaWithRetry(
					    *writer_connection, "w" + std::to_string(writer_idx) + "_" + std::to_string(commit_idx),
					    attempts_per_commit_max);
					retries[writer_idx] += outcome.attempts - 1;
					if (!outcome.committed) {
						fprintf(stderr, "writer %d: %s\n", writer_idx, outcome.error.c_str());
						status = 1;
						break;
					}
				}
			} catch (std::exception &error) {
				fprintf(stderr, "writer %d: %s\n", writer_idx, error.what());
				status = 2;
			}
			_exit(status);
		}
		children.push_back(pid);
	}
	bool all_ok = true;
	for (auto pid : children) {
		int status = 0;
		waitpid(pid, &status, 0);
		all_ok = all_ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	auto seconds = ElapsedMs(start) / 1000.0;
	int64_t total_retries = 0;
	for (int writer_idx = 0; writer_idx < writers; writer_idx++) {
		total_retries += retries[writer_idx];
	}
	munmap(retries, sizeof(int64_t) * writers);
	auto check = store.connect();
	auto snapshots = check->Query("SELECT count(*), max(snapshot_id) FROM " + check->TableName("ducklake_snapshot"));
	int64_t expected = commits + int64_t(writers) * commits_per_writer + 1;
	printf("%-10s %d concurrent writers x %d commits: %.1f commits/s (%.2f s), %lld retries, %s; snapshots %lld "
	       "(expected %lld), max id %lld\n",
	       store.name.c_str(), writers, commits_per_writer, writers * commits_per_writer / seconds, seconds,
	       static_cast<long long>(total_retries), all_ok ? "no writer failed" : "A WRITER FAILED",
	       static_cast<long long>(snapshots.Get(0, 0).GetValue<int64_t>()), static_cast<long long>(expected),
	       static_cast<long long>(snapshots.Get(0, 1).GetValue<int64_t>()));
}

//! p50 of single-row autocommit INSERTs into a lake attached from `location`.
Percentiles SqlInsertLatency(const std::string &location, const std::string &data_path, int64_t inserts,
                             int64_t inlining_row_limit = 0) {
	duckdb::DuckDB db(nullptr);
	db.LoadStaticExtension<ducklake::DucklakeExtension>();
	duckdb::Connection con(db);
	auto check = [](duckdb::unique_ptr<duckdb::MaterializedQueryResult> result) {
		if (result->HasError()) {
			fprintf(stderr, "%s\n", result->GetError().c_str());
			exit(1);
		}
	};
	check(con.Query("ATTACH '" + location + "' AS lake (DATA_PATH '" + data_path + "', DATA_INLINING_ROW_LIMIT " +
	                std::to_string(inlining_row_limit) + ")"));
	check(con.Query("CREATE TABLE lake.t(id BIGINT, note VARCHAR)"));
	// Warm up (first statements load the catalog and prepare the store's statements).
	for (int64_t idx = 0; idx < 5; idx++) {
		check(con.Query("INSERT INTO lake.t VALUES (" + std::to_string(-idx - 1) + ", 'warm')"));
	}
	return Measure(inserts, [&](int64_t idx) {
		check(con.Query("INSERT INTO lake.t VALUES (" + std::to_string(idx) + ", 'row')"));
	});
}

//! p50 of single-row autocommit INSERTs into a plain table of an attached DuckDB database file:
//! what one durable commit of that store costs on this disk (WAL write and sync).
Percentiles DuckdbFileCommitLatency(const std::string &path, int64_t inserts) {
	duckdb::DuckDB db(nullptr);
	duckdb::Connection con(db);
	auto check = [](duckdb::unique_ptr<duckdb::MaterializedQueryResult> result) {
		if (result->HasError()) {
			fprintf(stderr, "%s\n", result->GetError().c_str());
			exit(1);
		}
	};
	check(con.Query("ATTACH '" + path + "' AS plain"));
	check(con.Query("CREATE TABLE plain.t(id BIGINT, note VARCHAR)"));
	return Measure(inserts, [&](int64_t idx) {
		check(con.Query("INSERT INTO plain.t VALUES (" + std::to_string(idx) + ", 'row')"));
	});
}

void RunScale(const std::string &conninfo) {
	constexpr int64_t table_count = 5000, columns_per_table = 20, file_count = 100000;
	ducklake::PostgresMetadataConnection connection(conninfo);
	ducklake::CatalogInitializer(connection).Initialize("data/", "bench");
	auto start = Clock::now();
	connection.Query(
	    "INSERT INTO ducklake_snapshot VALUES (1, NOW(), 1, " + std::to_string(table_count + 1) + ", " +
	    std::to_string(file_count + 1) +
	    ");"
	    "INSERT INTO ducklake_table SELECT t, gen_random_uuid(), 1, NULL, 0, 'table_' || t, 'table_' || t || '/', "
	    "true FROM generate_series(1, " +
	    std::to_string(table_count) +
	    ") t;"
	    "INSERT INTO ducklake_column SELECT c, 1, NULL, t, c, 'c' || c, 'int64', NULL, NULL, true, NULL FROM "
	    "generate_series(1, " +
	    std::to_string(table_count) + ") t, generate_series(1, " + std::to_string(columns_per_table) +
	    ") c;"
	    "INSERT INTO ducklake_data_file SELECT f, 1 + f % " +
	    std::to_string(table_count) +
	    ", 1, NULL, NULL, 'ducklake-' || f || '.parquet', true, 'parquet', 1000, 100000, 1000, 0, NULL, NULL, "
	    "NULL, NULL FROM generate_series(1, " +
	    std::to_string(file_count) +
	    ") f;"
	    "INSERT INTO ducklake_file_column_stats SELECT f, 1 + f % " +
	    std::to_string(table_count) +
	    ", c, 1000, 1000, 0, (f * 10)::text, (f * 10 + 9)::text, NULL, NULL FROM "
	    "generate_series(1, " +
	    std::to_string(file_count) + ") f, generate_series(1, " + std::to_string(columns_per_table) + ") c; ANALYZE");
	printf("scale      populated 5,000 tables, 100,000 files, 2,000,000 stats rows in %.1f s\n",
	       ElapsedMs(start) / 1000.0);
	ducklake::SnapshotRecord latest;
	auto load = Measure(10, [&](int64_t) {
		ducklake::PostgresMetadataConnection fresh(conninfo);
		ducklake::SnapshotReader reader(fresh);
		latest = reader.LatestSnapshot();
		auto records = reader.LoadCatalog(latest);
		if (records.tables.size() != table_count) {
			fprintf(stderr, "loaded %zu tables\n", records.tables.size());
			exit(1);
		}
	});
	size_t files_listed = 0;
	auto plan = Measure(50, [&](int64_t idx) {
		ducklake::PostgresMetadataConnection fresh(conninfo);
		auto snapshot = ducklake::SnapshotReader(fresh).LatestSnapshot();
		auto files = ducklake::FileLister(fresh).ListDataFiles(1 + idx * 97 % table_count, snapshot.snapshot_id, true);
		files_listed = files.size();
	});
	printf("scale      catalog load (latest snapshot + all schemas/tables/columns): p50 %.1f ms, p99 %.1f ms; "
	       "planning read (latest snapshot + one table's %zu files with stats): p50 %.2f ms, p99 %.2f ms\n",
	       load.p50, load.p99, files_listed, plan.p50, plan.p99);
}

//! The commit latency and concurrency runs of both stores and the catalog scale run.
void RunAllStores(ducklake::test::TempPostgres &server, const std::string &conninfo, const std::string &pattern,
                  int64_t commits, int writers, int commits_per_writer) {
	RunStore({"postgres",
	          [&] {
		          return std::unique_ptr<MetadataConnection>(new ducklake::PostgresMetadataConnection(conninfo));
	          }},
	         commits, writers, commits_per_writer);

	auto path = pattern + "/metadata.sqlite";
	ducklake::SqliteConnectionOptions options;
	options.busy_timeout_ms = 60000;
	RunStore({"sqlite",
	          [&] {
		          return std::unique_ptr<MetadataConnection>(new ducklake::SqliteMetadataConnection(path, "", options));
	          }},
	         commits, std::min(writers, 4), commits_per_writer);

	server.Execute("CREATE DATABASE scale");
	RunScale(server.ConnInfo("scale"));
}

} // namespace

int main(int argc, char **argv) {
	int64_t commits = 300;
	int writers = 16;
	int commits_per_writer = 50;
	int64_t sql_inserts = 100;
	bool sql_only = false;
	for (int arg_idx = 1; arg_idx < argc; arg_idx += 2) {
		if (std::strcmp(argv[arg_idx], "--sql-only") == 0) {
			sql_only = true; // only the SQL insert latencies (no argument)
			arg_idx--;
			continue;
		}
		if (arg_idx + 1 >= argc) {
			break;
		}
		if (std::strcmp(argv[arg_idx], "--commits") == 0) {
			commits = std::atoll(argv[arg_idx + 1]);
		} else if (std::strcmp(argv[arg_idx], "--writers") == 0) {
			writers = std::atoi(argv[arg_idx + 1]);
		} else if (std::strcmp(argv[arg_idx], "--sql-inserts") == 0) {
			sql_inserts = std::atoll(argv[arg_idx + 1]);
		} else if (std::strcmp(argv[arg_idx], "--commits-per-writer") == 0) {
			commits_per_writer = std::atoi(argv[arg_idx + 1]);
		}
	}
	if (commits < 1 || writers < 1 || writers > 64 || commits_per_writer < 1 || sql_inserts < 1) {
		fprintf(stderr,
		        "usage: %s [--commits N>=1] [--writers 1..64] [--commits-per-writer N>=1] [--sql-inserts N>=1] "
		        "[--sql-only]\n",
		        argv[0]);
		return 2;
	}
	if (std::getenv("DUCKLAKE_BENCH_DUCKDB_INLINED_ONLY")) {
		// For profiling: only the inlined inserts on the DuckDB-file store.
		std::string dir = (std::filesystem::temp_directory_path() / "ducklake-bench-XXXXXX").string();
		if (!mkdtemp(&dir[0])) {
			return 1;
		}
		auto inlined = SqlInsertLatency("ducklake:" + dir + "/sql.ducklake", dir + "/data/", sql_inserts, 10);
		auto plain = DuckdbFileCommitLatency(dir + "/plain.duckdb", sql_inserts);
		printf("DuckDB file inlined insert p50 %.3f ms (p99 %.3f); plain DuckDB file one-row INSERT commit p50 %.3f "
		       "ms (p99 %.3f) = %.2fx of it (bar: inlined p50 < 2 ms)\n",
		       inlined.p50, inlined.p99, plain.p50, plain.p99, inlined.p50 / plain.p50);
		std::error_code error;
		std::filesystem::remove_all(dir, error);
		return 0;
	}
	auto server = ducklake::test::TempPostgres::Start();
	server->Execute("CREATE DATABASE bench");
	auto conninfo = server->ConnInfo("bench");
	std::string pattern = (std::filesystem::temp_directory_path() / "ducklake-bench-XXXXXX").string();
	if (!mkdtemp(&pattern[0])) {
		return 1;
	}
	if (!sql_only) {
		RunAllStores(*server, conninfo, pattern, commits, writers, commits_per_writer);
	}
	server->Execute("CREATE DATABASE sql_bench");
	auto duckdb_file = SqlInsertLatency("ducklake:" + pattern + "/sql.ducklake", pattern + "/data1/", sql_inserts);
	auto sqlite_file = SqlInsertLatency("ducklake:sqlite:" + pattern + "/sql.sqlite", pattern + "/data2/", sql_inserts);
	auto postgres =
	    SqlInsertLatency("ducklake:postgres:" + server->ConnInfo("sql_bench"), pattern + "/data3/", sql_inserts);
	printf("sql insert of one row, autocommit, p50 (p99): DuckDB file %.3f ms (%.3f), SQLite %.3f ms (%.3f) = %.2fx, "
	       "PostgreSQL %.3f ms (%.3f) = %.2fx\n",
	       duckdb_file.p50, duckdb_file.p99, sqlite_file.p50, sqlite_file.p99, sqlite_file.p50 / duckdb_file.p50,
	       postgres.p50, postgres.p99, postgres.p50 / duckdb_file.p50);
	server->Execute("CREATE DATABASE sql_bench_inlined");
	auto duckdb_inlined =
	    SqlInsertLatency("ducklake:" + pattern + "/sql_inlined.ducklake", pattern + "/data4/", sql_inserts, 10);
	auto sqlite_inlined =
	    SqlInsertLatency("ducklake:sqlite:" + pattern + "/sql_inlined.sqlite", pattern + "/data5/", sql_inserts, 10);
	auto postgres_inlined = SqlInsertLatency("ducklake:postgres:" + server->ConnInfo("sql_bench_inlined"),
	                                         pattern + "/data6/", sql_inserts, 10);
	auto plain_duckdb = DuckdbFileCommitLatency(pattern + "/plain.duckdb", sql_inserts);
	printf("plain DuckDB file: one-row INSERT commit into an attached database file (WAL sync) p50 %.3f ms (%.3f); "
	       "DuckLake inlined insert on the DuckDB-file store = %.2fx of it\n",
	       plain_duckdb.p50, plain_duckdb.p99, duckdb_inlined.p50 / plain_duckdb.p50);
	printf("sql insert of one row with data inlining, autocommit, p50 (p99) and ratio to the same store's Parquet "
	       "insert: DuckDB file %.3f ms (%.3f) = %.2fx, SQLite %.3f ms (%.3f) = %.2fx, PostgreSQL %.3f ms (%.3f) = "
	       "%.2fx (bars: DuckDB file p50 < 2 ms, PostgreSQL p50 <= 3 ms)\n",
	       duckdb_inlined.p50, duckdb_inlined.p99, duckdb_inlined.p50 / duckdb_file.p50, sqlite_inlined.p50,
	       sqlite_inlined.p99, sqlite_inlined.p50 / sqlite_file.p50, postgres_inlined.p50, postgres_inlined.p99,
	       postgres_inlined.p50 / postgres.p50);
	std::error_code error;
	std::filesystem::remove_all(pattern, error);
	return 0;
}
