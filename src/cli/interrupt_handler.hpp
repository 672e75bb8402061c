//===----------------------------------------------------------------------===//
// InterruptHandler: Ctrl-C (SIGINT) for the shell
//
// One per process, installed with Install() before any query runs. While a QueryScope is alive,
// SIGINT calls Connection::Interrupt on its connection: DuckDB stops the running query with an
// "Interrupted" error and the shell goes on. The third SIGINT within one query ends the process
// with exit code 130, for a query stuck where DuckDB does not check for interrupts.
//
// A SIGINT outside any query is recorded: TakePendingInterrupt() tells whether one arrived (the
// interactive reader clears its input line, a script run stops), and WakeFd() becomes readable
// so a reader blocked in select() wakes up. The signal handler only stores atomics, calls
// Connection::Interrupt (which sets an atomic flag) and write()s to a pipe.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb.hpp"

namespace ducklake {

class InterruptHandler {
public:
	//! Installs the SIGINT handler on first call and returns the process-wide handler.
	static InterruptHandler &Install();

	//! Routes SIGINT to `connection` for the scope's lifetime. Scopes do not nest.
	class QueryScope {
	public:
		QueryScope(InterruptHandler &handler, duckdb::Connection &connection);
		~QueryScope();
		QueryScope(const QueryScope &) = delete;
		QueryScope &operator=(const QueryScope &) = delete;
	};

	//! True when a SIGINT arrived outside a query since the last call; clears it.
	bool TakePendingInterrupt();
	//! Readable while an interrupt outside a query is pending.
	int WakeFd() const;

private:
	InterruptHandler() = default;
};

} // namespace ducklake
