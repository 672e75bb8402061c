// ducklake_concurrent_writers: several processes commit to one lake at once, then the lake is
// checked: every row landed exactly once, snapshot ids are dense, no writer failed.
//
//   ducklake_concurrent_writers --store postgres|sqlite --processes N --commits M
//                               [--tables mixed|both|shared|own] [--schema NAME] [--dir DIR]
//
// Each writer is this program again (`--role writer`), with its own DuckDB and the lake
// attached: it creates its own table `own_<w>`, then makes M commits. A commit inserts one row
// into the table `shared` that all writers share or into its own table: alternately (mixed, the
// default), always the one (shared, own), or into both in one transaction (both). Any failed statement, a retryable
// commit failure included, fails the writer. PostgreSQL is reached through DUCKLAKE_TEST_PG_CONNINFO (run it under
// ducklake_temp_postgres); SQLite uses a file in the working directory (a new temporary one
// unless --dir). --schema picks the METADATA_SCHEMA on PostgreSQL so runs can share a server.
//
// Writers start committing together once all are ready (files ready_<w> and go in the working
// directory); a writer that exits before the start line stops the run, naming it. Prints one line per writer and a
// summary with commits per second from that start until the last writer finished; exits 0 when every check passed, 1
// otherwise, 2 on usage errors.
#include "extension/ducklake_extension.hpp"

#include "duckdb.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr int processes_max = 64;
constexpr int commits_max = 100000;
//! How long writers wait for each other at the start line.
constexpr int64_t start_wait_ms_max = 120000;

struct Options {
	std::string store;
	int processes = 0;
	int commits = 0;
	std::string tables = "mixed";
	std::string schema;
	std::string dir;
	std::string role = "main";
	int writer = -1;
};

[[noreturn]] void Usage(const std::string &problem) {
	std::fprintf(stderr,
	             "ducklake_concurrent_writers: %s\n"
	             "usage: ducklake_concurrent_writers --store postgres|sqlite --processes N (1-%d) --commits M (1-%d)\n"
	             "       [--tables mixed|both|shared|own] [--schema NAME] [--dir DIR]\n",
	             problem.c_str(), processes_max, commits_max);
	std::exit(2);
}

int ParseCount(const std::string &flag, const char *text, int max) {
	char *end = nullptr;
	long value = std::strtol(text, &end, 10);
	if (!end || *end != '\0' || value < 1 || value > max) {
		Usage(flag + " must be a number from 1 to " + std::to_string(max) + ", got '" + text + "'");
	}
	return static_cast<int>(value);
}

Options Parse(int argc, char **argv) {
	Options options;
	for (int arg_idx = 1; arg_idx < argc; arg_idx++) {
		std::string flag = argv[arg_idx];
		if (arg_idx + 1 >= argc) {
			Usage(flag + " needs a value");
		}
		const char *value = argv[++arg_idx];
		if (flag == "--store") {
			options.store = value;
		} else if (flag == "--processes") {
			options.processes = ParseCount(flag, value, processes_max);
		} else if (flag == "--commits") {
			options.commits = ParseCount(flag, value, commits_max);
		} else if (flag == "--tables") {
			options.tables = value;
		} else if (flag == "--schema") {
			options.schema = value;
		} else if (flag == "--dir") {
			options.dir = value;
		} else if (flag == "--role") {
			options.role = value;
		} else if (flag == "--writer") {
			options.writer = ParseCount(flag, value, processes_max) - 1;
		} else {
			Usage("unknown option " + flag);
		}
	}
	if (options.store != "postgres" && options.store != "sqlite") {
		Usage("--store must be postgres or sqlite (a DuckDB file belongs to one process)");
	}
	if (options.tables != "mixed" && options.tables != "both" && options.tables != "shared" &&
	    options.tables != "own") {
		Usage("--tables must be mixed, both, shared or own, got '" + options.tables + "'");
	}
	if (options.processes == 0 || options.commits == 0) {
		Usage("--processes and --commits are required");
	}
	return options;
}

std::string Quote(const std::string &text) {
	return duckdb::KeywordHelper::WriteQuoted(text, '\'');
}

std::string AttachSql(const Options &options) {
	std::string location;
	if (options.store == "postgres") {
		auto conninfo = std::getenv("DUCKLAKE_TEST_PG_CONNINFO");
		if (!conninfo) {
			Usage("--store postgres needs DUCKLAKE_TEST_PG_CONNINFO (run under ducklake_temp_postgres)");
		}
		location = std::string("ducklake:postgres:") + conninfo;
	} else {
		location = "ducklake:sqlite:" + options.dir + "/metadata.sqlite";
	}
	std::string sql = "ATTACH " + Quote(location) + " AS lake (DATA_PATH " + Quote(options.dir + "/data/");
	if (!options.schema.empty()) {
		sql += ", METADATA_SCHEMA " + Quote(options.schema);
	}
	return sql + ")";
}

//! Run one statement; on failure print it with the error and exit 1.
duckdb::unique_ptr<duckdb::MaterializedQueryResult> Run(duckdb::Connection &con, const std::string &sql,
                                                        const std::string &who) {
	auto result = con.Query(sql);
	if (result->HasError()) {
		std::fprintf(stderr, "%s: %s\n  statement: %s\n", who.c_str(), result->GetError().c_str(), sql.c_str());
		std::exit(1);
	}
	return result;
}

std::unique_ptr<duckdb::DuckDB> OpenLake(const Options &options, const std::string &who) {
	auto db = std::make_unique<duckdb::DuckDB>(nullptr);
	db->LoadStaticExtension<ducklake::DucklakeExtension>();
	duckdb::Connection con(*db);
	Run(con, AttachSql(options), who);
	return db;
}

int RunSetup(const Options &options) {
	auto db = OpenLake(options, "setup");
	duckdb::Connection con(*db);
	Run(con, "CREATE TABLE lake.shared(writer INTEGER, seq INTEGER)", "setup");
	return 0;
}

int RunWriter(const Options &options) {
	auto who = "writer " + std::to_string(options.writer + 1);
	auto db = OpenLake(options, who);
	duckdb::Connection con(*db);
	auto own = "lake.own_" + std::to_string(options.writer + 1);
	Run(con, "CREATE TABLE " + own + "(seq INTEGER)", who);
	// Start line: tell the parent we are ready, then wait until every writer is.
	std::ofstream(options.dir + "/ready_" + std::to_string(options.writer + 1)).put('1');
	auto ready_at = Clock::now();
	while (!std::filesystem::exists(options.dir + "/go")) {
		if (Clock::now() - ready_at > std::chrono::milliseconds(start_wait_ms_max)) {
			std::fprintf(stderr, "%s: the other writers did not get ready within %lld ms\n", who.c_str(),
			             static_cast<long long>(start_wait_ms_max));
			return 1;
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(1));
	}
	auto start = Clock::now();
	auto writer = std::to_string(options.writer + 1);
	for (int seq = 0; seq < options.commits; seq++) {
		auto value = std::to_string(seq);
		if (options.tables == "shared" || (options.tables == "mixed" && seq % 2 == 0)) {
			Run(con, "INSERT INTO lake.shared VALUES (" + writer + ", " + value + ")", who);
		} else if (options.tables == "own" || options.tables == "mixed") {
			Run(con, "INSERT INTO " + own + " VALUES (" + value + ")", who);
		} else {
			Run(con, "BEGIN", who);
			Run(con, "INSERT INTO lake.shared VALUES (" + writer + ", " + value + ")", who);
			Run(con, "INSERT INTO " + own + " VALUES (" + value + ")", who);
			Run(con, "COMMIT", who);
		}
	}
	auto elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
	std::printf("%s: %d commits in %.0f ms\n", who.c_str(), options.commits, elapsed_ms);
	return 0;
}

pid_t Spawn(const Options &options, const std::string &role, int writer) {
	std::vector<std::string> args = {"/proc/self/exe",
	                                 "--store",
	                                 options.store,
	                                 "--processes",
	                                 std::to_string(options.processes),
	                                 "--commits",
	                                 std::to_string(options.commits),
	                                 "--tables",
	                                 options.tables,
	                                 "--dir",
	                                 options.dir,
	                                 "--role",
	                                 role};
	if (!options.schema.empty()) {
		args.insert(args.end(), {"--schema", options.schema});
	}
	if (writer >= 0) {
		args.insert(args.end(), {"--writer", std::to_string(writer + 1)});
	}
	pid_t pid = fork();
	if (pid == 0) {
		std::vector<char *> argv;
		for (auto &arg : args) {
			argv.push_back(&arg[0]);
		}
		argv.push_back(nullptr);
		execv("/proc/self/exe", argv.data());
		std::perror("execv");
		_exit(127);
	}
	return pid;
}

bool WaitAll(const std::vector<pid_t> &pids) {
	bool ok = true;
	for (auto pid : pids) {
		int status = 0;
		if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			ok = false;
		}
	}
	return ok;
}

//! Waits until every writer has written its ready file. False, with the reason printed, when a
//! writer exits first (its own error is above) or the wait passes start_wait_ms_max.
bool WaitForStartLine(const Options &options, std::vector<pid_t> &writers) {
	auto started = Clock::now();
	while (true) {
		int ready = 0;
		for (int writer = 1; writer <= options.processes; writer++) {
			ready += std::filesystem::exists(options.dir + "/ready_" + std::to_string(writer)) ? 1 : 0;
		}
		if (ready == options.processes) {
			return true;
		}
		for (size_t writer = 0; writer < writers.size(); writer++) {
			int status = 0;
			if (waitpid(writers[writer], &status, WNOHANG) == writers[writer]) {
				std::fprintf(stderr, "writer %zu exited before the start line (%s %d); its error is above\n",
				             writer + 1, WIFEXITED(status) ? "exit code" : "signal",
				             WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
				writers.erase(writers.begin() + static_cast<std::ptrdiff_t>(writer));
				return false;
			}
		}
		if (Clock::now() - started > std::chrono::milliseconds(start_wait_ms_max)) {
			std::fprintf(stderr, "only %d of %d writers got ready within %lld ms\n", ready, options.processes,
			             static_cast<long long>(start_wait_ms_max));
			return false;
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(1));
	}
}

int64_t Count(duckdb::Connection &con, const std::string &sql) {
	return Run(con, sql, "check")->GetValue(0, 0).GetValue<int64_t>();
}

bool Expect(const std::string &what, int64_t actual, int64_t expected) {
	if (actual == expected) {
		return true;
	}
	std::fprintf(stderr, "check failed: %s is %lld, expected %lld\n", what.c_str(), static_cast<long long>(actual),
	             static_cast<long long>(expected));
	return false;
}

int RunMain(Options options) {
	bool temporary = options.dir.empty();
	if (temporary) {
		std::string pattern = (std::filesystem::temp_directory_path() / "ducklake-writers-XXXXXX").string();
		if (!mkdtemp(&pattern[0])) {
			std::perror("mkdtemp");
			return 1;
		}
		options.dir = pattern;
	}
	int exit_code = 1;
	if (WaitAll({Spawn(options, "setup", -1)})) {
		std::vector<pid_t> writers;
		for (int writer = 0; writer < options.processes; writer++) {
			writers.push_back(Spawn(options, "writer", writer));
		}
		// Commits are timed from the moment every writer has its lake attached and its table.
		if (!WaitForStartLine(options, writers)) {
			for (auto pid : writers) {
				kill(pid, SIGTERM);
			}
			WaitAll(writers);
			if (temporary) {
				std::error_code error;
				std::filesystem::remove_all(options.dir, error);
			}
			return 1;
		}
		auto start = Clock::now();
		std::ofstream(options.dir + "/go").put('1');
		bool writers_ok = WaitAll(writers);
		auto elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
		int64_t commits = int64_t(options.processes) * options.commits;
		std::printf("%s, %d processes x %d commits into %s tables: %lld commits in %.2f s, %.1f commits/s\n",
		            options.store.c_str(), options.processes, options.commits, options.tables.c_str(),
		            static_cast<long long>(commits), elapsed_s, static_cast<double>(commits) / elapsed_s);
		if (!writers_ok) {
			std::fprintf(stderr, "check failed: a writer failed (see above)\n");
		} else {
			auto db = OpenLake(options, "check");
			duckdb::Connection con(*db);
			bool ok = true;
			// Rows per writer in the shared table and in its own table.
			int64_t shared_per_writer = options.tables == "own"     ? 0
			                            : options.tables == "mixed" ? (options.commits + 1) / 2
			                                                        : options.commits;
			int64_t own_rows = options.tables == "shared"  ? 0
			                   : options.tables == "mixed" ? options.commits / 2
			                                               : options.commits;
			int64_t shared_rows = shared_per_writer * options.processes;
			ok &= Expect("rows in shared", Count(con, "SELECT count(*) FROM lake.shared"), shared_rows);
			ok &= Expect("distinct (writer, seq) in shared",
			             Count(con, "SELECT count(DISTINCT (writer, seq)) FROM lake.shared"), shared_rows);
			// Row ids do not overlap: every data file of the shared table starts at its own row id.
			ok &= Expect("data files of shared with distinct row_id_start",
			             Count(con, "SELECT count(DISTINCT row_id_start) FROM ducklake_metadata_query('lake', 'SELECT "
			                        "f.row_id_start FROM ducklake_data_file f JOIN ducklake_table t ON t.table_id = "
			                        "f.table_id WHERE t.table_name = ''shared''')"),
			             shared_rows);
			for (int writer = 1; writer <= options.processes; writer++) {
				auto table = "lake.own_" + std::to_string(writer);
				ok &= Expect("distinct seq in " + table, Count(con, "SELECT count(DISTINCT seq) FROM " + table),
				             own_rows);
				ok &= Expect("rows in " + table, Count(con, "SELECT count(*) FROM " + table), own_rows);
			}
			// 0 = the new catalog, 1 = shared, one CREATE per writer, then the commits.
			int64_t snapshots = 2 + options.processes + commits;
			auto snapshot_query = std::string("FROM ducklake_metadata_query('lake', 'SELECT snapshot_id FROM "
			                                  "ducklake_snapshot')");
			ok &= Expect("snapshots", Count(con, "SELECT count(*) " + snapshot_query), snapshots);
			ok &= Expect("distinct snapshot ids", Count(con, "SELECT count(DISTINCT snapshot_id) " + snapshot_query),
			             snapshots);
			ok &= Expect("highest snapshot id", Count(con, "SELECT max(snapshot_id) " + snapshot_query), snapshots - 1);
			exit_code = ok ? 0 : 1;
		}
	} else {
		std::fprintf(stderr, "setup failed (see above)\n");
	}
	if (temporary) {
		std::error_code error;
		std::filesystem::remove_all(options.dir, error);
	}
	return exit_code;
}

} // namespace

int main(int argc, char **argv) {
	auto options = Parse(argc, argv);
	if (options.role == "setup") {
		return RunSetup(options);
	}
	if (options.role == "writer") {
		return RunWriter(options);
	}
	if (options.role != "main") {
		Usage("unknown --role " + options.role);
	}
	return RunMain(options);
}
