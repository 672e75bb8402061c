//===----------------------------------------------------------------------===//
// PostgresConnectionPool: idle libpq connections kept for reuse, per conninfo.
//
// Connecting to PostgreSQL costs a TCP handshake, authentication (SCRAM: several ms) and a
// backend fork, far more than a DuckLake commit. Every PostgresMetadataConnection takes an idle
// connection from here when it needs one and gives it back when it is done with it, outside of
// any transaction. At most idle_connections_max idle connections are kept per conninfo; more
// are closed. Acquire() drops idle connections whose server went away (a restart closes their
// sockets), so a new transaction after a restart connects afresh instead of failing.
//
// Thread-safe: one mutex guards the idle lists. The pool owns idle connections only. After a
// fork the child forgets (never closes) the parent's idle connections: their sockets are shared
// with the parent, and a Terminate message would end the parent's sessions.
//===----------------------------------------------------------------------===//
#pragma once

#include <libpq-fe.h>

#include <map>
#include <sys/types.h>
#include <mutex>
#include <string>
#include <vector>

namespace ducklake {

class PostgresConnectionPool {
public:
	static constexpr size_t idle_connections_max = 16;

	//! The process-wide pool.
	static PostgresConnectionPool &Global();
	~PostgresConnectionPool();

	//! An idle, healthy connection for `key`, or nullptr when there is none (the caller connects).
	PGconn *Acquire(const std::string &key);
	//! Hand back a connection that is idle (no transaction open) and healthy; closes it when the
	//! pool is full or the connection is not usable.
	void Release(const std::string &key, PGconn *connection);
	//! Close every idle connection for `key` (after one of them was found broken).
	void Drain(const std::string &key);
	size_t IdleCount(const std::string &key);

private:
	//! Forget the idle lists when this process is a fork of the one that filled them. Needs lock.
	void ForgetAfterFork();

	std::mutex lock;
	pid_t owner_pid = 0;
	std::map<std::string, std::vector<PGconn *>> idle;
};

} // namespace ducklake
