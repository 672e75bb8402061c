#include "cli/command_stack.hpp"

#include "cli/stack_process.hpp"
#include "cli/stack_state.hpp"
#include "workload/s3_bucket.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace ducklake {

namespace {

namespace fs = std::filesystem;

constexpr const char *stack_directory = ".stack";
constexpr const char *pg_system_user = "postgres";
constexpr int64_t pg_start_timeout_seconds = 30;
constexpr int64_t s3d_start_timeout_ms = 10000;
constexpr int64_t start_poll_ms = 100;
constexpr int64_t s3d_stop_grace_ms = 5000;
constexpr size_t log_tail_bytes = 1500;

//! Where PostgreSQL's files live when root runs the stack from a directory the postgres user cannot
//! enter (root's home is mode 700): one directory per stack, named after the stack's path.
constexpr const char *pg_outside_parent = "/var/lib/postgresql/ducklake-stacks";

struct StackPaths {
	fs::path root = fs::absolute(stack_directory);
	fs::path conf = root / "stack.conf";
	//! ./.stack/pg, or a link to the data directory outside (see UsePgOutside)
	fs::path pg_link = root / "pg";
	fs::path pg_data = pg_link;
	fs::path pg_log = root / "pg.log";
	fs::path s3_data = root / "s3";
	fs::path s3_log = root / "s3d.log";

	StackPaths() {
		std::error_code code;
		if (fs::is_symlink(pg_link, code)) {
			pg_data = fs::read_symlink(pg_link, code);
			pg_log = pg_data.parent_path() / "pg.log";
		}
	}
};

//! PostgreSQL's server tools: PATH first, then Debian's versioned directory.
std::string PgTool(const std::string &name) {
	auto found = FindProgram(name, {"/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin"});
	return found.empty() ? name : found;
}

//! ducklake-s3d next to this binary (installed), in the build tree's server directory, or in PATH.
std::string FindS3d() {
	std::error_code code;
	auto self = fs::read_symlink("/proc/self/exe", code);
	std::vector<std::string> beside;
	if (!code) {
		beside = {self.parent_path().string(), (self.parent_path().parent_path() / "server").string()};
	}
	for (auto &directory : beside) {
		auto candidate = directory + "/ducklake-s3d";
		if (access(candidate.c_str(), X_OK) == 0) {
			return candidate;
		}
	}
	return FindProgram("ducklake-s3d");
}

std::string RandomHex(size_t bytes) {
	std::ifstream random("/dev/urandom", std::ios::binary);
	static const char digits[] = "0123456789abcdef";
	std::string result;
	for (size_t byte_idx = 0; byte_idx < bytes; byte_idx++) {
		auto byte = static_cast<unsigned char>(random.get());
		result += digits[byte >> 4];
		result += digits[byte & 15];
	}
	return result;
}

std::string ReadConf(const StackPaths &paths, StackState &state) {
	if (!fs::exists(paths.conf)) {
		return "";
	}
	std::ifstream file(paths.conf);
	std::stringstream text;
	text << file.rdbuf();
	auto error = ParseStackConf(text.str(), state);
	return error.empty() ? "" : paths.conf.string() + ": " + error;
}

bool WriteConf(const StackPaths &paths, const StackState &state) {
	auto temporary = paths.conf.string() + ".tmp";
	{
		std::ofstream file(temporary, std::ios::trunc);
		file << RenderStackConf(state);
		if (!file.flush()) {
			return false;
		}
	}
	fs::permissions(temporary, fs::perms::owner_read | fs::perms::owner_write);
	std::error_code code;
	fs::rename(temporary, paths.conf, code);
	return !code;
}

bool PgRunning(const StackPaths &paths) {
	return fs::exists(paths.pg_data / "PG_VERSION") &&
	       RunProcess({PgTool("pg_ctl"), "status", "-D", paths.pg_data.string()}, pg_system_user).exit_code == 0;
}

std::string Fail(const std::string &what, const std::string &detail, const std::string &fix) {
	return what + ": " + detail + "\n  how to fix: " + fix;
}

//! As root, the server runs as the postgres user, which must be able to enter every directory
//! above its data. When it cannot (a private home such as /root), the data directory goes to
//! pg_outside_parent and ./.stack/pg becomes a link to it, so later runs find it again.
std::string UsePgOutside(StackPaths &paths) {
	if (RunProcess({"test", "-x", paths.root.string()}, pg_system_user).exit_code == 0) {
		return "";
	}
	auto name = paths.root.string();
	uint64_t hash = 1469598103934665603ULL; // FNV-1a: stable across runs and builds
	for (unsigned char character : name) {
		hash = (hash ^ character) * 1099511628211ULL;
	}
	char hex[17];
	snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(hash));
	auto outside = fs::path(pg_outside_parent) / hex;
	std::error_code code;
	fs::create_directories(outside, code);
	if (code) {
		return Fail("cannot create " + outside.string(), code.message(),
		            "run from a directory the postgres user can enter, or as a normal user");
	}
	fs::create_directory_symlink(outside / "pg", paths.pg_link, code);
	if (code) {
		return Fail("cannot link " + paths.pg_link.string() + " to " + (outside / "pg").string(), code.message(),
		            "remove " + paths.pg_link.string() + " and run `ducklake stack up` again");
	}
	paths.pg_data = outside / "pg";
	paths.pg_log = outside / "pg.log";
	std::cout << "  the postgres user cannot enter " << paths.root.string() << ": its data goes to " << outside.string()
	          << " (linked from " << paths.pg_link.string() << ")\n";
	return "";
}

std::string StartPostgres(StackPaths &paths, StackState &state) {
	bool as_root = geteuid() == 0;
	if (!fs::exists(paths.pg_data / "PG_VERSION")) {
		if (as_root && !fs::is_symlink(paths.pg_link)) {
			auto error = UsePgOutside(paths);
			if (!error.empty()) {
				return error;
			}
		}
		std::cout << "  initdb " << paths.pg_data.string() << "\n" << std::flush;
		std::error_code code;
		fs::create_directories(paths.pg_data, code);
		if (as_root) {
			// PostgreSQL refuses to run as root; its files must belong to the user that runs it.
			auto chown =
			    RunProcess({"chown", "-R", std::string(pg_system_user) + ":", paths.pg_data.parent_path().string()});
			if (chown.exit_code != 0) {
				return Fail("cannot hand " + paths.root.string() + " to the postgres user", chown.output,
				            "run as a normal user, or create the postgres user (Debian package postgresql-15)");
			}
		}
		auto initdb = RunProcess({PgTool("initdb"), "-D", paths.pg_data.string(), "-U", StackState::pg_user,
		                          "--auth=trust", "-E", "UTF8", "--no-instructions"},
		                         pg_system_user);
		if (initdb.exit_code != 0) {
			std::string fix;
			if (!fs::exists(PgTool("initdb"))) {
				fix = "install PostgreSQL 15 (apt-get install postgresql-15), then run `ducklake stack up` again";
			} else if (as_root) {
				// The server runs as the postgres user, which must be able to enter every parent directory.
				fix = "as root the server runs as the '" + std::string(pg_system_user) +
				      "' user, which must be able to enter every directory above " + paths.root.string() +
				      ": run from a directory it can reach (e.g. `chmod o+x` on the parents), or as a normal user";
			} else {
				fix = "read initdb's message above, then run `ducklake stack up` again";
			}
			return Fail("initdb failed", initdb.output, fix);
		}
	}
	if (PgRunning(paths)) {
		if (state.pg_port == 0 || !LoopbackPortAccepts(state.pg_port)) {
			return Fail("PostgreSQL runs in " + paths.pg_data.string() + " but not on the recorded port",
			            "stack.conf says port " + std::to_string(state.pg_port),
			            "run `ducklake stack down` and `ducklake stack up`");
		}
		std::cout << "  PostgreSQL already running on 127.0.0.1:" << state.pg_port << "\n";
		return "";
	}
	if (state.pg_port == 0 || LoopbackPortAccepts(state.pg_port)) {
		state.pg_port = FreeLoopbackPort();
	}
	// Loopback TCP only; the Unix socket goes into the data directory, never /var/run.
	auto options =
	    "-p " + std::to_string(state.pg_port) + " -c listen_addresses=127.0.0.1 -k " + paths.pg_data.string();
	auto start = RunProcess({PgTool("pg_ctl"), "start", "-D", paths.pg_data.string(), "-l", paths.pg_log.string(), "-w",
	                         "-t", std::to_string(pg_start_timeout_seconds), "-o", options},
	                        pg_system_user);
	if (start.exit_code != 0) {
		return Fail("PostgreSQL did not start within " + std::to_string(pg_start_timeout_seconds) + " s",
		            start.output + FileTail(paths.pg_log.string(), log_tail_bytes), "see " + paths.pg_log.string());
	}
	std::cout << "  PostgreSQL started on 127.0.0.1:" << state.pg_port << "\n";
	auto psql = PgTool("psql");
	auto port = std::to_string(state.pg_port);
	auto exists =
	    RunProcess({psql, "-h", "127.0.0.1", "-p", port, "-U", StackState::pg_user, "-d", "postgres", "-tAc",
	                std::string("SELECT 1 FROM pg_database WHERE datname = '") + StackState::pg_database + "'"});
	if (exists.exit_code != 0) {
		return Fail("cannot query PostgreSQL on port " + port, exists.output, "see " + paths.pg_log.string());
	}
	if (exists.output.find('1') == std::string::npos) {
		auto created = RunProcess({psql, "-h", "127.0.0.1", "-p", port, "-U", StackState::pg_user, "-d", "postgres",
		                           "-c", std::string("CREATE DATABASE ") + StackState::pg_database});
		if (created.exit_code != 0) {
			return Fail("cannot create database " + std::string(StackState::pg_database), created.output,
			            "see " + paths.pg_log.string());
		}
	}
	return "";
}

std::string StartS3d(const StackPaths &paths, StackState &state) {
	if (ProcessIsRunning(state.s3_pid, "ducklake-s3d") && LoopbackPortAccepts(state.s3_port)) {
		std::cout << "  ducklake-s3d already running on " << state.S3Endpoint() << " (pid " << state.s3_pid << ")\n";
		return "";
	}
	auto binary = FindS3d();
	if (binary.empty()) {
		return Fail("ducklake-s3d not found", "it is neither next to this binary nor in PATH",
		            "build it (`make`, target ducklake-s3d) or put it in PATH");
	}
	std::error_code code;
	fs::create_directories(paths.s3_data, code);
	if (state.s3_port == 0 || LoopbackPortAccepts(state.s3_port)) {
		state.s3_port = FreeLoopbackPort();
	}
	// The credentials go through the environment, never the command line (visible in ps).
	state.s3_pid = StartDetached(
	    {binary, "--listen", state.S3Endpoint(), "--root", paths.s3_data.string()},
	    {"DUCKLAKE_S3D_ACCESS_KEY=" + state.access_key_id, "DUCKLAKE_S3D_SECRET_KEY=" + state.secret_access_key},
	    paths.s3_log.string());
	for (int64_t waited_ms = 0; waited_ms < s3d_start_timeout_ms; waited_ms += start_poll_ms) {
		if (LoopbackPortAccepts(state.s3_port)) {
			std::cout << "  ducklake-s3d started on " << state.S3Endpoint() << " (pid " << state.s3_pid << ")\n";
			return "";
		}
		if (ChildHasExited(state.s3_pid)) {
			break;
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(start_poll_ms));
	}
	// Our own child, started above: stop it whatever its command line shows.
	if (!ChildHasExited(state.s3_pid)) {
		StopProcess(state.s3_pid, s3d_stop_grace_ms);
	}
	state.s3_pid = 0;
	return Fail("ducklake-s3d did not accept connections on " + state.S3Endpoint(),
	            FileTail(paths.s3_log.string(), log_tail_bytes), "see " + paths.s3_log.string());
}

int Up() {
	StackPaths paths;
	StackState state;
	std::error_code code;
	fs::create_directories(paths.root, code);
	auto error = ReadConf(paths, state);
	if (error.empty() && code) {
		error = "cannot create " + paths.root.string() + ": " + code.message();
	}
	if (state.access_key_id.empty()) {
		state.access_key_id = "ducklake";
		state.secret_access_key = RandomHex(20);
	}
	std::cout << "ducklake stack up: " << paths.root.string() << "\n";
	if (error.empty()) {
		error = StartPostgres(paths, state);
	}
	if (error.empty()) {
		error = StartS3d(paths, state);
	}
	if (error.empty()) {
		S3BucketTarget bucket;
		bucket.endpoint = state.S3Endpoint();
		bucket.bucket = StackState::bucket;
		bucket.access_key_id = state.access_key_id;
		bucket.secret_access_key = state.secret_access_key;
		auto created = EnsureS3Bucket(bucket);
		if (created.outcome == S3BucketOutcome::FAILED) {
			error = Fail("cannot create the bucket", created.error, "see " + paths.s3_log.string());
		} else {
			std::cout << "  bucket " << StackState::bucket
			          << (created.outcome == S3BucketOutcome::CREATED ? " created\n" : " exists\n");
		}
	}
	// Record what runs even after a failure, so `down` can stop it.
	if (!WriteConf(paths, state)) {
		std::cerr << "ducklake stack up: cannot write " << paths.conf.string() << "\n";
		return 1;
	}
	if (!error.empty()) {
		std::cerr << "ducklake stack up: " << error << "\n";
		return 1;
	}
	std::cout << "\nThe stack is up. In `ducklake` (or any DuckDB 1.4 with the ducklake extension):\n\n"
	          << "  " << state.CreateSecretSql() << ";\n"
	          << "  " << state.AttachSql() << ";\n\n"
	          << "or run the demo on it: ducklake demo --stack\n";
	return 0;
}

int Down() {
	StackPaths paths;
	StackState state;
	auto error = ReadConf(paths, state);
	if (!error.empty()) {
		std::cerr << "ducklake stack down: " << error << "\n";
		return 1;
	}
	bool stopped_any = false;
	if (ProcessIsRunning(state.s3_pid, "ducklake-s3d")) {
		StopProcess(state.s3_pid, s3d_stop_grace_ms);
		std::cout << "ducklake-s3d (pid " << state.s3_pid << ") stopped\n";
		stopped_any = true;
	}
	state.s3_pid = 0;
	if (PgRunning(paths)) {
		auto stop =
		    RunProcess({PgTool("pg_ctl"), "stop", "-D", paths.pg_data.string(), "-m", "fast", "-w"}, pg_system_user);
		if (stop.exit_code != 0) {
			std::cerr << "ducklake stack down: pg_ctl stop failed: " << stop.output << "\n";
			return 1;
		}
		std::cout << "PostgreSQL stopped\n";
		stopped_any = true;
	}
	if (fs::exists(paths.conf) && !WriteConf(paths, state)) {
		std::cerr << "ducklake stack down: cannot write " << paths.conf.string() << "\n";
		return 1;
	}
	if (!stopped_any) {
		std::cout << "nothing started by `ducklake stack up` is running\n";
	}
	std::cout << "data kept in " << paths.root.string() << " (delete it to start from scratch)\n";
	return 0;
}

int Status() {
	StackPaths paths;
	StackState state;
	auto error = ReadConf(paths, state);
	if (!error.empty()) {
		std::cerr << "ducklake stack status: " << error << "\n";
		return 1;
	}
	bool pg = PgRunning(paths) && LoopbackPortAccepts(state.pg_port);
	bool s3 = ProcessIsRunning(state.s3_pid, "ducklake-s3d") && LoopbackPortAccepts(state.s3_port);
	std::cout << "PostgreSQL    " << (pg ? "running on 127.0.0.1:" + std::to_string(state.pg_port) : "not running")
	          << "\nducklake-s3d  "
	          << (s3 ? "running on " + state.S3Endpoint() + " (pid " + std::to_string(state.s3_pid) + ")"
	                 : "not running")
	          << "\n";
	if (pg && s3) {
		std::cout << "\n  " << state.CreateSecretSql() << ";\n  " << state.AttachSql() << ";\n";
	}
	return pg && s3 ? 0 : 3;
}

} // namespace

int RunStackCommand(int argc, char **argv) {
	static const char *usage = "usage: ducklake stack up|down|status\n"
	                           "  up      start PostgreSQL and ducklake-s3d under ./.stack/, create the bucket\n"
	                           "  down    stop what `up` started (data stays in ./.stack/)\n"
	                           "  status  say what runs; exit code 0 when both run, 3 otherwise\n";
	if (argc != 2) {
		std::cerr << usage;
		return 2;
	}
	std::string action = argv[1];
	if (action == "up") {
		return Up();
	}
	if (action == "down") {
		return Down();
	}
	if (action == "status") {
		return Status();
	}
	if (action == "--help" || action == "-h") {
		std::cout << usage;
		return 0;
	}
	std::cerr << "ducklake stack: unknown action '" << action << "'\n" << usage;
	return 2;
}

std::string StackLakeOptions(LakeOptions &lake, std::vector<std::string> &setup_sql, S3BucketTarget &bucket) {
	StackPaths paths;
	StackState state;
	if (!fs::exists(paths.conf)) {
		return "no stack in " + paths.root.string();
	}
	auto error = ReadConf(paths, state);
	if (!error.empty()) {
		return error;
	}
	if (!LoopbackPortAccepts(state.pg_port) || !LoopbackPortAccepts(state.s3_port)) {
		return "the stack in " + paths.root.string() + " is not running (PostgreSQL port " +
		       std::to_string(state.pg_port) + ", s3d port " + std::to_string(state.s3_port) + ")";
	}
	lake.uri = state.CatalogUri();
	lake.data_path = StackState::data_path;
	setup_sql.push_back(state.CreateSecretSql());
	bucket.endpoint = state.S3Endpoint();
	bucket.bucket = StackState::bucket;
	bucket.access_key_id = state.access_key_id;
	bucket.secret_access_key = state.secret_access_key;
	return "";
}

} // namespace ducklake
