//===----------------------------------------------------------------------===//
// RunnerDatabase: a private in-memory DuckDB the runner uses for its own work, never for test SQL.
//
// It gives the runner exactly DuckDB's semantics where DuckDB's runner has them:
//   - RegexFullMatch: RE2 full match with `.` matching newlines (regexp_full_match(..., 's')),
//     for `<REGEX>:` / `<!REGEX>:` results and error texts;
//   - ReadResultFile: a `<FILE>:path` result, read as a `|`-separated CSV with a header row and
//     every column as VARCHAR (NULL cells render as NULL).
// The database is created on first use, so runs without regexes or result files never pay for it.
// Thread-safe: one mutex serialises all calls (concurrent loops may compare at the same time).
// Failures (invalid regex, unreadable file) are returned as error text naming the input.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb.hpp"

#include <mutex>
#include <string>
#include <vector>

namespace ducklake::sqllogic {

class RunnerDatabase {
public:
	RunnerDatabase();
	~RunnerDatabase();

	//! Sets matches to whether pattern fully matches text. Returns false with error for an
	//! invalid pattern.
	bool RegexFullMatch(const std::string &text, const std::string &pattern, bool &matches, std::string &error);

	//! Reads the rows of a result file; column_names (the query's) name the CSV columns, so the
	//! file must have exactly that many columns.
	bool ReadResultFile(const std::string &path, const std::vector<std::string> &column_names,
	                    std::vector<std::vector<std::string>> &rows, std::string &error);

private:
	duckdb::Connection &Connect();

	std::mutex lock;
	duckdb::unique_ptr<duckdb::DuckDB> database;
	duckdb::unique_ptr<duckdb::Connection> connection;
	duckdb::unique_ptr<duckdb::PreparedStatement> regex_statement;
};

} // namespace ducklake::sqllogic
