//===----------------------------------------------------------------------===//
// Script runner: feeds lines of input through statements and dot commands
//
// One loop serves every input: the interactive terminal, a pipe on stdin, -f FILE, .read FILE
// and -c. Lines gather in a StatementBuffer until DuckDB's tokenizer sees a statement end; a
// line starting with '.' while nothing is pending is a dot command. At the end of the input a
// pending statement without ';' still runs.
//
// With stop_on_error (scripts) the first failure ends the run with FAILED; without it
// (interactive) the loop reports the error and reads on. An interrupt outside a query (Ctrl-C
// at the prompt) clears the pending input interactively and ends a script run.
//===----------------------------------------------------------------------===//
#pragma once

#include <istream>
#include <string>

namespace ducklake {

class ShellSession;
class InterruptHandler;

enum class RunOutcome { OK, FAILED, QUIT, INTERRUPTED };

struct LineRead {
	enum class Status { LINE, END, INTERRUPTED };
	Status status;
	std::string text;
};

//! Where lines come from.
class LineSource {
public:
	virtual ~LineSource() = default;
	//! The next line without its line break. `continuation` says a statement is pending.
	virtual LineRead ReadLine(bool continuation) = 0;
	//! Called with each statement or dot command taken from the input (for history).
	virtual void Remember(const std::string &input) {
	}
};

//! Lines of a stream (a file or a pipe). Reports INTERRUPTED when a Ctrl-C is pending.
class StreamLineSource : public LineSource {
public:
	StreamLineSource(std::istream &in, InterruptHandler *interrupts);
	LineRead ReadLine(bool continuation) override;

private:
	std::istream &in;
	InterruptHandler *interrupts;
};

RunOutcome RunLines(LineSource &source, ShellSession &session, bool stop_on_error);

//! Runs a file as a script (stops at the first error). A file that cannot be read is FAILED.
RunOutcome RunScriptFile(const std::string &path, ShellSession &session);

//! Runs the text of one -c: a dot command when it starts with '.', else SQL.
RunOutcome RunCommandText(const std::string &text, ShellSession &session);

} // namespace ducklake
