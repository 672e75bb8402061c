//===----------------------------------------------------------------------===//
// ShellSession: one connection, its output settings, and statement execution
//
// Execute() parses SQL with DuckDB's parser and runs the statements in order, printing each
// result in the current mode to `out`. The first failing statement stops it: DuckDB's message
// goes to `err` and Execute returns false; statements before it stay done (each runs in its own
// auto-commit unless the SQL opened a transaction). A parse error runs nothing.
//
// While a statement runs, Ctrl-C interrupts it through the InterruptHandler; the interrupted
// statement fails with DuckDB's "Interrupted" error and the session stays usable.
// Single-threaded: one caller at a time.
//===----------------------------------------------------------------------===//
#pragma once

#include "cli/interrupt_handler.hpp"
#include "cli/result_renderer.hpp"
#include "duckdb.hpp"

#include <cstdint>
#include <ostream>
#include <string>

namespace ducklake {

struct ShellSettings {
	OutputMode mode = OutputMode::BOX;
	//! Print "Run Time (s): real ..." after each statement
	bool timer = false;
	//! Rows a box table shows before eliding the middle
	uint64_t max_rows = 40;
	//! Width a box table fits into; 0 follows the terminal (120 when stdout is not one)
	uint64_t max_width = 0;
};

class ShellSession {
public:
	ShellSession(duckdb::DuckDB &db, InterruptHandler &interrupts, std::ostream &out, std::ostream &err);

	//! Runs every statement in `sql`; false after the first failure (message already on `err`).
	bool Execute(const std::string &sql);
	//! Prints an error line to `err` the way statement errors are printed.
	void ReportError(const std::string &message);

	ShellSettings settings;
	duckdb::Connection connection;
	std::ostream &out;
	std::ostream &err;
	//! stdout is a terminal: an interrupt error starts on a fresh line (after ^C or a progress bar)
	bool terminal_output = false;
	//! How deep .read calls are nested right now (see dot_commands.hpp)
	uint32_t read_depth = 0;

private:
	bool ExecuteStatement(duckdb::unique_ptr<duckdb::SQLStatement> statement);
	void ReportFailure(const duckdb::ErrorData &error);
	BoxLimits CurrentBoxLimits() const;

	InterruptHandler &interrupts;
};

} // namespace ducklake
