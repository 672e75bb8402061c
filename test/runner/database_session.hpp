//===----------------------------------------------------------------------===//
// DatabaseSession: the DuckDB database one .test file runs against, and its connections.
//
// Every open (the first, `load`, `restart`) creates a fresh duckdb::DuckDB with extension
// auto-install off and DuckDB's spill directory inside the test directory, loads the ducklake
// extension statically (unless asked not to), opens the default connection and runs the
// configuration's `init` SQL on it. An empty path means an in-memory database. Named
// connections (`statement ok con1`) are created on first use and dropped on restart.
//
// Owned by the executor's main thread: Open/Restart/Reconnect/Close must not run while
// concurrent loops use the database; NewConnection and Named are safe to call from loop threads
// as long as the database stays open (Named takes a lock).
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb.hpp"

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace ducklake::sqllogic {

class DatabaseSession {
public:
	//! spill_directory: DuckDB's temporary_directory; init_sql: already substituted statements.
	DatabaseSession(std::string spill_directory, std::vector<std::string> init_sql);
	~DatabaseSession();

	//! Closes any open database and opens path (empty: in memory). Returns false with error when
	//! DuckDB cannot open it or an init statement fails.
	bool Open(const std::string &path, bool read_only, bool load_extension, std::string &error);
	//! Reopens the current path with the same mode.
	bool Restart(bool load_extension, std::string &error);
	//! Replaces the default connection with a new one.
	void Reconnect();
	//! Drops all connections and the database (files stay on disk).
	void Close();

	bool IsOpen() const {
		return database != nullptr;
	}
	const std::string &Path() const {
		return path;
	}
	duckdb::DuckDB &Database();
	duckdb::Connection &DefaultConnection();
	//! The named connection, created on first use.
	duckdb::Connection &Named(const std::string &name);
	duckdb::unique_ptr<duckdb::Connection> NewConnection();

private:
	std::string spill_directory;
	std::vector<std::string> init_sql;
	std::string path;
	bool read_only = false;
	duckdb::unique_ptr<duckdb::DuckDB> database;
	duckdb::unique_ptr<duckdb::Connection> default_connection;
	std::mutex named_lock;
	std::map<std::string, duckdb::unique_ptr<duckdb::Connection>> named_connections;
};

} // namespace ducklake::sqllogic
