//===----------------------------------------------------------------------===//
// TempPostgres: a private PostgreSQL 15 server for one test process.
//
// Start() runs Debian's postgresql-15 binaries (initdb, postgres) into a fresh temporary
// directory: the data directory, the unix socket and the server log all live there, and the
// server listens on a free loopback port. Nothing outside that directory is read or written,
// and a system-wide server is never used.
//
// PostgreSQL refuses to run as root. When the calling process is root, initdb and postgres run
// as the unprivileged OS user named by DUCKLAKE_TEST_PG_OS_USER (default `nobody`, which every
// Debian system has), and the temporary directory is handed to that user.
//
// Authentication: the superuser `ducklake` connects without a password over the unix socket
// and with the password `Password()` (SCRAM) over TCP, so tests can check both the happy path
// and a wrong password.
//
// initdb runs once per OS user and server build: the fresh cluster is kept as a template
// directory and later servers start from a copy of it.
//
// Lifetime: the destructor stops the server (fast shutdown, then SIGKILL after a bound) and
// removes the directory; it runs on test failure too, as GoogleTest destroys fixtures. Should
// the test process die, the server gets SIGQUIT from the kernel (parent-death signal); only the
// temporary directory is left behind.
//
// Not thread-safe: one thread owns a TempPostgres.
//===----------------------------------------------------------------------===//
#pragma once

#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace ducklake {
namespace test {

struct TempPostgresOptions {
	//! Where Debian installs the PostgreSQL 15 server binaries.
	std::string bin_dir = "/usr/lib/postgresql/15/bin";
	//! How long to wait for the server to accept connections after it is started.
	int64_t start_timeout_ms = 30000;
	//! How long a fast shutdown may take before the server is killed.
	int64_t stop_timeout_ms = 10000;
};

class TempPostgres {
public:
	//! Create the cluster and start the server. Throws std::runtime_error naming the failing
	//! step (and the tail of the server log) when PostgreSQL cannot be set up or does not accept
	//! connections within start_timeout_ms; nothing is left behind then.
	static std::unique_ptr<TempPostgres> Start(const TempPostgresOptions &options = TempPostgresOptions());
	~TempPostgres();

	TempPostgres(const TempPostgres &) = delete;
	TempPostgres &operator=(const TempPostgres &) = delete;

	//! A libpq keyword/value conninfo reaching this server over TCP on 127.0.0.1 as the
	//! superuser, with the password.
	std::string ConnInfo(const std::string &dbname = "postgres") const;
	//! The same over the unix socket (trust authentication, no password).
	std::string SocketConnInfo(const std::string &dbname = "postgres") const;
	int Port() const {
		return port;
	}
	static std::string User() {
		return "ducklake";
	}
	static std::string Password() {
		return "ducklake-test-password";
	}
	const std::string &Directory() const {
		return root_dir;
	}
	bool Running() const {
		return server_pid > 0;
	}

	//! Run one SQL statement as the superuser over the socket (e.g. CREATE DATABASE). Throws
	//! std::runtime_error with the server's message on failure.
	void Execute(const std::string &sql, const std::string &dbname = "postgres") const;
	//! Stop the server (fast shutdown: open connections are terminated). Idempotent.
	void Stop();
	//! Start the stopped server again on the same port and wait until it accepts connections.
	void Restart();

private:
	explicit TempPostgres(TempPostgresOptions options);
	void InitDatabaseCluster();
	//! Where a pristine cluster is kept to copy instead of running initdb each time
	//! (DUCKLAKE_TEST_PG_TEMPLATE_DIR, else a directory under /tmp per OS user and server build).
	std::string TemplateDirectory() const;
	//! Run one setup command as the server's OS user, output to the log; true when it exited 0.
	bool RunStep(const std::vector<std::string> &argv, const std::string &what);
	void LaunchServer();
	void WaitUntilReady();
	std::string LogTail() const;
	void RemoveDirectory();

	TempPostgresOptions options;
	std::string root_dir;
	std::string data_dir;
	std::string log_path;
	int port = 0;
	pid_t server_pid = -1;
	uid_t run_uid = 0;
	gid_t run_gid = 0;
	bool drop_privileges = false;
};

} // namespace test
} // namespace ducklake
