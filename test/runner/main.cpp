//===----------------------------------------------------------------------===//
// ducklake-sqllogictest: runs DuckDB-dialect sqllogictest files against DuckDB with the ducklake
// extension loaded. See test/README.md for the file format, the directives and configurations.
//
// Exit status: 0 when every file passed (or some were skipped and none failed), 1 when any file
// failed, 77 when every file was skipped (CTest's SKIP_RETURN_CODE), 2 for a usage error.
//===----------------------------------------------------------------------===//
#include "test_config.hpp"
#include "test_executor.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr int EXIT_FAILED = 1;
constexpr int EXIT_USAGE = 2;
constexpr int EXIT_ALL_SKIPPED = 77;

const char *const USAGE = R"(usage: ducklake-sqllogictest [options] FILE.test...

Runs each sqllogictest file in a fresh in-memory DuckDB (ducklake extension loaded) with its own
temporary directory (__TEST_DIR__), and prints a summary.

options:
  --config FILE      apply a configuration (variables, init SQL, skips), e.g. test/configs/duckdb_file.conf
  --root DIR         name files relative to DIR in messages and config skip patterns
  --temp-dir DIR     create per-file test directories under DIR (default: $TMPDIR or /tmp)
  --fixtures DIR      the shared DuckLake fixtures (default: ../shared/fixtures); files with
                     `require fixtures` are skipped when it does not exist
  --keep-test-dir    keep each file's test directory and print where it is
  --verbose          print every record as it runs
  --help             show this text

examples:
  ducklake-sqllogictest test/sql/basic/select.test
  ducklake-sqllogictest --config test/configs/duckdb_file.conf --root test/sql test/sql/basic/*.test

exit status: 0 passed, 1 a file failed, 77 every file was skipped, 2 usage error
)";

std::string RelativeName(const std::string &path, const std::string &root) {
	if (root.empty()) {
		return path;
	}
	auto prefix = root.back() == '/' ? root : root + "/";
	if (path.compare(0, prefix.size(), prefix) == 0) {
		return path.substr(prefix.size());
	}
	return path;
}

} // namespace

int main(int argc, char **argv) {
	using namespace ducklake::sqllogic;
	RunOptions options;
	if (auto tmpdir = std::getenv("TMPDIR")) {
		if (*tmpdir) {
			options.temp_root = tmpdir;
		}
	}
	std::string config_path;
	std::string root;
	std::vector<std::string> files;
	for (int arg_idx = 1; arg_idx < argc; arg_idx++) {
		std::string arg = argv[arg_idx];
		auto needs_value = [&](const char *option) {
			if (arg_idx + 1 >= argc) {
				std::cerr << "ducklake-sqllogictest: " << option << " needs a value\n" << USAGE;
				std::exit(EXIT_USAGE);
			}
			return std::string(argv[++arg_idx]);
		};
		if (arg == "--help" || arg == "-h") {
			std::cout << USAGE;
			return 0;
		} else if (arg == "--config") {
			config_path = needs_value("--config");
		} else if (arg == "--root") {
			root = needs_value("--root");
		} else if (arg == "--temp-dir") {
			options.temp_root = needs_value("--temp-dir");
		} else if (arg == "--fixtures") {
			options.fixtures_dir = needs_value("--fixtures");
		} else if (arg == "--keep-test-dir") {
			options.keep_test_dir = true;
		} else if (arg == "--verbose") {
			options.verbose = true;
		} else if (!arg.empty() && arg[0] == '-') {
			std::cerr << "ducklake-sqllogictest: unknown option '" << arg << "'\n" << USAGE;
			return EXIT_USAGE;
		} else {
			files.push_back(arg);
		}
	}
	if (files.empty()) {
		std::cerr << "ducklake-sqllogictest: no test files given\n" << USAGE;
		return EXIT_USAGE;
	}
	TestConfig config;
	if (!config_path.empty()) {
		auto loaded = LoadTestConfig(config_path);
		if (!loaded.ok) {
			std::cerr << "ducklake-sqllogictest: " << loaded.error << "\n";
			return EXIT_USAGE;
		}
		config = std::move(loaded.config);
		options.config = &config;
	}

	RunnerDatabase runner_database;
	uint64_t passed = 0;
	uint64_t failed = 0;
	uint64_t skipped = 0;
	uint64_t checks = 0;
	auto run_start = std::chrono::steady_clock::now();
	for (auto &file : files) {
		auto name = RelativeName(file, root);
		auto label = options.config ? "[" + options.config->name + "] " + name : name;
		if (options.config) {
			if (auto skip = options.config->FindSkip(name)) {
				std::cout << "SKIP " << label << ": configuration skips '" << skip->pattern << "': " << skip->reason
				          << "\n";
				skipped++;
				continue;
			}
		}
		auto file_start = std::chrono::steady_clock::now();
		auto outcome = RunTestFile(file, file, options, runner_database);
		auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - file_start).count();
		checks += outcome.checks_run;
		switch (outcome.status) {
		case FileStatus::PASSED:
			passed++;
			std::cout << "PASS " << label << " (" << outcome.checks_run << " checks, " << seconds << " s)\n";
			break;
		case FileStatus::SKIPPED:
			skipped++;
			std::cout << "SKIP " << label << ": " << outcome.message << "\n";
			break;
		case FileStatus::FAILED:
			failed++;
			std::cout << "FAIL " << label << "\n" << outcome.message;
			if (!outcome.message.empty() && outcome.message.back() != '\n') {
				std::cout << "\n";
			}
			break;
		}
	}
	auto total_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - run_start).count();
	std::cout << "ducklake-sqllogictest: " << files.size() << (files.size() == 1 ? " file: " : " files: ") << passed
	          << " passed, " << failed << " failed, " << skipped << " skipped; " << checks << " checks in "
	          << total_seconds << " s\n";
	std::cout.flush();
	if (failed > 0) {
		return EXIT_FAILED;
	}
	if (skipped == files.size()) {
		return EXIT_ALL_SKIPPED;
	}
	return 0;
}
