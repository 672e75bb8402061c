//===----------------------------------------------------------------------===//
// RunTestFile: runs one .test file from start to end and reports passed, failed or skipped.
//
// Each file gets a fresh temp directory (`__TEST_DIR__`, created under RunOptions::temp_root and
// removed afterwards unless keep_test_dir) and a fresh DuckDB database: in memory, or the file
// `__TEST_DIR__/database.db` when the file uses `restart` (so a restart keeps the data), until a
// `load` names another. The run stops at the first failure, at `halt`, or at an unmet `require` /
// `require-env` (the file is then SKIPPED with the reason, unless something already failed).
// `require fixtures` is the one requirement of our own: the shared fixtures directory must exist.
//
// A failure report names file:line, the SQL, the loop variables in effect and what differed
// (expected vs actual rows as a diff). `concurrentloop` / `concurrentforeach` run each iteration
// on its own thread with its own connection; the first failure in any thread fails the file.
// Never throws: DuckDB exceptions become failures of the record that raised them.
//===----------------------------------------------------------------------===//
#pragma once

#include "runner_database.hpp"
#include "test_config.hpp"

#include <cstdint>
#include <string>

namespace ducklake::sqllogic {

struct RunOptions {
	//! The configuration in effect, or nullptr.
	const TestConfig *config = nullptr;
	//! Where per-file temp directories are created.
	std::string temp_root = "/tmp";
	bool keep_test_dir = false;
	//! Print each record (file:line and directive) as it runs.
	bool verbose = false;
	//! The shared DuckLake fixtures (official lakes). When the directory exists, `require fixtures`
	//! is met and `${DUCKLAKE_FIXTURES}` is its absolute path; otherwise such files are skipped.
	std::string fixtures_dir = "../shared/fixtures";
};

enum class FileStatus { PASSED, FAILED, SKIPPED };

struct FileOutcome {
	FileStatus status = FileStatus::PASSED;
	//! FAILED: the failure report; SKIPPED: the reason.
	std::string message;
	//! Statements and queries executed (loop iterations count each time).
	uint64_t checks_run = 0;
};

//! Runs the file at path; display_path is how messages name it (file:line). runner_database is the
//! runner's private database, shared across files.
FileOutcome RunTestFile(const std::string &path, const std::string &display_path, const RunOptions &options,
                        RunnerDatabase &runner_database);

} // namespace ducklake::sqllogic
