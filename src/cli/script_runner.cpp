#include "cli/script_runner.hpp"

#include "cli/dot_commands.hpp"
#include "cli/interrupt_handler.hpp"
#include "cli/shell_session.hpp"
#include "cli/statement_buffer.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace ducklake {

namespace {

RunOutcome FromDotCommand(DotCommandOutcome outcome) {
	switch (outcome) {
	case DotCommandOutcome::OK:
		return RunOutcome::OK;
	case DotCommandOutcome::QUIT:
		return RunOutcome::QUIT;
	case DotCommandOutcome::FAILED:
		break;
	}
	return RunOutcome::FAILED;
}

} // namespace

StreamLineSource::StreamLineSource(std::istream &in_p, InterruptHandler *interrupts_p)
    : in(in_p), interrupts(interrupts_p) {
}

LineRead StreamLineSource::ReadLine(bool) {
	if (interrupts && interrupts->TakePendingInterrupt()) {
		return {LineRead::Status::INTERRUPTED, ""};
	}
	std::string line;
	if (!std::getline(in, line)) {
		return {LineRead::Status::END, ""};
	}
	if (!line.empty() && line.back() == '\r') {
		line.pop_back();
	}
	return {LineRead::Status::LINE, line};
}

RunOutcome RunLines(LineSource &source, ShellSession &session, bool stop_on_error) {
	StatementBuffer buffer;
	// Bounded by the input: every iteration consumes one line, an interrupt, or the end.
	while (true) {
		auto read = source.ReadLine(!buffer.IsBlank());
		if (read.status == LineRead::Status::END) {
			break;
		}
		if (read.status == LineRead::Status::INTERRUPTED) {
			if (stop_on_error) {
				return RunOutcome::INTERRUPTED;
			}
			buffer.Clear();
			continue;
		}
		if (buffer.IsBlank() && IsDotCommand(read.text)) {
			buffer.Clear();
			source.Remember(read.text);
			auto outcome = FromDotCommand(ExecuteDotCommand(read.text, session));
			if (outcome == RunOutcome::QUIT) {
				return RunOutcome::QUIT;
			}
			if (outcome == RunOutcome::FAILED) {
				if (stop_on_error) {
					return RunOutcome::FAILED;
				}
			}
			continue;
		}
		buffer.AddLine(read.text);
		if (buffer.IsComplete()) {
			auto sql = buffer.Take();
			source.Remember(sql);
			if (!session.Execute(sql) && stop_on_error) {
				return RunOutcome::FAILED;
			}
		}
	}
	if (!buffer.IsBlank()) {
		auto sql = buffer.Take();
		source.Remember(sql);
		if (!session.Execute(sql)) {
			return RunOutcome::FAILED;
		}
	}
	return RunOutcome::OK;
}

RunOutcome RunScriptFile(const std::string &path, ShellSession &session) {
	std::ifstream file(path);
	if (!file) {
		session.ReportError("Error: cannot open '" + path + "': " + std::strerror(errno));
		return RunOutcome::FAILED;
	}
	StreamLineSource source(file, &InterruptHandler::Install());
	return RunLines(source, session, true);
}

RunOutcome RunCommandText(const std::string &text, ShellSession &session) {
	if (IsDotCommand(text)) {
		return FromDotCommand(ExecuteDotCommand(text, session));
	}
	return session.Execute(text) ? RunOutcome::OK : RunOutcome::FAILED;
}

} // namespace ducklake
