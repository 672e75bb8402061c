//===----------------------------------------------------------------------===//
// ResultComparator: decides whether a query result or an error matches what a .test file expects,
// and explains a mismatch with a readable diff.
//
// Expected rows (the lines after `----`) are read as DuckDB's runner reads them: row-wise with
// tab-separated values when every line has a tab, or when there are as many lines as result rows;
// otherwise one value per line, filled into rows of the result's width. A single line
// `<FILE>:path` reads the rows from a `|`-separated CSV with a header (path relative to the
// working directory, variables already substituted). For rowsort/valuesort the expected rows
// are sorted the same way as the actual ones, so they may be written in any order.
//
// One actual value matches one expected text when (in this order):
//   1. the strings are equal;
//   2. the text is `<REGEX>:re` and re fully matches the value (RE2, `.` matches newline), or
//      `<!REGEX>:re` and re does not;
//   3. the column is numeric and both sides cast to the column's type and are equal under
//      DuckDB's Value::ValuesAreEqual (FLOAT/DOUBLE: within 1% relative, NaN equals NaN);
//   4. the column is BOOLEAN and both sides mean the same truth value (true/1, false/0).
// The query's type letters (I, R, T) only fix the column count, as in DuckDB.
//
// Error texts (`statement error` followed by `----`) match when the error message contains the
// text, or for `<REGEX>:` / `<!REGEX>:` when the regex (does not) fully match the message.
//===----------------------------------------------------------------------===//
#pragma once

#include "runner_database.hpp"
#include "result_table.hpp"

#include <string>
#include <vector>

namespace ducklake::sqllogic {

//! True for a single expected line of the form "<N> values hashing to <hex>".
bool IsHashLine(const std::string &line);

//! True (and sets path) for a single expected line "<FILE>:path".
bool IsResultFileLine(const std::string &line, std::string &path);

class ResultComparator {
public:
	explicit ResultComparator(RunnerDatabase &runner_database);

	//! Reads expected lines into rows for a result of column_count columns and actual_row_count
	//! rows (used only to decide row-wise vs value-per-line). Fails with a message when the
	//! lines cannot be laid out in rows of that width.
	bool ParseExpectedRows(const std::vector<std::string> &lines, uint64_t column_count, uint64_t actual_row_count,
	                       std::vector<ResultRow> &rows, std::string &error);

	//! Compares actual rows (already sorted) with expected rows (already sorted). On mismatch sets
	//! message to what differs first plus a diff of all rows.
	bool CompareRows(const ResultTable &actual, const std::vector<ResultRow> &expected, std::string &message);

	//! Compares one value under the rules above; error is set for an invalid regex.
	bool ValuesMatch(const std::string &actual, const std::string &expected, const duckdb::LogicalType &type,
	                 std::string &error);

	//! Whether an error message satisfies an expected error text. error is set for an invalid
	//! regex.
	bool ErrorMatches(const std::string &message, const std::string &expected, std::string &error);

private:
	bool RowsMatch(const ResultTable &actual, const ResultRow &actual_row, const ResultRow &expected_row);

	RunnerDatabase &runner_database;
};

} // namespace ducklake::sqllogic
