//===----------------------------------------------------------------------===//
// Subcommands of the `ducklake` binary
//
// `ducklake NAME ARGS...` runs the subcommand NAME when NAME is registered here; anything else
// starts the SQL shell. Each subcommand lives in its own file pair and is one row of the table in
// subcommand.cpp: its name, a one-line help shown by `ducklake --help`, and its entry point.
//
// An entry point receives the arguments from the subcommand name on (argv[0] is the name, e.g.
// "demo"), parses them itself, prints its own errors, and returns the process exit code
// (0 success, 1 failure, 2 bad usage). It must not call exit(): the caller owns the process.
// Every subcommand answers `ducklake NAME --help` with a "usage: ducklake NAME ..." text and 0.
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <vector>

namespace ducklake {

using SubcommandFunction = int (*)(int argc, char **argv);

struct Subcommand {
	//! The word after `ducklake`, e.g. "demo"
	const char *name;
	//! One line for `ducklake --help`, without a trailing period
	const char *summary;
	SubcommandFunction run;
};

//! Every registered subcommand, in the order --help lists them.
const std::vector<Subcommand> &Subcommands();

//! The subcommand called `name`, or nullptr when there is none (then `name` is a shell argument).
const Subcommand *FindSubcommand(const std::string &name);

//! The "Subcommands:" block of --help: one aligned line per subcommand, ending with a newline.
std::string SubcommandHelp();

} // namespace ducklake
