//===----------------------------------------------------------------------===//
// InteractiveReader: terminal input with GNU readline, history and Ctrl-C
//
// Reads lines with readline's line editing (its callback interface, so the wait for input can
// also watch the InterruptHandler's wake pipe): Ctrl-C at the prompt discards the line being
// typed and reports INTERRUPTED, so the runner drops a pending multi-line statement; Ctrl-D on
// an empty line reports END.
//
// History: every statement and dot command taken from the input is one history entry (line
// breaks joined with spaces) and is appended to the history file at once, so it survives a
// crash; the file keeps the last history_entries_max entries and is created with mode 0600,
// since statements may hold secrets. A history file that cannot be
// read or written is reported once on stderr and otherwise ignored.
// Tab completes SQL words from `load_candidates` (called on each Tab), and file names inside a
// '...' string or after a dot command. One reader per process (readline is global state).
//===----------------------------------------------------------------------===//
#pragma once

#include "cli/script_runner.hpp"
#include "cli/sql_completion.hpp"

#include <functional>

#include <string>

namespace ducklake {

class InterruptHandler;

//! ~/.ducklake_history, or the path in DUCKLAKE_HISTORY; empty when neither is known.
std::string DefaultHistoryPath();

class InteractiveReader : public LineSource {
public:
	//! `history_path` empty: no history file. `load_candidates` empty: file-name completion only.
	InteractiveReader(InterruptHandler &interrupts, std::string history_path,
	                  std::function<CompletionCandidates()> load_candidates);
	~InteractiveReader() override;

	LineRead ReadLine(bool continuation) override;
	void Remember(const std::string &input) override;

	//! Called by readline's completion callback on each Tab
	std::function<CompletionCandidates()> load_candidates;

private:
	InterruptHandler &interrupts;
	std::string history_path;
	bool history_error_reported = false;
};

} // namespace ducklake
