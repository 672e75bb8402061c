//===----------------------------------------------------------------------===//
// Dot commands: shell commands that are not SQL
//
// A line whose first non-blank character is '.' while no statement is pending is a dot
// command. Arguments are split on whitespace; '...' or "..." quote an argument with spaces.
//
//   .help                 the list below
//   .quit, .exit          leave the shell (ends a script run successfully)
//   .read FILE            run FILE's statements and dot commands; its first error stops it
//   .timer on|off         print each statement's run time
//   .mode MODE            box, csv, tsv, json, markdown or line
//   .maxrows N            rows a box table shows (1 to 1000000)
//
// A bad command or argument prints an error naming it and what is allowed, and counts as a
// failed statement (a script run stops there). .read nests at most read_depth_max deep, so a
// file that reads itself fails instead of recursing forever.
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

namespace ducklake {

class ShellSession;

enum class DotCommandOutcome { OK, FAILED, QUIT };

//! Whether `line` is a dot command.
bool IsDotCommand(const std::string &line);

//! Splits a dot command into words, honouring quotes; words[0] is the command with its dot.
std::vector<std::string> SplitDotCommand(const std::string &line);

DotCommandOutcome ExecuteDotCommand(const std::string &line, ShellSession &session);

//! The dot command lines of --help and .help.
std::string DotCommandHelp();

} // namespace ducklake
