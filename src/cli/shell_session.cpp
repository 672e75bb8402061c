#include "cli/shell_session.hpp"

#include <chrono>
#include <cstdio>
#include <sys/ioctl.h>
#include <unistd.h>

namespace ducklake {

namespace {

//! Box width when stdout is not a terminal (a file or a pipe): wide enough for most results.
constexpr uint64_t box_width_without_terminal = 120;

uint64_t TerminalWidth() {
	struct winsize size = {};
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
		return size.ws_col;
	}
	return box_width_without_terminal;
}

} // namespace

ShellSession::ShellSession(duckdb::DuckDB &db, InterruptHandler &interrupts_p, std::ostream &out_p, std::ostream &err_p)
    : connection(db), out(out_p), err(err_p), interrupts(interrupts_p) {
}

void ShellSession::ReportError(const std::string &message) {
	out.flush();
	err << message << std::endl;
}

void ShellSession::ReportFailure(const duckdb::ErrorData &error) {
	if (terminal_output && error.Type() == duckdb::ExceptionType::INTERRUPT) {
		out << '\n';
	}
	ReportError(error.Message());
}

BoxLimits ShellSession::CurrentBoxLimits() const {
	BoxLimits limits;
	limits.max_rows = settings.max_rows;
	limits.max_width = settings.max_width ? settings.max_width : TerminalWidth();
	return limits;
}

bool ShellSession::Execute(const std::string &sql) {
	duckdb::vector<duckdb::unique_ptr<duckdb::SQLStatement>> statements;
	try {
		statements = connection.ExtractStatements(sql);
	} catch (std::exception &ex) {
		ReportError(duckdb::ErrorData(ex).Message());
		return false;
	}
	for (auto &statement : statements) {
		// A Ctrl-C that lands between two statements of one input cancels the rest of it.
		if (interrupts.TakePendingInterrupt()) {
			ReportError("INTERRUPT Error: Interrupted!");
			return false;
		}
		if (!ExecuteStatement(std::move(statement))) {
			return false;
		}
	}
	return true;
}

bool ShellSession::ExecuteStatement(duckdb::unique_ptr<duckdb::SQLStatement> statement) {
	auto started = std::chrono::steady_clock::now();
	bool ok = true;
	{
		InterruptHandler::QueryScope scope(interrupts, connection);
		bool allow_streaming = !OutputModeNeedsMaterializedResult(settings.mode);
		auto pending = connection.PendingQuery(std::move(statement), allow_streaming);
		if (pending->HasError()) {
			ReportFailure(pending->GetErrorObject());
			return false;
		}
		auto result = pending->Execute();
		if (result->HasError()) {
			ReportFailure(result->GetErrorObject());
			return false;
		}
		if (result->properties.return_type != duckdb::StatementReturnType::NOTHING) {
			ok = RenderResult(*result, *connection.context, settings.mode, CurrentBoxLimits(), out);
			if (!ok) {
				ReportFailure(result->GetErrorObject());
			}
		}
	}
	if (settings.timer) {
		double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
		char line[64];
		snprintf(line, sizeof(line), "Run Time (s): real %.3f\n", seconds);
		out << line;
	}
	out.flush();
	return ok;
}

} // namespace ducklake
