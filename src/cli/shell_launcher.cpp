#include "cli/shell_launcher.hpp"

#include "cli/cli_arguments.hpp"
#include "cli/interactive_reader.hpp"
#include "cli/interrupt_handler.hpp"
#include "cli/lake_attach.hpp"
#include "cli/script_runner.hpp"
#include "cli/shell_session.hpp"
#include "common/version.hpp"
#include "duckdb.hpp"
#include "extension/ducklake_extension.hpp"
#include "extension/huge_page_allocator.hpp"

#include <iostream>
#include <unistd.h>

namespace ducklake {

namespace {

constexpr int exit_success = 0;
constexpr int exit_failure = 1;
constexpr int exit_usage = 2;
constexpr int exit_interrupted = 130;

int ExitCode(RunOutcome outcome) {
	switch (outcome) {
	case RunOutcome::OK:
	case RunOutcome::QUIT:
		return exit_success;
	case RunOutcome::INTERRUPTED:
		return exit_interrupted;
	case RunOutcome::FAILED:
		break;
	}
	return exit_failure;
}

void PrintBanner(const LakeAttachOutcome &lake) {
	std::cout << "ducklake " << ProjectVersion() << " on DuckDB " << duckdb::DuckDB::LibraryVersion() << "\n";
	switch (lake.status) {
	case LakeAttachOutcome::Status::ATTACHED:
		std::cout << "Lake attached as " << lake.message << "\n";
		break;
	case LakeAttachOutcome::Status::DISABLED:
		std::cout << "No lake attached (--no-lake).\n";
		break;
	case LakeAttachOutcome::Status::UNAVAILABLE:
		std::cout << "No lake attached: this build has no DuckLake catalog.\n";
		break;
	case LakeAttachOutcome::Status::FAILED:
		break;
	}
	std::cout << "Enter \".help\" for dot commands; statements end with ';'.\n";
}

RunOutcome RunScripts(const CliArguments &arguments, ShellSession &session, InterruptHandler &interrupts) {
	if (arguments.scripts.empty()) {
		StreamLineSource source(std::cin, &interrupts);
		return RunLines(source, session, true);
	}
	for (auto &script : arguments.scripts) {
		if (interrupts.TakePendingInterrupt()) {
			return RunOutcome::INTERRUPTED;
		}
		auto outcome = script.kind == ScriptSource::Kind::SQL ? RunCommandText(script.text, session)
		                                                      : RunScriptFile(script.text, session);
		if (outcome != RunOutcome::OK) {
			return outcome;
		}
	}
	return RunOutcome::OK;
}

} // namespace

int RunShell(int argc, char **argv) {
	auto parsed = ParseCliArguments(std::vector<std::string>(argv + 1, argv + argc));
	if (!parsed.ok) {
		std::cerr << "ducklake: " << parsed.error << "\n";
		return exit_usage;
	}
	auto &arguments = parsed.arguments;
	if (arguments.show_help) {
		std::cout << CliHelpText();
		return exit_success;
	}
	if (arguments.show_version) {
		std::cout << CliVersionText(duckdb::DuckDB::LibraryVersion(), duckdb::DuckDB::SourceID());
		return exit_success;
	}
	bool interactive = arguments.scripts.empty() && isatty(STDIN_FILENO);

	duckdb::DBConfig config;
	try {
		UseHugePageAllocator(config);
	} catch (std::invalid_argument &ex) {
		std::cerr << "ducklake: " << ex.what() << "\n";
		return exit_usage;
	}
	duckdb::unique_ptr<duckdb::DuckDB> db;
	try {
		db = duckdb::make_uniq<duckdb::DuckDB>(
		    arguments.database_path.empty() ? nullptr : arguments.database_path.c_str(), &config);
		db->LoadStaticExtension<DucklakeExtension>();
	} catch (std::exception &ex) {
		std::cerr << "ducklake: cannot open database '" << arguments.database_path
		          << "': " << duckdb::ErrorData(ex).Message() << "\n";
		return exit_failure;
	}
	auto &interrupts = InterruptHandler::Install();
	ShellSession session(*db, interrupts, std::cout, std::cerr);
	session.settings.mode = arguments.mode;

	auto lake = AttachLake(*db->instance, session.connection, arguments.lake);
	if (lake.status == LakeAttachOutcome::Status::FAILED) {
		std::cerr << "ducklake: " << lake.message << "\n";
		return exit_failure;
	}
	if (!interactive) {
		return ExitCode(RunScripts(arguments, session, interrupts));
	}
	PrintBanner(lake);
	if (isatty(STDOUT_FILENO)) {
		session.terminal_output = true;
		// DuckDB's progress bar for queries that run longer than its progress_bar_time (2 s).
		session.connection.Query("SET enable_progress_bar = true");
		session.connection.Query("SET enable_progress_bar_print = true");
	}
	InteractiveReader reader(interrupts, DefaultHistoryPath(),
	                         [&session]() { return LoadCompletionCandidates(session.connection); });
	RunLines(reader, session, false);
	return exit_success;
}

} // namespace ducklake
