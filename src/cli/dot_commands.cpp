#include "cli/dot_commands.hpp"

#include "cli/script_runner.hpp"
#include "cli/shell_session.hpp"

#include <cstdlib>

namespace ducklake {

namespace {

//! How deep .read may nest (a file that reads itself stops here).
constexpr uint32_t read_depth_max = 16;
constexpr uint64_t box_rows_max = 1000000;

DotCommandOutcome Usage(ShellSession &session, const std::string &message) {
	session.ReportError("Error: " + message);
	return DotCommandOutcome::FAILED;
}

DotCommandOutcome RunRead(ShellSession &session, const std::vector<std::string> &words) {
	if (words.size() != 2) {
		return Usage(session, ".read needs exactly one file, e.g. .read setup.sql");
	}
	if (session.read_depth >= read_depth_max) {
		return Usage(session, ".read of '" + words[1] + "' nests deeper than " + std::to_string(read_depth_max) +
		                          " files; does a file read itself?");
	}
	session.read_depth++;
	auto outcome = RunScriptFile(words[1], session);
	session.read_depth--;
	switch (outcome) {
	case RunOutcome::OK:
		return DotCommandOutcome::OK;
	case RunOutcome::QUIT:
		return DotCommandOutcome::QUIT;
	default:
		return DotCommandOutcome::FAILED;
	}
}

DotCommandOutcome RunTimer(ShellSession &session, const std::vector<std::string> &words) {
	if (words.size() != 2 || (words[1] != "on" && words[1] != "off")) {
		return Usage(session, ".timer needs on or off");
	}
	session.settings.timer = words[1] == "on";
	return DotCommandOutcome::OK;
}

DotCommandOutcome RunMode(ShellSession &session, const std::vector<std::string> &words) {
	if (words.size() == 1) {
		session.out << "current output mode: " << OutputModeName(session.settings.mode) << "\n";
		return DotCommandOutcome::OK;
	}
	if (words.size() != 2 || !ParseOutputMode(words[1], session.settings.mode)) {
		return Usage(session, ".mode needs one of " + OutputModeNames() +
		                          (words.size() > 1 ? "; got '" + words[1] + "'" : std::string()));
	}
	return DotCommandOutcome::OK;
}

DotCommandOutcome RunMaxRows(ShellSession &session, const std::vector<std::string> &words) {
	char *end = nullptr;
	long long rows = words.size() == 2 ? std::strtoll(words[1].c_str(), &end, 10) : 0;
	if (words.size() != 2 || words[1].empty() || *end != '\0' || rows < 1 || rows > (long long)box_rows_max) {
		return Usage(session, ".maxrows needs a whole number from 1 to " + std::to_string(box_rows_max));
	}
	session.settings.max_rows = static_cast<uint64_t>(rows);
	return DotCommandOutcome::OK;
}

} // namespace

bool IsDotCommand(const std::string &line) {
	auto first = line.find_first_not_of(" \t");
	return first != std::string::npos && line[first] == '.';
}

std::vector<std::string> SplitDotCommand(const std::string &line) {
	std::vector<std::string> words;
	size_t pos = 0;
	while (pos < line.size()) {
		while (pos < line.size() && isspace(static_cast<unsigned char>(line[pos]))) {
			pos++;
		}
		if (pos >= line.size()) {
			break;
		}
		std::string word;
		if (line[pos] == '\'' || line[pos] == '"') {
			char quote = line[pos++];
			while (pos < line.size() && line[pos] != quote) {
				word += line[pos++];
			}
			pos++; // the closing quote, or past the end when it is missing
		} else {
			while (pos < line.size() && !isspace(static_cast<unsigned char>(line[pos]))) {
				word += line[pos++];
			}
		}
		words.push_back(word);
	}
	return words;
}

DotCommandOutcome ExecuteDotCommand(const std::string &line, ShellSession &session) {
	auto words = SplitDotCommand(line);
	auto &command = words[0];
	if (command == ".help") {
		session.out << DotCommandHelp();
		return DotCommandOutcome::OK;
	}
	if (command == ".quit" || command == ".exit") {
		return DotCommandOutcome::QUIT;
	}
	if (command == ".read") {
		return RunRead(session, words);
	}
	if (command == ".timer") {
		return RunTimer(session, words);
	}
	if (command == ".mode") {
		return RunMode(session, words);
	}
	if (command == ".maxrows") {
		return RunMaxRows(session, words);
	}
	return Usage(session, "unknown command '" + command + "'; .help lists the dot commands");
}

std::string DotCommandHelp() {
	return "  .help                 this list\n"
	       "  .quit, .exit          leave the shell\n"
	       "  .read FILE            run the statements in FILE\n"
	       "  .timer on|off         print each statement's run time\n"
	       "  .mode MODE            output mode: " +
	       OutputModeNames() +
	       "\n"
	       "  .maxrows N            rows a box table shows (default 40)\n";
}

} // namespace ducklake
