#include "cli/sql_completion.hpp"

#include "duckdb/parser/parser.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace ducklake {

namespace {

//! Catalog names fetched per Tab press at most.
constexpr int completion_names_max = 20000;

bool StartsWithIgnoringCase(const std::string &text, const std::string &prefix) {
	if (text.size() < prefix.size()) {
		return false;
	}
	for (size_t char_idx = 0; char_idx < prefix.size(); char_idx++) {
		if (tolower(static_cast<unsigned char>(text[char_idx])) !=
		    tolower(static_cast<unsigned char>(prefix[char_idx]))) {
			return false;
		}
	}
	return true;
}

std::string InCaseOf(const std::string &keyword, const std::string &prefix) {
	bool upper = isupper(static_cast<unsigned char>(prefix[0]));
	std::string result = keyword;
	for (auto &c : result) {
		c = static_cast<char>(upper ? toupper(static_cast<unsigned char>(c)) : tolower(static_cast<unsigned char>(c)));
	}
	return result;
}

} // namespace

CompletionCandidates LoadCompletionCandidates(duckdb::Connection &connection) {
	CompletionCandidates candidates;
	for (auto &keyword : duckdb::Parser::KeywordList()) {
		candidates.keywords.push_back(keyword.name);
	}
	auto result = connection.Query("SELECT DISTINCT name FROM ("
	                               "SELECT database_name AS name FROM duckdb_databases() "
	                               "UNION ALL SELECT schema_name FROM duckdb_schemas() "
	                               "UNION ALL SELECT table_name FROM duckdb_tables() "
	                               "UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal "
	                               "UNION ALL SELECT column_name FROM duckdb_columns() "
	                               "UNION ALL SELECT function_name FROM duckdb_functions()) "
	                               "WHERE name IS NOT NULL LIMIT " +
	                               std::to_string(completion_names_max));
	if (result->HasError()) {
		return candidates;
	}
	for (duckdb::idx_t row_idx = 0; row_idx < result->RowCount(); row_idx++) {
		candidates.names.push_back(result->GetValue(0, row_idx).ToString());
	}
	return candidates;
}

std::vector<std::string> CompleteWord(const std::string &prefix, const CompletionCandidates &candidates) {
	std::set<std::string> matches;
	if (prefix.empty()) {
		return {};
	}
	for (auto &keyword : candidates.keywords) {
		if (StartsWithIgnoringCase(keyword, prefix)) {
			matches.insert(InCaseOf(keyword, prefix));
		}
	}
	for (auto &name : candidates.names) {
		if (StartsWithIgnoringCase(name, prefix)) {
			matches.insert(name);
		}
	}
	return std::vector<std::string>(matches.begin(), matches.end());
}

} // namespace ducklake
