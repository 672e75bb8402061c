#include "sqllogic_parser.hpp"

#include <utility>

namespace ducklake::sqllogic {

namespace {

//! Loops may nest, but not without end: deeper nesting is surely a missing `endloop`.
constexpr uint64_t LOOP_NESTING_DEPTH_MAX = 16;

struct DirectiveName {
	const char *keyword;
	RecordType type;
};

const DirectiveName DIRECTIVES[] = {
    {"statement", RecordType::STATEMENT},
    {"query", RecordType::QUERY},
    {"require", RecordType::REQUIRE},
    {"require-env", RecordType::REQUIRE_ENV},
    {"test-env", RecordType::TEST_ENV},
    {"mode", RecordType::MODE},
    {"loop", RecordType::LOOP},
    {"foreach", RecordType::FOREACH},
    {"concurrentloop", RecordType::CONCURRENT_LOOP},
    {"concurrentforeach", RecordType::CONCURRENT_FOREACH},
    {"endloop", RecordType::ENDLOOP},
    {"restart", RecordType::RESTART},
    {"reconnect", RecordType::RECONNECT},
    {"load", RecordType::LOAD},
    {"unzip", RecordType::UNZIP},
    {"halt", RecordType::HALT},
    {"hash-threshold", RecordType::HASH_THRESHOLD},
    {"sleep", RecordType::SLEEP},
    {"tags", RecordType::TAGS},
};

std::vector<std::string> SplitLines(const std::string &contents) {
	std::vector<std::string> lines;
	std::string::size_type start = 0;
	while (start <= contents.size()) {
		auto end = contents.find('\n', start);
		if (end == std::string::npos) {
			if (start < contents.size()) {
				lines.push_back(contents.substr(start));
			}
			break;
		}
		lines.push_back(contents.substr(start, end - start));
		start = end + 1;
	}
	for (auto &line : lines) {
		if (!line.empty() && line.back() == '\r') {
			line.pop_back();
		}
	}
	return lines;
}

std::vector<std::string> Tokenize(const std::string &line) {
	std::vector<std::string> tokens;
	std::string current;
	for (char c : line) {
		if (c == ' ' || c == '\t') {
			if (!current.empty()) {
				tokens.push_back(std::move(current));
				current.clear();
			}
		} else {
			current += c;
		}
	}
	if (!current.empty()) {
		tokens.push_back(std::move(current));
	}
	return tokens;
}

bool IsBlank(const std::string &line) {
	return line.find_first_not_of(" \t") == std::string::npos;
}

bool IsComment(const std::string &line) {
	return !line.empty() && line[0] == '#';
}

std::string AllowedDirectives() {
	std::string result = "onlyif, skipif";
	for (auto &directive : DIRECTIVES) {
		result += ", ";
		result += directive.keyword;
	}
	return result;
}

class Parser {
public:
	explicit Parser(const std::string &contents) : lines(SplitLines(contents)) {
	}

	ParseResult Parse() {
		std::vector<RecordCondition> pending_conditions;
		uint64_t pending_condition_line = 0;
		while (line_idx < lines.size()) {
			auto &line = lines[line_idx];
			if (IsBlank(line) || IsComment(line)) {
				line_idx++;
				continue;
			}
			auto tokens = Tokenize(line);
			auto &keyword = tokens[0];
			if (keyword == "onlyif" || keyword == "skipif") {
				if (tokens.size() != 2) {
					return Fail(line_idx,
					            "'" + keyword + "' takes exactly one database name, e.g. '" + keyword + " duckdb'");
				}
				pending_conditions.push_back(RecordCondition {keyword == "onlyif", tokens[1]});
				pending_condition_line = line_idx;
				line_idx++;
				continue;
			}
			Record record;
			if (!LookupDirective(keyword, record.type)) {
				return Fail(line_idx, "unknown directive '" + keyword + "'; allowed: " + AllowedDirectives());
			}
			record.line = line_idx + 1;
			record.parameters.assign(tokens.begin() + 1, tokens.end());
			record.conditions = std::move(pending_conditions);
			pending_conditions.clear();
			line_idx++;
			if (!ParseBody(record)) {
				return result;
			}
			result.records.push_back(std::move(record));
		}
		if (!pending_conditions.empty()) {
			return Fail(pending_condition_line, "onlyif/skipif at the end of the file has no record to apply to");
		}
		if (!MatchLoops()) {
			return result;
		}
		return std::move(result);
	}

private:
	ParseResult Fail(uint64_t zero_based_line, const std::string &message) {
		result.ok = false;
		result.error_line = zero_based_line + 1;
		result.error = message;
		result.records.clear();
		return result;
	}

	bool FailRecord(const Record &record, const std::string &message) {
		Fail(record.line - 1, message);
		return false;
	}

	static bool LookupDirective(const std::string &keyword, RecordType &type) {
		for (auto &directive : DIRECTIVES) {
			if (keyword == directive.keyword) {
				type = directive.type;
				return true;
			}
		}
		return false;
	}

	//! Reads SQL lines up to a blank line, a comment or `----`.
	void ReadSql(Record &record) {
		record.sql_line = line_idx + 1;
		std::string sql;
		while (line_idx < lines.size() && !IsBlank(lines[line_idx]) && !IsComment(lines[line_idx]) &&
		       lines[line_idx] != "----") {
			if (!sql.empty()) {
				sql += '\n';
			}
			sql += lines[line_idx];
			line_idx++;
		}
		record.sql = std::move(sql);
	}

	//! Reads the `----` block (if present) up to the next blank line.
	void ReadExpectedBlock(Record &record) {
		if (line_idx >= lines.size() || lines[line_idx] != "----") {
			return;
		}
		record.has_expected_block = true;
		line_idx++;
		while (line_idx < lines.size() && !IsBlank(lines[line_idx])) {
			record.expected_lines.push_back(lines[line_idx]);
			line_idx++;
		}
	}

	bool ParseBody(Record &record) {
		switch (record.type) {
		case RecordType::STATEMENT:
			return ParseStatement(record);
		case RecordType::QUERY:
			return ParseQuery(record);
		default:
			return CheckParameterCount(record);
		}
	}

	bool ParseStatement(Record &record) {
		auto &params = record.parameters;
		if (params.empty() || params.size() > 2) {
			return FailRecord(record, "expected 'statement ok|error|maybe [connection]'");
		}
		if (params[0] == "ok") {
			record.expectation = StatementExpectation::OK;
		} else if (params[0] == "error") {
			record.expectation = StatementExpectation::ERROR;
		} else if (params[0] == "maybe") {
			record.expectation = StatementExpectation::MAYBE;
		} else {
			return FailRecord(record, "unknown statement expectation '" + params[0] + "'; allowed: ok, error, maybe");
		}
		if (params.size() == 2) {
			record.connection_name = params[1];
		}
		ReadSql(record);
		if (record.sql.empty()) {
			return FailRecord(record, "statement has no SQL on the lines that follow it");
		}
		ReadExpectedBlock(record);
		if (record.has_expected_block && record.expectation == StatementExpectation::OK) {
			return FailRecord(record, "'statement ok' cannot have a ---- block; use 'statement error' to expect an "
			                          "error message or 'query' to check results");
		}
		return true;
	}

	bool ParseQuery(Record &record) {
		auto &params = record.parameters;
		if (params.empty() || params.size() > 3) {
			return FailRecord(record, "expected 'query <types> [nosort|rowsort|valuesort|<connection>] [<label>]'");
		}
		for (char letter : params[0]) {
			if (letter != 'I' && letter != 'R' && letter != 'T') {
				return FailRecord(record, "query column types '" + params[0] +
				                              "' must use only the letters I (integer), R (real) and T (text)");
			}
		}
		record.column_types = params[0];
		if (params.size() >= 2) {
			auto &mode = params[1];
			if (mode == "nosort") {
				record.sort_mode = SortMode::NO_SORT;
			} else if (mode == "rowsort" || mode == "sort") {
				record.sort_mode = SortMode::ROW_SORT;
			} else if (mode == "valuesort") {
				record.sort_mode = SortMode::VALUE_SORT;
			} else {
				// DuckDB's rule: an unknown sort mode is the name of the connection to run on.
				record.connection_name = mode;
			}
		}
		if (params.size() == 3) {
			record.label = params[2];
		}
		ReadSql(record);
		if (record.sql.empty()) {
			return FailRecord(record, "query has no SQL on the lines that follow it");
		}
		ReadExpectedBlock(record);
		return true;
	}

	bool CheckParameterCount(Record &record) {
		auto count = record.parameters.size();
		auto name = std::string(RecordTypeName(record.type));
		switch (record.type) {
		case RecordType::REQUIRE:
			if (count < 1) {
				return FailRecord(record, "expected 'require <extension or feature> [argument]'");
			}
			return true;
		case RecordType::REQUIRE_ENV:
			if (count < 1 || count > 2) {
				return FailRecord(record, "expected 'require-env <VARIABLE> [value]'");
			}
			return true;
		case RecordType::TEST_ENV:
			if (count != 2) {
				return FailRecord(record, "expected 'test-env <VARIABLE> <value>'");
			}
			return true;
		case RecordType::MODE:
			if (count != 1) {
				return FailRecord(record, "expected 'mode skip|unskip|output_result|output_hash|debug'");
			}
			return true;
		case RecordType::LOOP:
		case RecordType::CONCURRENT_LOOP:
			if (count != 3) {
				return FailRecord(record, "expected '" + name + " <variable> <start> <end>' (end is exclusive)");
			}
			return true;
		case RecordType::FOREACH:
		case RecordType::CONCURRENT_FOREACH:
			if (count < 2) {
				return FailRecord(record, "expected '" + name + " <variable> <value> [<value>...]'");
			}
			return true;
		case RecordType::UNZIP:
			if (count < 1 || count > 2) {
				return FailRecord(record, "expected 'unzip <source.gz> [<destination>]'");
			}
			return true;
		case RecordType::LOAD:
			if (count > 3) {
				return FailRecord(record, "expected 'load [<database path> [readonly]]'");
			}
			return true;
		case RecordType::HASH_THRESHOLD:
			if (count != 1) {
				return FailRecord(record, "expected 'hash-threshold <number of values>'");
			}
			return true;
		case RecordType::SLEEP:
			if (count != 2) {
				return FailRecord(record, "expected 'sleep <amount> <second|millisecond|microsecond|nanosecond>'");
			}
			return true;
		case RecordType::RESTART:
			if (count > 1) {
				return FailRecord(record, "expected 'restart [no_extension_load]'");
			}
			return true;
		case RecordType::ENDLOOP:
		case RecordType::RECONNECT:
		case RecordType::HALT:
			if (count != 0) {
				return FailRecord(record, "'" + name + "' takes no arguments");
			}
			return true;
		default:
			return true;
		}
	}

	bool MatchLoops() {
		std::vector<uint64_t> open_loops;
		for (uint64_t record_idx = 0; record_idx < result.records.size(); record_idx++) {
			auto &record = result.records[record_idx];
			if (IsLoopStart(record.type)) {
				if (open_loops.size() >= LOOP_NESTING_DEPTH_MAX) {
					Fail(record.line - 1, "loops nest deeper than " + std::to_string(LOOP_NESTING_DEPTH_MAX) +
					                          " levels; is an 'endloop' missing?");
					return false;
				}
				open_loops.push_back(record_idx);
			} else if (record.type == RecordType::ENDLOOP) {
				if (open_loops.empty()) {
					Fail(record.line - 1, "'endloop' without a matching loop/foreach");
					return false;
				}
				result.records[open_loops.back()].loop_end = record_idx;
				open_loops.pop_back();
			}
		}
		if (!open_loops.empty()) {
			auto &record = result.records[open_loops.back()];
			Fail(record.line - 1, std::string("'") + RecordTypeName(record.type) + "' has no matching 'endloop'");
			return false;
		}
		return true;
	}

	std::vector<std::string> lines;
	uint64_t line_idx = 0;
	ParseResult result;
};

} // namespace

ParseResult ParseTestFile(const std::string &contents) {
	Parser parser(contents);
	return parser.Parse();
}

bool IsLoopStart(RecordType type) {
	return type == RecordType::LOOP || type == RecordType::FOREACH || type == RecordType::CONCURRENT_LOOP ||
	       type == RecordType::CONCURRENT_FOREACH;
}

const char *RecordTypeName(RecordType type) {
	for (auto &directive : DIRECTIVES) {
		if (directive.type == type) {
			return directive.keyword;
		}
	}
	return "unknown";
}

} // namespace ducklake::sqllogic
