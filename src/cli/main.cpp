// The `ducklake` binary: a subcommand when the first argument names one, else the SQL shell.
#include "cli/shell_launcher.hpp"
#include "cli/subcommand.hpp"

int main(int argc, char **argv) {
	if (argc > 1) {
		if (auto subcommand = ducklake::FindSubcommand(argv[1])) {
			return subcommand->run(argc - 1, argv + 1);
		}
	}
	return ducklake::RunShell(argc, argv);
}
