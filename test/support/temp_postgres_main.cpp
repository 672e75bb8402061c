// ducklake_temp_postgres: run one command beside a private PostgreSQL 15 server.
//
//   ducklake_temp_postgres [--] <command> [args...]
//
// Starts a TempPostgres, creates the database `ducklake_test`, runs <command> with
//   DUCKLAKE_TEST_PG_CONNINFO  a libpq conninfo for that database (TCP, with password)
//   PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE  the same, for psql and libpq defaults
// in its environment, then stops the server and removes its directory. Exits with the
// command's exit status (128 + signal when it was killed), or 2 when the server cannot start.
#include "support/temp_postgres.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

volatile sig_atomic_t child_pid = 0;

void ForwardSignal(int signal_number) {
	if (child_pid > 0) {
		kill(child_pid, signal_number);
	}
}

} // namespace

int main(int argc, char **argv) {
	int first = 1;
	if (first < argc && std::strcmp(argv[first], "--") == 0) {
		first++;
	}
	if (first >= argc) {
		std::fprintf(stderr,
		             "usage: %s [--] <command> [args...]\n"
		             "Runs <command> beside a private PostgreSQL 15 server; see DUCKLAKE_TEST_PG_CONNINFO.\n",
		             argv[0]);
		return 2;
	}
	std::unique_ptr<ducklake::test::TempPostgres> server;
	try {
		server = ducklake::test::TempPostgres::Start();
		server->Execute("CREATE DATABASE ducklake_test");
	} catch (std::exception &error) {
		std::fprintf(stderr, "ducklake_temp_postgres: %s\n", error.what());
		return 2;
	}
	setenv("DUCKLAKE_TEST_PG_CONNINFO", server->ConnInfo("ducklake_test").c_str(), 1);
	setenv("PGHOST", "127.0.0.1", 1);
	setenv("PGPORT", std::to_string(server->Port()).c_str(), 1);
	setenv("PGUSER", ducklake::test::TempPostgres::User().c_str(), 1);
	setenv("PGPASSWORD", ducklake::test::TempPostgres::Password().c_str(), 1);
	setenv("PGDATABASE", "ducklake_test", 1);

	std::signal(SIGINT, ForwardSignal);
	std::signal(SIGTERM, ForwardSignal);
	pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[first], argv + first);
		std::fprintf(stderr, "ducklake_temp_postgres: cannot run '%s': %s\n", argv[first], std::strerror(errno));
		_exit(127);
	}
	child_pid = pid;
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	server.reset();
	if (WIFSIGNALED(status)) {
		return 128 + WTERMSIG(status);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
