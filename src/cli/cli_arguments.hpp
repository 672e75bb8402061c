//===----------------------------------------------------------------------===//
// Command-line arguments of the `ducklake` shell
//
//     ducklake [DATABASE] [-c SQL]... [-f FILE]... [options]
//
// ParseCliArguments is pure: it never opens files or databases and reports a usage error as a
// value naming the bad argument and what is allowed. -c and -f run in the order given. Options
// may come before or after DATABASE; "--" ends the options. `--name=value` equals `--name value`.
//===----------------------------------------------------------------------===//
#pragma once

#include "cli/lake_attach.hpp"
#include "cli/result_renderer.hpp"

#include <string>
#include <vector>

namespace ducklake {

struct ScriptSource {
	enum class Kind { SQL, FILE };
	Kind kind;
	//! The SQL text (-c) or the file path (-f)
	std::string text;
};

struct CliArguments {
	//! DuckDB database file opened as the main database; empty for in-memory
	std::string database_path;
	//! -c and -f in command-line order; empty means stdin (interactive when it is a terminal)
	std::vector<ScriptSource> scripts;
	OutputMode mode = OutputMode::BOX;
	LakeOptions lake;
	bool show_help = false;
	bool show_version = false;
};

struct CliParseResult {
	bool ok;
	//! For !ok: one line naming the argument and what is allowed
	std::string error;
	CliArguments arguments;
};

//! Parses the arguments after the program name.
CliParseResult ParseCliArguments(const std::vector<std::string> &args);

//! The --help text: usage, examples, options, dot commands, subcommands.
std::string CliHelpText();

//! The --version text: our version, then DuckDB's version and source id as given.
std::string CliVersionText(const std::string &duckdb_version, const std::string &duckdb_source_id);

} // namespace ducklake
