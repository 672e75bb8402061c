#include "s3fs/glob_matcher.hpp"

#include <vector>

namespace ducklake {

namespace {

//! Matches one [...] set at pattern[pattern_idx]; returns the index after ']' or npos when the set
//! is unterminated (then '[' is a literal).
size_t MatchSet(const std::string &pattern, size_t pattern_idx, char c, bool &matched) {
	size_t idx = pattern_idx + 1;
	bool negate = idx < pattern.size() && (pattern[idx] == '!' || pattern[idx] == '^');
	if (negate) {
		idx++;
	}
	bool found = false;
	bool first = true;
	while (idx < pattern.size() && (pattern[idx] != ']' || first)) {
		first = false;
		if (idx + 2 < pattern.size() && pattern[idx + 1] == '-' && pattern[idx + 2] != ']') {
			if (c >= pattern[idx] && c <= pattern[idx + 2]) {
				found = true;
			}
			idx += 3;
		} else {
			if (c == pattern[idx]) {
				found = true;
			}
			idx++;
		}
	}
	if (idx >= pattern.size()) {
		return std::string::npos;
	}
	matched = (found != negate) && c != '/';
	return idx + 1;
}

bool IsDoubleStarSegment(const std::string &pattern, size_t idx) {
	return pattern.compare(idx, 2, "**") == 0 && (idx == 0 || pattern[idx - 1] == '/') &&
	       (idx + 2 == pattern.size() || pattern[idx + 2] == '/');
}

bool MatchFrom(const std::string &pattern, size_t pattern_idx, const std::string &key, size_t key_idx,
               uint64_t &steps_left) {
	while (pattern_idx < pattern.size()) {
		if (steps_left-- == 0) {
			return false;
		}
		if (IsDoubleStarSegment(pattern, pattern_idx)) {
			// "**/" may match zero segments, or swallow segments one at a time.
			auto rest = pattern_idx + 2 == pattern.size() ? pattern.size() : pattern_idx + 3;
			if (rest == pattern.size()) {
				return true;
			}
			for (size_t start = key_idx; start <= key.size(); start++) {
				if ((start == key_idx || key[start - 1] == '/') && MatchFrom(pattern, rest, key, start, steps_left)) {
					return true;
				}
				if (steps_left == 0) {
					return false;
				}
			}
			return false;
		}
		char p = pattern[pattern_idx];
		if (p == '*') {
			auto rest = pattern_idx + 1;
			for (size_t end = key_idx; end <= key.size(); end++) {
				if (MatchFrom(pattern, rest, key, end, steps_left)) {
					return true;
				}
				if (end < key.size() && key[end] == '/') {
					return false;
				}
				if (steps_left == 0) {
					return false;
				}
			}
			return false;
		}
		if (key_idx >= key.size()) {
			return false;
		}
		if (p == '?') {
			if (key[key_idx] == '/') {
				return false;
			}
			pattern_idx++;
			key_idx++;
			continue;
		}
		if (p == '[') {
			bool matched = false;
			auto after = MatchSet(pattern, pattern_idx, key[key_idx], matched);
			if (after != std::string::npos) {
				if (!matched) {
					return false;
				}
				pattern_idx = after;
				key_idx++;
				continue;
			}
		}
		if (p != key[key_idx]) {
			return false;
		}
		pattern_idx++;
		key_idx++;
	}
	return key_idx == key.size();
}

} // namespace

bool HasGlobCharacters(const std::string &text) {
	return text.find_first_of("*?[") != std::string::npos;
}

std::string GlobLiteralPrefix(const std::string &pattern) {
	auto first = pattern.find_first_of("*?[");
	return first == std::string::npos ? pattern : pattern.substr(0, first);
}

bool GlobMatch(const std::string &pattern, const std::string &key) {
	// Bounds the work of pathological patterns such as "*a*a*a*a*b" against long keys.
	uint64_t steps_left = 1000000;
	return MatchFrom(pattern, 0, key, 0, steps_left);
}

} // namespace ducklake
