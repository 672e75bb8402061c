#include "test_executor.hpp"

#include "database_session.hpp"
#include "gzip_unpack.hpp"
#include "loop_values.hpp"
#include "requirement_check.hpp"
#include "result_comparison.hpp"
#include "result_diff.hpp"
#include "sqllogic_parser.hpp"
#include "variable_environment.hpp"

#include "duckdb/common/file_system.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

namespace ducklake::sqllogic {

namespace {

//! Each concurrent iteration is a thread with its own connection.
constexpr uint64_t CONCURRENT_ITERATIONS_MAX = 128;
constexpr double SLEEP_SECONDS_MAX = 60;
//! The database a file that uses `restart` runs on, inside its test directory.
const char *const RESTART_DATABASE_NAME = "database.db";
//! The variable that names the shared fixtures directory when it exists.
const char *const FIXTURES_VARIABLE = "DUCKLAKE_FIXTURES";
//! We are this database for `onlyif` / `skipif`.
const char *const DATABASE_NAME = "duckdb";

enum class Flow { NEXT, STOP };

struct ExecutionContext {
	LoopBindings loops;
	bool concurrent = false;
	int64_t skip_level = 0;
	//! Concurrent iterations only: their own default and named connections.
	duckdb::unique_ptr<duckdb::Connection> own_default;
	std::map<std::string, duckdb::unique_ptr<duckdb::Connection>> own_named;
};

std::string Indent(const std::string &text_p, const std::string &indent) {
	auto text = text_p;
	while (!text.empty() && text.back() == '\n') {
		text.pop_back();
	}
	std::string output;
	std::string::size_type start = 0;
	while (start <= text.size()) {
		auto end = text.find('\n', start);
		auto line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
		output += indent + line + "\n";
		if (end == std::string::npos) {
			break;
		}
		start = end + 1;
	}
	return output;
}

bool IsInternalError(duckdb::ExceptionType type) {
	return type == duckdb::ExceptionType::INTERNAL || type == duckdb::ExceptionType::FATAL;
}

class Executor {
public:
	Executor(const std::string &path_p, const std::string &display_path_p, const RunOptions &options_p,
	         RunnerDatabase &runner_database_p)
	    : path(path_p), display_path(display_path_p), options(options_p), runner_database(runner_database_p),
	      comparator(runner_database_p) {
	}

	FileOutcome Run() {
		std::ifstream file(path, std::ios::binary);
		if (!file) {
			return Finish(FileStatus::FAILED, display_path + ": cannot read the test file");
		}
		std::stringstream contents;
		contents << file.rdbuf();
		auto parsed = ParseTestFile(contents.str());
		if (!parsed.ok) {
			return Finish(FileStatus::FAILED,
			              display_path + ":" + std::to_string(parsed.error_line) + ": cannot parse: " + parsed.error);
		}
		records = std::move(parsed.records);

		std::string error;
		if (!CreateTestDirectory(error)) {
			return Finish(FileStatus::FAILED, display_path + ": " + error);
		}
		RunInTestDirectory();
		session.reset();
		if (options.keep_test_dir) {
			std::cerr << display_path << ": kept test directory " << test_dir << "\n";
		} else {
			std::error_code ignored;
			std::filesystem::remove_all(test_dir, ignored);
		}
		return Finish(status, message);
	}

private:
	FileOutcome Finish(FileStatus final_status, const std::string &final_message) {
		FileOutcome outcome;
		outcome.status = final_status;
		outcome.message = final_message;
		outcome.checks_run = checks_run.load();
		return outcome;
	}

	bool CreateTestDirectory(std::string &error) {
		auto pattern = options.temp_root + "/ducklake-sqllogictest-XXXXXX";
		std::vector<char> buffer(pattern.begin(), pattern.end());
		buffer.push_back('\0');
		if (!mkdtemp(buffer.data())) {
			error = "cannot create a test directory under '" + options.temp_root + "': " + std::strerror(errno);
			return false;
		}
		test_dir = buffer.data();
		return true;
	}

	void RunInTestDirectory() {
		environment = duckdb::make_uniq<VariableEnvironment>(test_dir, std::filesystem::path(path).stem().string());
		std::error_code ignored;
		if (!options.fixtures_dir.empty() && std::filesystem::is_directory(options.fixtures_dir, ignored)) {
			fixtures_path = std::filesystem::absolute(options.fixtures_dir, ignored).lexically_normal().string();
			environment->DefineTestDefault(FIXTURES_VARIABLE, fixtures_path);
		}
		std::vector<std::string> init_sql;
		if (options.config) {
			for (auto &variable : options.config->variables) {
				environment->DefineFromConfig(variable.first, variable.second);
			}
			for (auto &sql : options.config->init_sql) {
				std::string substituted;
				std::string error;
				if (!environment->Substitute(sql, LoopBindings(), substituted, error)) {
					SetOutcome(FileStatus::FAILED,
					           display_path + ": configuration '" + options.config->name + "' init SQL: " + error);
					return;
				}
				init_sql.push_back(substituted);
			}
		}
		session = duckdb::make_uniq<DatabaseSession>(test_dir + "/duckdb_tmp", std::move(init_sql));
		bool uses_restart = false;
		for (auto &record : records) {
			uses_restart = uses_restart || record.type == RecordType::RESTART;
		}
		std::string initial_path = uses_restart ? test_dir + "/" + RESTART_DATABASE_NAME : std::string();
		std::string error;
		if (!session->Open(initial_path, false, true, error)) {
			SetOutcome(FileStatus::FAILED, display_path + ": " + error);
			return;
		}
		ExecutionContext root;
		ExecuteRange(root, 0, records.size());
	}

	//! Records the first terminal outcome (failure, skip or halt) and stops every thread.
	void SetOutcome(FileStatus new_status, const std::string &new_message) {
		std::lock_guard<std::mutex> guard(outcome_lock);
		if (stop) {
			return;
		}
		status = new_status;
		message = new_message;
		stop = true;
	}

	Flow Fail(const Record &record, const ExecutionContext &context, const std::string &sql,
	          const std::string &headline, const std::string &details) {
		std::string report = display_path + ":" + std::to_string(record.line) + ": " + headline + "\n";
		if (!sql.empty()) {
			report += "  " + std::string(RecordTypeName(record.type)) +
			          (record.connection_name.empty() ? "" : " on connection " + record.connection_name) + ":\n";
			report += Indent(sql, "      ");
		}
		if (!context.loops.empty()) {
			std::string bindings;
			for (auto &binding : context.loops) {
				bindings += (bindings.empty() ? "" : ", ") + binding.first + "=" + binding.second;
			}
			report += "  loop variables: " + bindings + (context.concurrent ? " (concurrent iteration)" : "") + "\n";
		}
		if (!details.empty()) {
			report += Indent(details, "  ");
		}
		SetOutcome(FileStatus::FAILED, report);
		return Flow::STOP;
	}

	bool Substitute(const Record &record, const ExecutionContext &context, const std::string &input,
	                std::string &output) {
		std::string error;
		if (!environment->Substitute(input, context.loops, output, error)) {
			Fail(record, context, "", error, "");
			return false;
		}
		return true;
	}

	bool SubstituteParameters(const Record &record, const ExecutionContext &context,
	                          std::vector<std::string> &parameters) {
		parameters.clear();
		for (auto &parameter : record.parameters) {
			std::string substituted;
			if (!Substitute(record, context, parameter, substituted)) {
				return false;
			}
			parameters.push_back(std::move(substituted));
		}
		return true;
	}

	static bool ConditionsAllow(const Record &record) {
		for (auto &condition : record.conditions) {
			bool is_us = condition.database == DATABASE_NAME;
			if (condition.only_if != is_us) {
				return false;
			}
		}
		return true;
	}

	duckdb::Connection &ConnectionFor(ExecutionContext &context, const std::string &name) {
		if (!context.concurrent) {
			return name.empty() ? session->DefaultConnection() : session->Named(name);
		}
		if (name.empty()) {
			return *context.own_default;
		}
		auto &entry = context.own_named[name];
		if (!entry) {
			entry = session->NewConnection();
		}
		return *entry;
	}

	Flow ExecuteRange(ExecutionContext &context, uint64_t begin, uint64_t end) {
		for (uint64_t record_idx = begin; record_idx < end; record_idx++) {
			if (stop) {
				return Flow::STOP;
			}
			auto &record = records[record_idx];
			bool skipped = (context.skip_level > 0 && record.type != RecordType::MODE) || !ConditionsAllow(record);
			if (IsLoopStart(record.type)) {
				if (!skipped && ExecuteLoop(context, record) == Flow::STOP) {
					return Flow::STOP;
				}
				record_idx = record.loop_end;
				continue;
			}
			if (skipped) {
				continue;
			}
			if (options.verbose) {
				std::lock_guard<std::mutex> guard(outcome_lock);
				std::cout << display_path << ":" << record.line << ": " << RecordTypeName(record.type) << "\n";
			}
			Flow flow;
			try {
				flow = ExecuteRecord(context, record);
			} catch (std::exception &ex) {
				duckdb::ErrorData data(ex);
				flow = Fail(record, context, record.sql, "unexpected exception", data.Message());
			}
			if (flow == Flow::STOP) {
				return Flow::STOP;
			}
		}
		return Flow::NEXT;
	}

	Flow ExecuteLoop(ExecutionContext &context, const Record &record) {
		std::vector<std::string> parameters;
		if (!SubstituteParameters(record, context, parameters)) {
			return Flow::STOP;
		}
		auto &variable = parameters[0];
		std::vector<std::string> values;
		std::string error;
		if (!LoopValues(record.type, parameters, values, error)) {
			return Fail(record, context, "", error, "");
		}
		bool concurrent = record.type == RecordType::CONCURRENT_LOOP || record.type == RecordType::CONCURRENT_FOREACH;
		if (!concurrent) {
			for (auto &value : values) {
				context.loops.emplace_back(variable, value);
				auto flow = ExecuteRange(context, &record - records.data() + 1, record.loop_end);
				context.loops.pop_back();
				if (flow == Flow::STOP) {
					return Flow::STOP;
				}
			}
			return Flow::NEXT;
		}
		if (context.concurrent) {
			return Fail(record, context, "", "concurrent loops cannot nest inside each other", "");
		}
		if (values.size() > CONCURRENT_ITERATIONS_MAX) {
			return Fail(record, context, "",
			            "concurrent loop has " + std::to_string(values.size()) + " iterations; at most " +
			                std::to_string(CONCURRENT_ITERATIONS_MAX) + " threads are allowed",
			            "");
		}
		std::vector<duckdb::unique_ptr<ExecutionContext>> contexts;
		for (auto &value : values) {
			auto iteration = duckdb::make_uniq<ExecutionContext>();
			iteration->loops = context.loops;
			iteration->loops.emplace_back(variable, value);
			iteration->concurrent = true;
			iteration->skip_level = context.skip_level;
			iteration->own_default = session->NewConnection();
			contexts.push_back(std::move(iteration));
		}
		uint64_t body_begin = &record - records.data() + 1;
		std::vector<std::thread> threads;
		for (auto &iteration : contexts) {
			auto iteration_context = iteration.get();
			threads.emplace_back([this, iteration_context, body_begin, &record]() {
				ExecuteRange(*iteration_context, body_begin, record.loop_end);
			});
		}
		for (auto &thread : threads) {
			thread.join();
		}
		contexts.clear();
		return stop ? Flow::STOP : Flow::NEXT;
	}

	Flow RejectInConcurrentLoop(const Record &record, const ExecutionContext &context) {
		return Fail(record, context, "",
		            std::string("'") + RecordTypeName(record.type) + "' cannot run inside a concurrent loop", "");
	}

	Flow ExecuteRecord(ExecutionContext &context, const Record &record) {
		switch (record.type) {
		case RecordType::STATEMENT:
			return ExecuteStatement(context, record);
		case RecordType::QUERY:
			return ExecuteQuery(context, record);
		case RecordType::MODE:
			return ExecuteMode(context, record);
		case RecordType::TAGS:
		case RecordType::HASH_THRESHOLD:
			// Results are always compared in full when rows are written, so the threshold changes
			// nothing; it is accepted for compatibility.
			return Flow::NEXT;
		case RecordType::HALT: {
			std::lock_guard<std::mutex> guard(outcome_lock);
			stop = true;
			return Flow::STOP;
		}
		case RecordType::SLEEP:
			return ExecuteSleep(context, record);
		case RecordType::UNZIP:
			return ExecuteUnzip(context, record);
		default:
			break;
		}
		if (context.concurrent) {
			return RejectInConcurrentLoop(record, context);
		}
		switch (record.type) {
		case RecordType::REQUIRE:
			return ExecuteRequire(context, record);
		case RecordType::REQUIRE_ENV:
			return ExecuteRequireEnv(context, record);
		case RecordType::TEST_ENV: {
			std::vector<std::string> parameters;
			if (!SubstituteParameters(record, context, parameters)) {
				return Flow::STOP;
			}
			environment->DefineTestDefault(parameters[0], parameters[1]);
			return Flow::NEXT;
		}
		case RecordType::RESTART:
			return ExecuteRestart(context, record);
		case RecordType::RECONNECT:
			session->Reconnect();
			return Flow::NEXT;
		case RecordType::LOAD:
			return ExecuteLoad(context, record);
		default:
			return Fail(record, context, "", "the runner cannot execute this directive here", "");
		}
	}

	Flow ExecuteStatement(ExecutionContext &context, const Record &record) {
		std::string sql;
		if (!Substitute(record, context, record.sql, sql)) {
			return Flow::STOP;
		}
		auto result = ConnectionFor(context, record.connection_name).Query(sql);
		checks_run++;
		bool has_error = result->HasError();
		switch (record.expectation) {
		case StatementExpectation::OK:
			if (has_error) {
				return Fail(record, context, sql, "statement failed, but 'statement ok' expects success",
				            "error: " + result->GetError());
			}
			return Flow::NEXT;
		case StatementExpectation::ERROR:
			if (!has_error) {
				return Fail(record, context, sql, "statement succeeded, but 'statement error' expects an error", "");
			}
			break;
		case StatementExpectation::MAYBE:
			if (!has_error) {
				return Flow::NEXT;
			}
			break;
		}
		if (IsInternalError(result->GetErrorType())) {
			return Fail(record, context, sql, "statement raised an internal error, which is never an expected outcome",
			            "error: " + result->GetError());
		}
		if (record.expected_lines.empty()) {
			return Flow::NEXT;
		}
		std::string expected_text;
		for (auto &line : record.expected_lines) {
			expected_text += (expected_text.empty() ? "" : "\n") + line;
		}
		if (!Substitute(record, context, expected_text, expected_text)) {
			return Flow::STOP;
		}
		std::string regex_error;
		if (!comparator.ErrorMatches(result->GetError(), expected_text, regex_error)) {
			auto headline = regex_error.empty() ? "statement failed with a different error than expected"
			                                    : "cannot match the expected error: " + regex_error;
			return Fail(record, context, sql, headline,
			            "expected error text:\n" + Indent(expected_text, "    ") + "actual error:\n" +
			                Indent(result->GetError(), "    "));
		}
		return Flow::NEXT;
	}

	Flow ExecuteQuery(ExecutionContext &context, const Record &record) {
		std::string sql;
		if (!Substitute(record, context, record.sql, sql)) {
			return Flow::STOP;
		}
		auto result = ConnectionFor(context, record.connection_name).Query(sql);
		checks_run++;
		if (result->HasError()) {
			return Fail(record, context, sql, "query failed", "error: " + result->GetError());
		}
		auto table = RenderResult(*result);
		std::vector<std::string> actual_texts;
		auto actual_listing = [&]() {
			actual_texts.clear();
			for (auto &row : table.rows) {
				actual_texts.push_back(JoinRow(row));
			}
			return "actual rows (" + std::to_string(table.rows.size()) + "):\n" + RenderRowList(actual_texts, "    ");
		};
		if (record.column_types.size() != table.ColumnCount()) {
			std::string names;
			for (auto &name : table.names) {
				names += (names.empty() ? "" : ", ") + name;
			}
			return Fail(record, context, sql,
			            "query declares " + std::to_string(record.column_types.size()) + " columns ('" +
			                record.column_types + "') but the result has " + std::to_string(table.ColumnCount()) +
			                " (" + names + ")",
			            actual_listing());
		}
		SortRows(table.rows, record.sort_mode);
		std::vector<std::string> lines;
		for (auto &line : record.expected_lines) {
			std::string substituted;
			if (!Substitute(record, context, line, substituted)) {
				return Flow::STOP;
			}
			lines.push_back(std::move(substituted));
		}
		if (!record.label.empty() && CheckLabel(context, record, sql, table, actual_listing) == Flow::STOP) {
			return Flow::STOP;
		}
		if (lines.size() == 1 && IsHashLine(lines[0])) {
			auto hash = HashRows(table.rows);
			if (hash != lines[0]) {
				return Fail(record, context, sql, "query result hash differs",
				            "expected: " + lines[0] + "\nactual:   " + hash + "\n" + actual_listing());
			}
			return Flow::NEXT;
		}
		if (!record.label.empty() && !record.has_expected_block) {
			return Flow::NEXT;
		}
		std::vector<ResultRow> expected;
		std::string error;
		std::string file_path;
		if (lines.size() == 1 && IsResultFileLine(lines[0], file_path)) {
			if (!runner_database.ReadResultFile(file_path, table.names, expected, error)) {
				return Fail(record, context, sql, "cannot read the expected result", error);
			}
		} else if (!comparator.ParseExpectedRows(lines, table.ColumnCount(), table.rows.size(), expected, error)) {
			return Fail(record, context, sql, "cannot read the expected result", error + "\n" + actual_listing());
		}
		SortRows(expected, record.sort_mode);
		std::string difference;
		if (!comparator.CompareRows(table, expected, difference)) {
			return Fail(record, context, sql, "query result differs from the expected result", difference);
		}
		return Flow::NEXT;
	}

	template <class LISTING>
	Flow CheckLabel(ExecutionContext &context, const Record &record, const std::string &sql, const ResultTable &table,
	                LISTING &actual_listing) {
		auto hash = HashRows(table.rows);
		std::pair<std::string, uint64_t> first;
		{
			std::lock_guard<std::mutex> guard(outcome_lock);
			auto entry = labels.find(record.label);
			if (entry == labels.end()) {
				labels[record.label] = std::make_pair(hash, record.line);
				return Flow::NEXT;
			}
			first = entry->second;
		}
		if (first.first == hash) {
			return Flow::NEXT;
		}
		return Fail(record, context, sql,
		            "query result differs from the first query labelled '" + record.label + "' (line " +
		                std::to_string(first.second) + ")",
		            "that query: " + first.first + "\nthis query: " + hash + "\n" + actual_listing());
	}

	Flow ExecuteMode(ExecutionContext &context, const Record &record) {
		auto &mode = record.parameters[0];
		if (mode == "skip") {
			context.skip_level++;
		} else if (mode == "unskip") {
			if (context.skip_level > 0) {
				context.skip_level--;
			}
		} else if (mode != "output_result" && mode != "output_hash" && mode != "debug" && mode != "no_output") {
			return Fail(record, context, "",
			            "unknown mode '" + mode + "'; allowed: skip, unskip, output_result, output_hash, debug", "");
		}
		return Flow::NEXT;
	}

	Flow ExecuteRequire(ExecutionContext &context, const Record &record) {
		std::vector<std::string> parameters;
		if (!SubstituteParameters(record, context, parameters)) {
			return Flow::STOP;
		}
		std::string reason;
		if (parameters[0] == "fixtures") {
			if (!fixtures_path.empty()) {
				return Flow::NEXT;
			}
			reason = "the shared fixtures directory '" + options.fixtures_dir +
			         "' does not exist (give another with --fixtures DIR)";
		} else if (CheckRequirement(session->DefaultConnection(), parameters, reason)) {
			return Flow::NEXT;
		}
		std::string requirement;
		for (auto &parameter : parameters) {
			requirement += " " + parameter;
		}
		SetOutcome(FileStatus::SKIPPED,
		           display_path + ":" + std::to_string(record.line) + ": require" + requirement + ": " + reason);
		return Flow::STOP;
	}

	Flow ExecuteRequireEnv(ExecutionContext &context, const Record &record) {
		auto &name = record.parameters[0];
		auto value = std::getenv(name.c_str());
		auto where = display_path + ":" + std::to_string(record.line) + ": require-env " + name + ": ";
		if (!value) {
			SetOutcome(FileStatus::SKIPPED, where + "environment variable " + name + " is not set");
			return Flow::STOP;
		}
		if (record.parameters.size() == 2 && record.parameters[1] != value) {
			SetOutcome(FileStatus::SKIPPED, where + "environment variable " + name + " is '" + value +
			                                    "', the test needs '" + record.parameters[1] + "'");
			return Flow::STOP;
		}
		environment->DefineFromProcess(name, value);
		return Flow::NEXT;
	}

	Flow ExecuteRestart(ExecutionContext &context, const Record &record) {
		bool load_extension = true;
		if (!record.parameters.empty()) {
			if (record.parameters[0] != "no_extension_load") {
				return Fail(record, context, "",
				            "unknown restart option '" + record.parameters[0] + "'; allowed: no_extension_load", "");
			}
			load_extension = false;
		}
		std::string error;
		if (!session->Restart(load_extension, error)) {
			return Fail(record, context, "", "restart failed", error);
		}
		return Flow::NEXT;
	}

	Flow ExecuteLoad(ExecutionContext &context, const Record &record) {
		std::vector<std::string> parameters;
		if (!SubstituteParameters(record, context, parameters)) {
			return Flow::STOP;
		}
		std::string database_path = parameters.empty() ? std::string() : parameters[0];
		bool read_only = parameters.size() >= 2 && parameters[1] == "readonly";
		if (parameters.size() >= 2 && !read_only) {
			return Fail(record, context, "", "unknown load option '" + parameters[1] + "'; allowed: readonly", "");
		}
		if (!database_path.empty() && !read_only) {
			// As in DuckDB's runner: a writable `load` starts from an empty database file.
			std::error_code ignored;
			std::filesystem::remove(database_path, ignored);
			std::filesystem::remove(database_path + ".wal", ignored);
		}
		std::string error;
		if (!session->Open(database_path, read_only, true, error)) {
			return Fail(record, context, "", "load failed", error);
		}
		return Flow::NEXT;
	}

	Flow ExecuteSleep(ExecutionContext &context, const Record &record) {
		double amount = 0;
		try {
			amount = std::stod(record.parameters[0]);
		} catch (std::exception &) {
			return Fail(record, context, "", "sleep amount '" + record.parameters[0] + "' is not a number", "");
		}
		auto &unit = record.parameters[1];
		double seconds = amount;
		if (unit == "millisecond" || unit == "milliseconds") {
			seconds = amount / 1e3;
		} else if (unit == "microsecond" || unit == "microseconds") {
			seconds = amount / 1e6;
		} else if (unit == "nanosecond" || unit == "nanoseconds") {
			seconds = amount / 1e9;
		} else if (unit != "second" && unit != "seconds") {
			return Fail(record, context, "",
			            "unknown sleep unit '" + unit + "'; allowed: second, millisecond, microsecond, nanosecond", "");
		}
		if (seconds < 0 || seconds > SLEEP_SECONDS_MAX) {
			return Fail(record, context, "", "sleep must be between 0 and 60 seconds", "");
		}
		std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
		return Flow::NEXT;
	}

	Flow ExecuteUnzip(ExecutionContext &context, const Record &record) {
		std::vector<std::string> parameters;
		if (!SubstituteParameters(record, context, parameters)) {
			return Flow::STOP;
		}
		auto &source = parameters[0];
		auto destination = parameters.size() == 2 ? parameters[1] : DefaultUnzipDestination(source, test_dir);
		auto &fs = duckdb::FileSystem::GetFileSystem(*session->Database().instance);
		std::string error;
		if (!GunzipFile(fs, source, destination, UNZIP_OUTPUT_BYTES_MAX, error)) {
			return Fail(record, context, "", "unzip failed", error);
		}
		return Flow::NEXT;
	}

	std::string path;
	std::string display_path;
	const RunOptions &options;
	RunnerDatabase &runner_database;
	ResultComparator comparator;

	std::vector<Record> records;
	std::string test_dir;
	//! Absolute path of the fixtures directory, empty when it does not exist.
	std::string fixtures_path;
	duckdb::unique_ptr<VariableEnvironment> environment;
	duckdb::unique_ptr<DatabaseSession> session;

	std::mutex outcome_lock;
	std::atomic<bool> stop {false};
	FileStatus status = FileStatus::PASSED;
	std::string message;
	std::atomic<uint64_t> checks_run {0};
	//! label -> (hash of the first result, its line)
	std::map<std::string, std::pair<std::string, uint64_t>> labels;
};

} // namespace

FileOutcome RunTestFile(const std::string &path, const std::string &display_path, const RunOptions &options,
                        RunnerDatabase &runner_database) {
	Executor executor(path, display_path, options, runner_database);
	return executor.Run();
}

} // namespace ducklake::sqllogic
