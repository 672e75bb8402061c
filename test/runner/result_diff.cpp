#include "result_diff.hpp"

#include <algorithm>

namespace ducklake::sqllogic {

namespace {

//! The LCS table has expected x actual cells; above this the diff falls back to two lists.
constexpr uint64_t DIFF_CELLS_MAX = 250000;
//! Lines of diff output shown before the rest is summarised.
constexpr uint64_t DIFF_LINES_MAX = 200;

struct DiffLine {
	char marker; // ' ', '-' or '+'
	const std::string *text;
};

std::string RenderLines(const std::vector<DiffLine> &lines, const std::string &indent) {
	std::string output;
	uint64_t shown = 0;
	for (auto &line : lines) {
		if (shown == DIFF_LINES_MAX) {
			output += indent + "... (" + std::to_string(lines.size() - shown) + " more lines)\n";
			break;
		}
		output += indent;
		output += line.marker;
		output += ' ';
		output += *line.text;
		output += '\n';
		shown++;
	}
	return output;
}

} // namespace

std::string RenderRowDiff(const std::vector<std::string> &expected, const std::vector<std::string> &actual,
                          const std::function<bool(uint64_t, uint64_t)> &rows_equal, const std::string &indent) {
	std::vector<DiffLine> lines;
	// Common prefix and suffix first: most mismatches differ in a few rows.
	uint64_t prefix = 0;
	while (prefix < expected.size() && prefix < actual.size() && rows_equal(prefix, prefix)) {
		prefix++;
	}
	uint64_t suffix = 0;
	while (suffix < expected.size() - prefix && suffix < actual.size() - prefix &&
	       rows_equal(expected.size() - 1 - suffix, actual.size() - 1 - suffix)) {
		suffix++;
	}
	for (uint64_t row_idx = 0; row_idx < prefix; row_idx++) {
		lines.push_back(DiffLine {' ', &actual[row_idx]});
	}
	uint64_t expected_count = expected.size() - prefix - suffix;
	uint64_t actual_count = actual.size() - prefix - suffix;
	if (expected_count * actual_count <= DIFF_CELLS_MAX) {
		// lcs[e][a]: length of the longest common subsequence of the middle parts from e and a on.
		std::vector<std::vector<uint32_t>> lcs(expected_count + 1, std::vector<uint32_t>(actual_count + 1, 0));
		for (uint64_t e = expected_count; e-- > 0;) {
			for (uint64_t a = actual_count; a-- > 0;) {
				if (rows_equal(prefix + e, prefix + a)) {
					lcs[e][a] = lcs[e + 1][a + 1] + 1;
				} else {
					lcs[e][a] = std::max(lcs[e + 1][a], lcs[e][a + 1]);
				}
			}
		}
		uint64_t e = 0;
		uint64_t a = 0;
		while (e < expected_count || a < actual_count) {
			if (e < expected_count && a < actual_count && rows_equal(prefix + e, prefix + a)) {
				lines.push_back(DiffLine {' ', &actual[prefix + a]});
				e++;
				a++;
			} else if (e < expected_count && (a == actual_count || lcs[e + 1][a] >= lcs[e][a + 1])) {
				lines.push_back(DiffLine {'-', &expected[prefix + e]});
				e++;
			} else {
				lines.push_back(DiffLine {'+', &actual[prefix + a]});
				a++;
			}
		}
	} else {
		for (uint64_t e = 0; e < expected_count; e++) {
			lines.push_back(DiffLine {'-', &expected[prefix + e]});
		}
		for (uint64_t a = 0; a < actual_count; a++) {
			lines.push_back(DiffLine {'+', &actual[prefix + a]});
		}
	}
	for (uint64_t row_idx = actual.size() - suffix; row_idx < actual.size(); row_idx++) {
		lines.push_back(DiffLine {' ', &actual[row_idx]});
	}
	return RenderLines(lines, indent);
}

std::string RenderRowList(const std::vector<std::string> &rows, const std::string &indent) {
	std::vector<DiffLine> lines;
	for (auto &row : rows) {
		lines.push_back(DiffLine {' ', &row});
	}
	return RenderLines(lines, indent);
}

} // namespace ducklake::sqllogic
