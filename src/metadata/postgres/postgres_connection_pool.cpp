#include "metadata/postgres/postgres_connection_pool.hpp"

#include <unistd.h>

namespace ducklake {

namespace {

//! Reads whatever the server sent without blocking (libpq sockets are non-blocking): a server
//! that shut down has sent a FATAL message and closed the socket, which turns the status bad.
bool StillUsable(PGconn *connection) {
	if (PQstatus(connection) != CONNECTION_OK || PQtransactionStatus(connection) != PQTRANS_IDLE) {
		return false;
	}
	if (!PQconsumeInput(connection)) {
		return false;
	}
	return PQstatus(connection) == CONNECTION_OK;
}

} // namespace

PostgresConnectionPool &PostgresConnectionPool::Global() {
	// Never destroyed: connections may be released by other static destructors at exit.
	static auto *pool = new PostgresConnectionPool();
	return *pool;
}

PostgresConnectionPool::~PostgresConnectionPool() {
	for (auto &entry : idle) {
		for (auto connection : entry.second) {
			PQfinish(connection);
		}
	}
}

void PostgresConnectionPool::ForgetAfterFork() {
	auto pid = getpid();
	if (owner_pid != pid) {
		idle.clear(); // leaked on purpose in a forked child, see the header
		owner_pid = pid;
	}
}

PGconn *PostgresConnectionPool::Acquire(const std::string &key) {
	std::vector<PGconn *> broken;
	PGconn *result = nullptr;
	{
		std::lock_guard<std::mutex> guard(lock);
		ForgetAfterFork();
		auto &list = idle[key];
		while (!list.empty()) {
			auto connection = list.back();
			list.pop_back();
			if (StillUsable(connection)) {
				result = connection;
				break;
			}
			broken.push_back(connection);
		}
	}
	for (auto connection : broken) {
		PQfinish(connection);
	}
	return result;
}

void PostgresConnectionPool::Release(const std::string &key, PGconn *connection) {
	if (!connection) {
		return;
	}
	if (PQstatus(connection) == CONNECTION_OK && PQtransactionStatus(connection) == PQTRANS_IDLE) {
		std::lock_guard<std::mutex> guard(lock);
		ForgetAfterFork();
		auto &list = idle[key];
		if (list.size() < idle_connections_max) {
			list.push_back(connection);
			return;
		}
	}
	PQfinish(connection);
}

void PostgresConnectionPool::Drain(const std::string &key) {
	std::vector<PGconn *> drained;
	{
		std::lock_guard<std::mutex> guard(lock);
		ForgetAfterFork();
		drained.swap(idle[key]);
	}
	for (auto connection : drained) {
		PQfinish(connection);
	}
}

size_t PostgresConnectionPool::IdleCount(const std::string &key) {
	std::lock_guard<std::mutex> guard(lock);
	return idle[key].size();
}

} // namespace ducklake
