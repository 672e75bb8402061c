#include "cli/interactive_reader.hpp"

#include "cli/interrupt_handler.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <sys/select.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

namespace ducklake {

namespace {

constexpr int history_entries_max = 2000;
const char *prompt_first = "ducklake> ";
const char *prompt_continuation = "      ..> ";

// readline's callback interface hands a finished line to a plain function.
bool line_finished = false;
bool input_ended = false;
std::string finished_line;

void OnLine(char *line) {
	line_finished = true;
	if (!line) {
		input_ended = true;
	} else {
		finished_line = line;
		free(line);
	}
	rl_callback_handler_remove();
}

InteractiveReader *active_reader = nullptr;
std::vector<std::string> completion_matches;

char *NextCompletion(const char *, int state) {
	if (static_cast<size_t>(state) >= completion_matches.size()) {
		return nullptr;
	}
	return strdup(completion_matches[state].c_str());
}

char **CompleteSql(const char *text, int, int) {
	bool in_string = rl_completion_quote_character == '\'';
	bool in_dot_command = rl_line_buffer && rl_line_buffer[strspn(rl_line_buffer, " \t")] == '.';
	if (in_string || in_dot_command || !active_reader || !active_reader->load_candidates) {
		return nullptr; // readline completes a file name
	}
	rl_attempted_completion_over = 1;
	completion_matches = CompleteWord(text, active_reader->load_candidates());
	return rl_completion_matches(text, NextCompletion);
}

} // namespace

std::string DefaultHistoryPath() {
	if (auto path = std::getenv("DUCKLAKE_HISTORY")) {
		return path;
	}
	if (auto home = std::getenv("HOME")) {
		return std::string(home) + "/.ducklake_history";
	}
	return "";
}

InteractiveReader::InteractiveReader(InterruptHandler &interrupts_p, std::string history_path_p,
                                     std::function<CompletionCandidates()> load_candidates_p)
    : load_candidates(std::move(load_candidates_p)), interrupts(interrupts_p), history_path(std::move(history_path_p)) {
	active_reader = this;
	rl_attempted_completion_function = CompleteSql;
	rl_completer_quote_characters = "'";
	// '.' splits "schema.table" so each part completes on its own.
	rl_basic_word_break_characters = const_cast<char *>(" \t\n\"'`@$><=;|&{}()[],.+-*/%");
	// Our own SIGINT handler decides what Ctrl-C does; readline must not install its own.
	rl_catch_signals = 0;
	rl_readline_name = "ducklake";
	using_history();
	stifle_history(history_entries_max);
	if (!history_path.empty()) {
		int error = read_history(history_path.c_str());
		if (error != 0 && error != ENOENT) {
			std::cerr << "ducklake: cannot read history file '" << history_path << "': " << std::strerror(error)
			          << "\n";
			history_error_reported = true;
		}
	}
}

InteractiveReader::~InteractiveReader() {
	active_reader = nullptr;
	if (!history_path.empty()) {
		history_truncate_file(history_path.c_str(), history_entries_max);
	}
}

LineRead InteractiveReader::ReadLine(bool continuation) {
	interrupts.TakePendingInterrupt();
	line_finished = false;
	input_ended = false;
	finished_line.clear();
	rl_callback_handler_install(continuation ? prompt_continuation : prompt_first, OnLine);
	// Waits for keystrokes; each round handles one key, one Ctrl-C or one EINTR.
	while (!line_finished) {
		fd_set readable;
		FD_ZERO(&readable);
		FD_SET(STDIN_FILENO, &readable);
		int wake_fd = interrupts.WakeFd();
		if (wake_fd >= 0) {
			FD_SET(wake_fd, &readable);
		}
		int ready = select(std::max(STDIN_FILENO, wake_fd) + 1, &readable, nullptr, nullptr, nullptr);
		if (ready < 0 && errno != EINTR) {
			rl_callback_handler_remove();
			return {LineRead::Status::END, ""};
		}
		if (interrupts.TakePendingInterrupt()) {
			// Drop what was typed, show the ^C on its own line, start over with a fresh prompt.
			rl_free_line_state();
			rl_callback_sigcleanup();
			rl_replace_line("", 0);
			rl_callback_handler_remove();
			fputs("^C\n", stdout);
			fflush(stdout);
			return {LineRead::Status::INTERRUPTED, ""};
		}
		if (ready > 0 && FD_ISSET(STDIN_FILENO, &readable)) {
			rl_callback_read_char();
		}
	}
	if (input_ended) {
		fputs("\n", stdout);
		fflush(stdout);
		return {LineRead::Status::END, ""};
	}
	return {LineRead::Status::LINE, finished_line};
}

void InteractiveReader::Remember(const std::string &input) {
	std::string entry;
	for (char c : input) {
		entry += (c == '\n' || c == '\r') ? ' ' : c;
	}
	if (entry.find_first_not_of(' ') == std::string::npos) {
		return;
	}
	add_history(entry.c_str());
	if (history_path.empty()) {
		return;
	}
	// History can hold secrets (CREATE SECRET ...): a new history file is readable by its owner only.
	int fd = open(history_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	int error = fd < 0 ? errno : 0;
	if (fd >= 0) {
		close(fd);
		error = append_history(1, history_path.c_str());
	}
	if (error != 0 && !history_error_reported) {
		std::cerr << "ducklake: cannot write history file '" << history_path << "': " << std::strerror(error) << "\n";
		history_error_reported = true;
	}
}

} // namespace ducklake
