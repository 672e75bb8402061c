//===----------------------------------------------------------------------===//
// sqllogic_parser: turns the text of a DuckDB-dialect sqllogictest (.test) file into records.
//
// A record is one directive with its payload: `statement ok|error|maybe [connection]` with its SQL
// and optional `----` error text, `query <types> [sort|connection] [label]` with its SQL and
// `----` result lines, or a one-line directive (require, loop, endloop, restart, ...). Records are
// separated by blank lines; lines starting with `#` are comments. `onlyif X` / `skipif X` lines
// attach a condition to the record that follows them.
//
// The parser is pure: it never touches a database or the file system, substitutes no variables
// (that happens at execution time, per loop iteration) and reports the first malformed line as
// an error value naming the line and what is allowed. Loops are matched here: every loop record
// knows the index of its `endloop`, so the executor can walk the body as a range.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ducklake::sqllogic {

enum class RecordType {
	STATEMENT,
	QUERY,
	REQUIRE,
	REQUIRE_ENV,
	TEST_ENV,
	MODE,
	LOOP,
	FOREACH,
	CONCURRENT_LOOP,
	CONCURRENT_FOREACH,
	ENDLOOP,
	RESTART,
	RECONNECT,
	LOAD,
	UNZIP,
	HALT,
	HASH_THRESHOLD,
	SLEEP,
	TAGS
};

//! What a `statement` expects: success, an error, or either.
enum class StatementExpectation { OK, ERROR, MAYBE };

//! How a query's rows are ordered before comparison.
enum class SortMode { NO_SORT, ROW_SORT, VALUE_SORT };

//! `onlyif <db>` (run only on that database) or `skipif <db>` (never run on it).
struct RecordCondition {
	bool only_if = false;
	std::string database;
};

struct Record {
	RecordType type = RecordType::STATEMENT;
	//! 1-based line of the directive itself.
	uint64_t line = 0;
	//! Tokens after the directive keyword, as written (variables are substituted at run time).
	std::vector<std::string> parameters;
	std::vector<RecordCondition> conditions;

	//! statement/query: the SQL lines joined with '\n', its first line, and the connection to use
	//! (empty: the default connection).
	std::string sql;
	uint64_t sql_line = 0;
	std::string connection_name;
	//! statement/query: whether a `----` line followed the SQL, and the lines after it.
	bool has_expected_block = false;
	std::vector<std::string> expected_lines;

	//! statement only.
	StatementExpectation expectation = StatementExpectation::OK;

	//! query only: the type letters (one per column), sort mode and optional label.
	std::string column_types;
	SortMode sort_mode = SortMode::NO_SORT;
	std::string label;

	//! loop records only: index of the matching ENDLOOP record.
	uint64_t loop_end = 0;
};

struct ParseResult {
	bool ok = true;
	//! When !ok: the 1-based line at fault and what is wrong there (and what is allowed).
	uint64_t error_line = 0;
	std::string error;
	std::vector<Record> records;
};

//! Parses the full text of a .test file. Never throws; a malformed file yields ok == false.
ParseResult ParseTestFile(const std::string &contents);

//! True for records that open a loop body (loop, foreach, concurrentloop, concurrentforeach).
bool IsLoopStart(RecordType type);

//! The directive keyword of a record type, for messages ("statement", "concurrentloop", ...).
const char *RecordTypeName(RecordType type);

} // namespace ducklake::sqllogic
