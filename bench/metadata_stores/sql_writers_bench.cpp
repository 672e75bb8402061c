// sql_writers_bench: concurrent writers end to end, through SQL. `--writers` processes, each its own
// DuckDB with the lake attached on one shared catalog, each running `--commits-per-writer`
// autocommit single-row `INSERT INTO lake.<table> VALUES (...)`; every INSERT is one DuckLake commit
// racing the others for the next snapshot id (conflicts are retried by the catalog within
// ducklake_max_retry_count). Two shapes, as the concurrent-writer bars state them:
//   separate  each writer inserts into a table of its own            (bar: >= 200 commits/s in total)
//   shared    all writers insert into one table                      (bar: >= 50 commits/s in total)
// each with data inlining on (the row goes into the catalog) and off (the row goes into a Parquet
// file of its own). Beside them, the same writers each running the same number of single-row
// INSERT commits on a plain PostgreSQL table through libpq: what the server itself sustains here.
// Afterwards every run is checked: each table holds exactly the rows its writers committed and
// the catalog holds one snapshot per commit, so no commit was lost or counted twice.
//
//   sql_writers_bench [--writers 16] [--commits-per-writer 50] [--stores postgres,sqlite]
//
// PostgreSQL is a private server started for the run (Debian's postgresql-15); SQLite is a file in
// a temporary directory. DuckDB runs only in forked child processes (never fork a process with
// DuckDB's threads running).
#include "extension/ducklake_extension.hpp"
#include "support/temp_postgres.hpp"

#include "duckdb.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

//! How long a writer waits for the others to be ready before it starts anyway.
constexpr int barrier_wait_ms_max = 120000;

struct Options {
	int writers = 16;
	int commits_per_writer = 50;
	std::vector<std::string> stores = {"postgres", "sqlite"};
};

[[noreturn]] void Usage(const std::string &problem) {
	std::fprintf(stderr,
	             "sql_writers_bench: %s\n"
	             "usage: sql_writers_bench [--writers N (1-64)] [--commits-per-writer N (1-100000)] "
	             "[--stores postgres,sqlite]\n",
	             problem.c_str());
	std::exit(2);
}

int PositiveArgument(const std::string &name, const char *text, int max) {
	char *end = nullptr;
	auto value = std::strtol(text, &end, 10);
	if (!end || *end != '\0' || value < 1 || value > max) {
		Usage(name + " must be a whole number from 1 to " + std::to_string(max) + ", not '" + text + "'");
	}
	return static_cast<int>(value);
}

Options ParseOptions(int argc, char **argv) {
	Options options;
	for (int arg_idx = 1; arg_idx < argc; arg_idx++) {
		std::string arg = argv[arg_idx];
		if (arg_idx + 1 >= argc) {
			Usage("missing value after " + arg);
		}
		const char *value = argv[++arg_idx];
		if (arg == "--writers") {
			options.writers = PositiveArgument(arg, value, 64);
		} else if (arg == "--commits-per-writer") {
			options.commits_per_writer = PositiveArgument(arg, value, 100000);
		} else if (arg == "--stores") {
			options.stores.clear();
			std::string list = value;
			size_t start = 0;
			while (start <= list.size()) {
				auto end = list.find(',', start);
				end = end == std::string::npos ? list.size() : end;
				auto store = list.substr(start, end - start);
				if (store != "postgres" && store != "sqlite") {
					Usage("unknown store '" + store + "' (allowed: postgres, sqlite)");
				}
				options.stores.push_back(store);
				start = end + 1;
			}
		} else {
			Usage("unknown option " + arg);
		}
	}
	return options;
}

//! Run `work` in `count` child processes at once (child i gets i) and wait for all of them; the
//! wall time from the first fork to the last exit in ms, or a negative number when a child failed.
double RunChildren(int count, const std::function<int(int)> &work) {
	std::fflush(stdout);
	std::fflush(stderr);
	auto start = Clock::now();
	std::vector<pid_t> children;
	for (int child_idx = 0; child_idx < count; child_idx++) {
		pid_t pid = fork();
		if (pid < 0) {
			std::perror("fork");
			std::exit(1);
		}
		if (pid == 0) {
			int status = 3;
			try {
				status = work(child_idx);
			} catch (std::exception &error) {
				std::fprintf(stderr, "child %d: %s\n", child_idx, error.what());
			}
			std::fflush(stdout);
			std::fflush(stderr);
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
	auto elapsed = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
	return all_ok ? elapsed : -1;
}

bool Ok(duckdb::unique_ptr<duckdb::MaterializedQueryResult> result, const std::string &what) {
	if (result->HasError()) {
		std::fprintf(stderr, "%s: %s\n", what.c_str(), result->GetError().c_str());
		return false;
	}
	return true;
}

struct Run {
	std::string attach; // ATTACH statement of the lake, without options
	std::string data_path;
	bool inlined = false;
	bool shared = false;
};

std::string TableOf(const Run &run, int writer_idx) {
	return run.shared ? "lake.shared_t" : "lake.t" + std::to_string(writer_idx);
}

std::string AttachSQL(const Run &run) {
	return run.attach + " AS lake (DATA_PATH '" + run.data_path + "'" +
	       (run.inlined ? ", DATA_INLINING_ROW_LIMIT 10" : "") + ")";
}

//! One run: create the tables (in a child), then the writers, then check the rows and snapshots
//! (in a child). Prints one line; returns commits/s (0 when the run failed).
double WriterRun(const Options &options, const std::string &store, Run run) {
	std::filesystem::remove_all(run.data_path);
	auto tables = run.shared ? 1 : options.writers;
	auto setup = RunChildren(1, [&](int) {
		duckdb::DuckDB db(nullptr);
		db.LoadStaticExtension<ducklake::DucklakeExtension>();
		duckdb::Connection con(db);
		if (!Ok(con.Query(AttachSQL(run)), "attach")) {
			return 1;
		}
		for (int table_idx = 0; table_idx < tables; table_idx++) {
			if (!Ok(con.Query("CREATE OR REPLACE TABLE " + TableOf(run, table_idx) + "(writer INTEGER, n INTEGER)"),
			        "create")) {
				return 1;
			}
		}
		return 0;
	});
	if (setup < 0) {
		return 0;
	}
	// The snapshot before the writers start, to count theirs afterwards.
	auto *counters = static_cast<int64_t *>(
	    mmap(nullptr, sizeof(int64_t) * 2, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
	RunChildren(1, [&](int) {
		duckdb::DuckDB db(nullptr);
		db.LoadStaticExtension<ducklake::DucklakeExtension>();
		duckdb::Connection con(db);
		con.Query(AttachSQL(run));
		auto result = con.Query("SELECT max(snapshot_id) FROM ducklake_snapshots('lake')");
		counters[0] = result->HasError() ? -1 : result->GetValue(0, 0).GetValue<int64_t>();
		return 0;
	});
	// The writers attach first and wait for each other, so that the time counted is the commits
	// only (not 16 DuckDB instances starting on a small machine): from the moment the last writer
	// is ready to the moment the last one finishes, on the system-wide monotonic clock.
	auto *timing = static_cast<int64_t *>(mmap(nullptr, sizeof(int64_t) * (2 + options.writers), PROT_READ | PROT_WRITE,
	                                           MAP_SHARED | MAP_ANONYMOUS, -1, 0));
	auto &ready = *reinterpret_cast<std::atomic<int64_t> *>(&timing[0]);
	auto *finished_ns = &timing[2];
	auto writers_ok = RunChildren(options.writers, [&](int writer_idx) {
		duckdb::DuckDB db(nullptr);
		db.LoadStaticExtension<ducklake::DucklakeExtension>();
		duckdb::Connection con(db);
		if (!Ok(con.Query(AttachSQL(run)), "attach")) {
			ready.fetch_add(1);
			return 1;
		}
		auto table = TableOf(run, writer_idx);
		// Warm the statement path once outside the timed part: the first query reads the catalog.
		if (!Ok(con.Query("SELECT count(*) FROM " + table), "warm-up")) {
			ready.fetch_add(1);
			return 1;
		}
		if (ready.fetch_add(1) + 1 == options.writers) {
			timing[1] = Clock::now().time_since_epoch().count();
		}
		for (int wait_idx = 0; wait_idx < barrier_wait_ms_max && ready.load() < options.writers; wait_idx++) {
			usleep(1000);
		}
		for (int commit_idx = 0; commit_idx < options.commits_per_writer; commit_idx++) {
			if (!Ok(con.Query("INSERT INTO " + table + " VALUES (" + std::to_string(writer_idx) + ", " +
			                  std::to_string(commit_idx) + ")"),
			        "writer " + std::to_string(writer_idx))) {
				return 1;
			}
		}
		finished_ns[writer_idx] = Clock::now().time_since_epoch().count();
		return 0;
	});
	double elapsed = -1;
	if (writers_ok >= 0 && timing[1] > 0) {
		int64_t last = 0;
		for (int writer_idx = 0; writer_idx < options.writers; writer_idx++) {
			last = std::max(last, finished_ns[writer_idx]);
		}
		elapsed = std::chrono::duration<double, std::milli>(Clock::duration(last - timing[1])).count();
	}
	munmap(timing, sizeof(int64_t) * (2 + options.writers));
	int64_t commits = int64_t(options.writers) * options.commits_per_writer;
	// Check: every committed row is there once, one snapshot per commit.
	auto checked = RunChildren(1, [&](int) {
		duckdb::DuckDB db(nullptr);
		db.LoadStaticExtension<ducklake::DucklakeExtension>();
		duckdb::Connection con(db);
		if (!Ok(con.Query(AttachSQL(run)), "attach")) {
			return 1;
		}
		int64_t rows = 0;
		for (int table_idx = 0; table_idx < tables; table_idx++) {
			auto counted =
			    con.Query("SELECT count(*) - count(DISTINCT (writer, n)), count(*) FROM " + TableOf(run, table_idx));
			if (counted->HasError() || counted->GetValue(0, 0).GetValue<int64_t>() != 0) {
				std::fprintf(stderr, "table %s holds duplicate rows\n", TableOf(run, table_idx).c_str());
				return 1;
			}
			rows += counted->GetValue(1, 0).GetValue<int64_t>();
		}
		auto snapshots = con.Query("SELECT max(snapshot_id) FROM ducklake_snapshots('lake')");
		counters[1] = snapshots->HasError() ? -1 : snapshots->GetValue(0, 0).GetValue<int64_t>() - counters[0];
		return rows == commits ? 0 : 1;
	});
	auto snapshots_added = counters[1];
	munmap(counters, sizeof(int64_t) * 2);
	auto shape =
	    std::string(run.shared ? "shared table" : "separate tables") + (run.inlined ? ", inlined" : ", Parquet");
	if (elapsed < 0 || checked < 0 || snapshots_added != commits) {
		std::printf("%-8s %-27s FAILED (writers ok: %s, rows checked: %s, snapshots added %lld for %lld commits)\n",
		            store.c_str(), shape.c_str(), elapsed < 0 ? "no" : "yes", checked < 0 ? "no" : "yes",
		            static_cast<long long>(snapshots_added), static_cast<long long>(commits));
		return 0;
	}
	auto per_second = commits * 1000.0 / elapsed;
	std::printf("%-8s %-27s %d writers x %d commits: %.0f commits/s (%.2f s) (bar >= %d)\n", store.c_str(),
	            shape.c_str(), options.writers, options.commits_per_writer, per_second, elapsed / 1000.0,
	            run.shared ? 50 : 200);
	std::fflush(stdout);
	return per_second;
}

//! The same writers each committing single-row INSERTs on a plain table over libpq.
void PostgresBaseline(const Options &options, const std::string &conninfo) {
	auto *setup = PQconnectdb(conninfo.c_str());
	PQclear(PQexec(setup, "CREATE TABLE writers_baseline(writer INTEGER, n INTEGER)"));
	PQfinish(setup);
	auto elapsed = RunChildren(options.writers, [&](int writer_idx) {
		auto *connection = PQconnectdb(conninfo.c_str());
		if (PQstatus(connection) != CONNECTION_OK) {
			std::fprintf(stderr, "baseline writer: %s\n", PQerrorMessage(connection));
			return 1;
		}
		for (int commit_idx = 0; commit_idx < options.commits_per_writer; commit_idx++) {
			auto sql = "INSERT INTO writers_baseline VALUES (" + std::to_string(writer_idx) + ", " +
			           std::to_string(commit_idx) + ")";
			auto *result = PQexec(connection, sql.c_str());
			bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
			PQclear(result);
			if (!ok) {
				return 1;
			}
		}
		PQfinish(connection);
		return 0;
	});
	int64_t commits = int64_t(options.writers) * options.commits_per_writer;
	std::printf("postgres baseline: plain single-row INSERT commits over libpq, %d writers: %.0f commits/s\n",
	            options.writers, elapsed < 0 ? 0.0 : commits * 1000.0 / elapsed);
}

} // namespace

int main(int argc, char **argv) {
	auto options = ParseOptions(argc, argv);
	auto dir = std::filesystem::temp_directory_path() / ("ducklake-writers-bench-" + std::to_string(::getpid()));
	std::filesystem::create_directories(dir);
	std::unique_ptr<ducklake::test::TempPostgres> postgres;
	for (auto &store : options.stores) {
		Run run;
		if (store == "postgres") {
			postgres = ducklake::test::TempPostgres::Start();
			// The lake in a database of its own: the baseline's table would make it refuse to attach.
			auto *admin = PQconnectdb(postgres->ConnInfo().c_str());
			PQclear(PQexec(admin, "CREATE DATABASE lake"));
			PQfinish(admin);
			run.attach = "ATTACH 'ducklake:postgres:" + postgres->ConnInfo("lake") + "'";
			PostgresBaseline(options, postgres->ConnInfo());
		} else {
			run.attach = "ATTACH 'ducklake:sqlite:" + (dir / "meta.sqlite").string() + "'";
		}
		run.data_path = (dir / (store + "-data")).string() + "/";
		for (auto shared : {false, true}) {
			for (auto inlined : {true, false}) {
				run.shared = shared;
				run.inlined = inlined;
				WriterRun(options, store, run);
			}
		}
		postgres.reset();
	}
	std::filesystem::remove_all(dir);
	return 0;
}
