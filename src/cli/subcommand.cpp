#include "cli/subcommand.hpp"

#include "cli/demo_preview.hpp"

namespace ducklake {

const std::vector<Subcommand> &Subcommands() {
	// One row per subcommand. `demo` runs the preview over generated data until the NYC-taxi demo
	// on the DuckLake catalog replaces it; `load` and `stack` are added by their own file pairs.
	static const std::vector<Subcommand> subcommands = {
	    {"demo", "run the demo: generate trips, aggregate them, print results and timings", RunDemoPreview},
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
