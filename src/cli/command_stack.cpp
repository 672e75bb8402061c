#include "cli/command_stack.hpp"

#include <iostream>

namespace ducklake {

int RunStackCommand(int argc, char **argv) {
	std::cerr << "ducklake stack: not available in this build yet\n";
	return 1;
}

std::string StackLakeOptions(LakeOptions &lake, std::vector<std::string> &setup_sql) {
	return "the local stack is not available in this build yet";
}

} // namespace ducklake
