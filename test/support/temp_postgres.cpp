#include "support/temp_postgres.hpp"
#include "support/loopback_port.hpp"

#include <libpq-fe.h>

#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace ducklake {
namespace test {

namespace {

constexpr int64_t initdb_timeout_ms = 120000;
constexpr int64_t poll_interval_ms = 25;
constexpr size_t log_tail_bytes_max = 2000;

int64_t NowMs() {
	return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
	    .count();
}

//! fork + exec `argv` with stdout/stderr appended to `log_path`, as (uid, gid) when
//! drop_privileges. The child gets `death_signal` when this process dies.
pid_t Spawn(const std::vector<std::string> &argv, const std::string &log_path, bool drop_privileges, uid_t uid,
            gid_t gid, int death_signal) {
	std::vector<char *> raw_argv;
	for (auto &arg : argv) {
		raw_argv.push_back(const_cast<char *>(arg.c_str()));
	}
	raw_argv.push_back(nullptr);
	int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (log_fd < 0) {
		throw std::runtime_error("TempPostgres: cannot open log file '" + log_path + "': " + strerror(errno));
	}
	pid_t pid = fork();
	if (pid < 0) {
		close(log_fd);
		throw std::runtime_error("TempPostgres: fork failed: " + std::string(strerror(errno)));
	}
	if (pid == 0) {
		// Child: only async-signal-safe calls until exec.
		int null_fd = open("/dev/null", O_RDONLY);
		if (null_fd >= 0) {
			dup2(null_fd, STDIN_FILENO);
		}
		dup2(log_fd, STDOUT_FILENO);
		dup2(log_fd, STDERR_FILENO);
		setsid(); // a terminal's Ctrl-C goes to the test, which then stops the server itself
		if (drop_privileges) {
			if (setgroups(0, nullptr) != 0 || setgid(gid) != 0 || setuid(uid) != 0) {
				_exit(126);
			}
		}
		// After the credential change: changing uid clears the parent-death signal.
		prctl(PR_SET_PDEATHSIG, death_signal);
		execv(raw_argv[0], raw_argv.data());
		_exit(127);
	}
	close(log_fd);
	return pid;
}

//! Wait for `pid` at most timeout_ms; kills it and returns -1 on timeout, else its wait status.
int WaitBounded(pid_t pid, int64_t timeout_ms) {
	auto deadline = NowMs() + timeout_ms;
	while (true) {
		int status = 0;
		auto result = waitpid(pid, &status, WNOHANG);
		if (result == pid) {
			return status;
		}
		if (result < 0 && errno != EINTR) {
			return status;
		}
		if (NowMs() >= deadline) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(poll_interval_ms));
	}
}

//! A conninfo value, quoted only when it has to be (so conninfos stay easy to embed in SQL).
std::string QuoteConnValue(const std::string &value) {
	bool plain = !value.empty();
	for (char c : value) {
		if (!(isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/')) {
			plain = false;
		}
	}
	if (plain) {
		return value;
	}
	std::string quoted = "'";
	for (char c : value) {
		if (c == '\'' || c == '\\') {
			quoted += '\\';
		}
		quoted += c;
	}
	return quoted + "'";
}

} // namespace

TempPostgres::TempPostgres(TempPostgresOptions options_p) : options(std::move(options_p)) {
}

std::unique_ptr<TempPostgres> TempPostgres::Start(const TempPostgresOptions &options) {
	std::unique_ptr<TempPostgres> server(new TempPostgres(options));
	try {
		server->InitDatabaseCluster();
		server->port = FindFreeLoopbackPort();
		server->LaunchServer();
		server->WaitUntilReady();
	} catch (...) {
		server->Stop();
		server->RemoveDirectory();
		throw;
	}
	return server;
}

TempPostgres::~TempPostgres() {
	Stop();
	RemoveDirectory();
}

void TempPostgres::InitDatabaseCluster() {
	auto initdb = options.bin_dir + "/initdb";
	if (access(initdb.c_str(), X_OK) != 0) {
		throw std::runtime_error("TempPostgres: '" + initdb +
		                         "' is missing: install Debian's postgresql-15 (scripts/bootstrap.sh does)");
	}
	if (geteuid() == 0) {
		const char *user_env = getenv("DUCKLAKE_TEST_PG_OS_USER");
		std::string user = user_env && *user_env ? user_env : "nobody";
		auto *entry = getpwnam(user.c_str());
		if (!entry) {
			throw std::runtime_error("TempPostgres: running as root, but the unprivileged OS user '" + user +
			                         "' to run PostgreSQL as does not exist (set DUCKLAKE_TEST_PG_OS_USER)");
		}
		drop_privileges = true;
		run_uid = entry->pw_uid;
		run_gid = entry->pw_gid;
	}
	// The socket path must stay under the 107-byte unix limit: keep the directory name short.
	std::string pattern = "/tmp/ducklake-pg-XXXXXX";
	if (!mkdtemp(&pattern[0])) {
		throw std::runtime_error("TempPostgres: mkdtemp failed: " + std::string(strerror(errno)));
	}
	root_dir = pattern;
	data_dir = root_dir + "/data";
	log_path = root_dir + "/server.log";
	if (drop_privileges && chown(root_dir.c_str(), run_uid, run_gid) != 0) {
		throw std::runtime_error("TempPostgres: cannot hand '" + root_dir + "' to uid " + std::to_string(run_uid) +
		                         ": " + strerror(errno));
	}
	// initdb takes seconds; a copy of a cluster made once takes a fraction of that.
	auto template_dir = TemplateDirectory();
	if (access((template_dir + "/data/PG_VERSION").c_str(), R_OK) == 0 &&
	    RunStep({"/bin/cp", "-a", template_dir + "/data", data_dir}, "copy of the template cluster")) {
		return;
	}
	std::error_code ignored;
	std::filesystem::remove_all(data_dir, ignored);
	auto password_file = root_dir + "/password";
	{
		std::ofstream out(password_file);
		out << Password() << "\n";
	}
	if (drop_privileges && chown(password_file.c_str(), run_uid, run_gid) != 0) {
		throw std::runtime_error("TempPostgres: cannot hand the password file to the server user");
	}
	std::vector<std::string> argv = {initdb, "-D", data_dir, "-U", User(), "--pwfile=" + password_file,
	                                 "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale",
	                                 "--no-sync",
	                                 // 1 MB WAL segments instead of 16: a smaller cluster to copy
	                                 "--wal-segsize=1"};
	if (!RunStep(argv, "initdb")) {
		throw std::runtime_error("TempPostgres: initdb failed:\n" + LogTail());
	}
	// Publish the fresh cluster as the template: copy, then rename into place (atomic; when
	// another process won the race, its template is as good as ours).
	auto staging = template_dir + ".staging-" + std::to_string(getpid());
	std::filesystem::remove_all(staging, ignored);
	if (RunStep({"/bin/mkdir", "-m", "700", staging}, "template staging") &&
	    RunStep({"/bin/cp", "-a", data_dir, staging + "/data"}, "template copy") &&
	    rename(staging.c_str(), template_dir.c_str()) == 0) {
		return;
	}
	std::filesystem::remove_all(staging, ignored);
}

std::string TempPostgres::TemplateDirectory() const {
	const char *configured = getenv("DUCKLAKE_TEST_PG_TEMPLATE_DIR");
	if (configured && *configured) {
		return configured;
	}
	// Per OS user (file ownership) and per server build (the binaries' modification time).
	struct stat binary_stat {};
	stat((options.bin_dir + "/postgres").c_str(), &binary_stat);
	return "/tmp/ducklake-pg-template-v2-" + std::to_string(drop_privileges ? run_uid : geteuid()) + "-" +
	       std::to_string(static_cast<long long>(binary_stat.st_mtime));
}

bool TempPostgres::RunStep(const std::vector<std::string> &argv, const std::string &what) {
	auto pid = Spawn(argv, log_path, drop_privileges, run_uid, run_gid, SIGKILL);
	auto status = WaitBounded(pid, initdb_timeout_ms);
	return status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void TempPostgres::LaunchServer() {
	// fsync off: a test cluster is thrown away, so durability across a machine crash is not needed.
	std::vector<std::string> argv = {options.bin_dir + "/postgres",
	                                 "-D",
	                                 data_dir,
	                                 "-p",
	                                 std::to_string(port),
	                                 "-k",
	                                 root_dir,
	                                 "-c",
	                                 "listen_addresses=127.0.0.1",
	                                 "-c",
	                                 "fsync=off",
	                                 "-c",
	                                 "full_page_writes=off",
	                                 "-c",
	                                 "shared_buffers=32MB",
	                                 "-c",
	                                 "max_connections=100"};
	server_pid = Spawn(argv, log_path, drop_privileges, run_uid, run_gid, SIGQUIT);
}

void TempPostgres::WaitUntilReady() {
	auto deadline = NowMs() + options.start_timeout_ms;
	auto conninfo = SocketConnInfo() + " connect_timeout=2";
	while (true) {
		if (PQping(conninfo.c_str()) == PQPING_OK) {
			return;
		}
		int status = 0;
		if (waitpid(server_pid, &status, WNOHANG) == server_pid) {
			server_pid = -1;
			throw std::runtime_error("TempPostgres: the server exited while starting on port " + std::to_string(port) +
			                         ":\n" + LogTail());
		}
		if (NowMs() >= deadline) {
			throw std::runtime_error("TempPostgres: the server did not accept connections within " +
			                         std::to_string(options.start_timeout_ms) + " ms:\n" + LogTail());
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(poll_interval_ms));
	}
}

std::string TempPostgres::ConnInfo(const std::string &dbname) const {
	return "host=127.0.0.1 port=" + std::to_string(port) + " user=" + User() + " password=" + Password() +
	       " dbname=" + QuoteConnValue(dbname);
}

std::string TempPostgres::SocketConnInfo(const std::string &dbname) const {
	return "host=" + QuoteConnValue(root_dir) + " port=" + std::to_string(port) + " user=" + User() +
	       " dbname=" + QuoteConnValue(dbname);
}

void TempPostgres::Execute(const std::string &sql, const std::string &dbname) const {
	auto conninfo = SocketConnInfo(dbname) + " connect_timeout=10";
	PGconn *connection = PQconnectdb(conninfo.c_str());
	if (PQstatus(connection) != CONNECTION_OK) {
		std::string message = PQerrorMessage(connection);
		PQfinish(connection);
		throw std::runtime_error("TempPostgres: cannot connect: " + message);
	}
	PGresult *result = PQexec(connection, sql.c_str());
	auto status = PQresultStatus(result);
	std::string message = PQresultErrorMessage(result);
	PQclear(result);
	PQfinish(connection);
	if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
		throw std::runtime_error("TempPostgres: '" + sql + "' failed: " + message);
	}
}

void TempPostgres::Stop() {
	if (server_pid <= 0) {
		return;
	}
	// SIGINT is PostgreSQL's fast shutdown: roll back open transactions, disconnect clients.
	kill(server_pid, SIGINT);
	WaitBounded(server_pid, options.stop_timeout_ms);
	server_pid = -1;
}

void TempPostgres::Restart() {
	Stop();
	LaunchServer();
	try {
		WaitUntilReady();
	} catch (...) {
		Stop();
		throw;
	}
}

std::string TempPostgres::LogTail() const {
	std::ifstream in(log_path);
	std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	if (text.size() > log_tail_bytes_max) {
		text = "..." + text.substr(text.size() - log_tail_bytes_max);
	}
	return text;
}

void TempPostgres::RemoveDirectory() {
	if (root_dir.empty()) {
		return;
	}
	std::error_code error;
	std::filesystem::remove_all(root_dir, error);
	root_dir.clear();
}

} // namespace test
} // namespace ducklake
