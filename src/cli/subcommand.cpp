#include "cli/subcommand.hpp"

#include "cli/command_demo.hpp"
#include "cli/command_load.hpp"
#include "cli/command_stack.hpp"

namespace ducklake {

const std::vector<Subcommand> &Subcommands() {
	// One row per subcommand.
	static const std::vector<Subcommand> subcommands = {
	    {"demo", "run the NYC-taxi demo: load trips into the lake, run the queries, print results and timings",
	     RunDemoCommand},
	    {"load", "load NYC TLC yellow-taxi trips (real files or generated) into the lake: load nyc-taxi --help",
	     RunLoadCommand},
	    {"stack", "start, stop or inspect the local PostgreSQL + ducklake-s3d stack: stack up|down|status",
	     RunStackCommand},
	};
	return subcommands;
}

const Subcommand *FindSubcommand(const std::string &name) {
	for (auto &subcommand : Subcommands()) {
		if (name == subcommand.name) {
			return &subcommand;
		}
	}
	return nullptr;
}

std::string SubcommandHelp() {
	size_t name_width = 0;
	for (auto &subcommand : Subcommands()) {
		name_width = std::max(name_width, std::string(subcommand.name).size());
	}
	std::string help;
	for (auto &subcommand : Subcommands()) {
		std::string name = subcommand.name;
		help += "  ducklake " + name + std::string(name_width - name.size() + 2, ' ') + subcommand.summary + "\n";
	}
	return help;
}

} // namespace ducklake
