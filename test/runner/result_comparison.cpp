#include "result_comparison.hpp"

#include "result_diff.hpp"

#include <algorithm>

namespace ducklake::sqllogic {

namespace {

const std::string REGEX_PREFIX = "<REGEX>:";
const std::string NOT_REGEX_PREFIX = "<!REGEX>:";
const std::string FILE_PREFIX = "<FILE>:";

bool StartsWith(const std::string &text, const std::string &prefix) {
	return text.compare(0, prefix.size(), prefix) == 0;
}

std::vector<std::string> SplitTabs(const std::string &line) {
	std::vector<std::string> values;
	std::string::size_type start = 0;
	while (true) {
		auto tab = line.find('\t', start);
		if (tab == std::string::npos) {
			values.push_back(line.substr(start));
			return values;
		}
		values.push_back(line.substr(start, tab - start));
		start = tab + 1;
	}
}

//! Interprets "true"/"1" and "false"/"0" (any case); anything else has no truth value.
bool ParseTruth(const std::string &text, bool &truth) {
	std::string lower = text;
	std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
	if (lower == "true" || lower == "1") {
		truth = true;
		return true;
	}
	if (lower == "false" || lower == "0") {
		truth = false;
		return true;
	}
	return false;
}

bool CastForComparison(const std::string &text, const duckdb::LogicalType &type, duckdb::Value &value) {
	if (text == "NULL") {
		value = duckdb::Value(type);
		return true;
	}
	duckdb::Value source(text);
	std::string cast_error;
	return source.DefaultTryCastAs(type, value, &cast_error, false);
}

//! Rows as diff lines: a value with line breaks (an EXPLAIN plan) shows them as \n, so every row
//! stays one line of the diff.
std::vector<std::string> RowTexts(const std::vector<ResultRow> &rows) {
	std::vector<std::string> texts;
	texts.reserve(rows.size());
	for (auto &row : rows) {
		auto text = JoinRow(row);
		std::string::size_type pos = 0;
		while ((pos = text.find('\n', pos)) != std::string::npos) {
			text.replace(pos, 1, "\\n");
			pos += 2;
		}
		texts.push_back(std::move(text));
	}
	return texts;
}

} // namespace

bool IsHashLine(const std::string &line) {
	static const std::string marker = " values hashing to ";
	auto pos = line.find(marker);
	if (pos == std::string::npos || pos == 0) {
		return false;
	}
	for (std::string::size_type char_idx = 0; char_idx < pos; char_idx++) {
		if (!std::isdigit(static_cast<unsigned char>(line[char_idx]))) {
			return false;
		}
	}
	auto hash = line.substr(pos + marker.size());
	return !hash.empty() && hash.find_first_not_of("0123456789abcdef") == std::string::npos;
}

bool IsResultFileLine(const std::string &line, std::string &path) {
	if (!StartsWith(line, FILE_PREFIX)) {
		return false;
	}
	path = line.substr(FILE_PREFIX.size());
	return true;
}

ResultComparator::ResultComparator(RunnerDatabase &runner_database_p) : runner_database(runner_database_p) {
}

bool ResultComparator::ParseExpectedRows(const std::vector<std::string> &lines, uint64_t column_count,
                                         uint64_t actual_row_count, std::vector<ResultRow> &rows, std::string &error) {
	rows.clear();
	if (column_count == 0) {
		error = "the result has no columns";
		return false;
	}
	bool row_wise = column_count == 1 || lines.size() == actual_row_count;
	if (!row_wise) {
		row_wise = !lines.empty() && std::all_of(lines.begin(), lines.end(), [](const std::string &line) {
			return line.find('\t') != std::string::npos;
		});
	}
	if (row_wise) {
		for (uint64_t line_idx = 0; line_idx < lines.size(); line_idx++) {
			auto values = SplitTabs(lines[line_idx]);
			if (values.size() != column_count) {
				error = "expected result line " + std::to_string(line_idx + 1) + " has " +
				        std::to_string(values.size()) + " tab-separated values but the result has " +
				        std::to_string(column_count) + " columns: '" + lines[line_idx] + "'";
				return false;
			}
			rows.push_back(std::move(values));
		}
		return true;
	}
	if (lines.size() % column_count != 0) {
		error = "the " + std::to_string(lines.size()) + " expected lines have no tabs and do not divide into rows of " +
		        std::to_string(column_count) + " values (one value per line)";
		return false;
	}
	for (uint64_t line_idx = 0; line_idx < lines.size(); line_idx += column_count) {
		rows.emplace_back(lines.begin() + line_idx, lines.begin() + line_idx + column_count);
	}
	return true;
}

bool ResultComparator::ValuesMatch(const std::string &actual, const std::string &expected,
                                   const duckdb::LogicalType &type, std::string &error) {
	if (actual == expected) {
		return true;
	}
	if (StartsWith(expected, REGEX_PREFIX) || StartsWith(expected, NOT_REGEX_PREFIX)) {
		bool want_match = StartsWith(expected, REGEX_PREFIX);
		auto pattern = expected.substr(want_match ? REGEX_PREFIX.size() : NOT_REGEX_PREFIX.size());
		bool matches = false;
		if (!runner_database.RegexFullMatch(actual, pattern, matches, error)) {
			return false;
		}
		return matches == want_match;
	}
	if (type.IsNumeric()) {
		duckdb::Value actual_value;
		duckdb::Value expected_value;
		if (!CastForComparison(actual, type, actual_value) || !CastForComparison(expected, type, expected_value)) {
			return false;
		}
		return duckdb::Value::DefaultValuesAreEqual(actual_value, expected_value);
	}
	if (type.id() == duckdb::LogicalTypeId::BOOLEAN) {
		bool actual_truth = false;
		bool expected_truth = false;
		return ParseTruth(actual, actual_truth) && ParseTruth(expected, expected_truth) &&
		       actual_truth == expected_truth;
	}
	return false;
}

bool ResultComparator::RowsMatch(const ResultTable &actual, const ResultRow &actual_row,
                                 const ResultRow &expected_row) {
	if (actual_row.size() != expected_row.size()) {
		return false;
	}
	for (uint64_t column_idx = 0; column_idx < actual_row.size(); column_idx++) {
		std::string ignored_error;
		if (!ValuesMatch(actual_row[column_idx], expected_row[column_idx], actual.types[column_idx], ignored_error)) {
			return false;
		}
	}
	return true;
}

bool ResultComparator::CompareRows(const ResultTable &actual, const std::vector<ResultRow> &expected,
                                   std::string &message) {
	std::string first_difference;
	if (actual.rows.size() != expected.size()) {
		first_difference = "expected " + std::to_string(expected.size()) + " rows but the query returned " +
		                   std::to_string(actual.rows.size());
	} else {
		for (uint64_t row_idx = 0; row_idx < expected.size() && first_difference.empty(); row_idx++) {
			for (uint64_t column_idx = 0; column_idx < actual.ColumnCount(); column_idx++) {
				auto &actual_value = actual.rows[row_idx][column_idx];
				auto &expected_value = expected[row_idx][column_idx];
				std::string regex_error;
				if (ValuesMatch(actual_value, expected_value, actual.types[column_idx], regex_error)) {
					continue;
				}
				if (!regex_error.empty()) {
					message = "row " + std::to_string(row_idx + 1) + ", column " + std::to_string(column_idx + 1) +
					          ": " + regex_error;
					return false;
				}
				first_difference = "row " + std::to_string(row_idx + 1) + ", column " + std::to_string(column_idx + 1) +
				                   " (" + actual.names[column_idx] + " " + actual.types[column_idx].ToString() +
				                   "): expected '" + expected_value + "' but got '" + actual_value + "'";
				break;
			}
		}
	}
	if (first_difference.empty()) {
		return true;
	}
	auto expected_texts = RowTexts(expected);
	auto actual_texts = RowTexts(actual.rows);
	auto rows_equal = [&](uint64_t expected_idx, uint64_t actual_idx) {
		return RowsMatch(actual, actual.rows[actual_idx], expected[expected_idx]);
	};
	message = first_difference + "\n" + "diff (- expected, + actual; " + std::to_string(expected.size()) +
	          " expected rows, " + std::to_string(actual.rows.size()) + " actual rows):\n" +
	          RenderRowDiff(expected_texts, actual_texts, rows_equal, "    ");
	return false;
}

bool ResultComparator::ErrorMatches(const std::string &message, const std::string &expected, std::string &error) {
	if (message.find(expected) != std::string::npos) {
		return true;
	}
	if (StartsWith(expected, REGEX_PREFIX) || StartsWith(expected, NOT_REGEX_PREFIX)) {
		bool want_match = StartsWith(expected, REGEX_PREFIX);
		auto pattern = expected.substr(want_match ? REGEX_PREFIX.size() : NOT_REGEX_PREFIX.size());
		bool matches = false;
		if (!runner_database.RegexFullMatch(message, pattern, matches, error)) {
			return false;
		}
		return matches == want_match;
	}
	return false;
}

} // namespace ducklake::sqllogic
