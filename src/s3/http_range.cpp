#include "s3/http_range.hpp"

#include <optional>

namespace ducklake {
namespace s3 {

static std::string_view Trim(std::string_view text) {
	while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
		text.remove_prefix(1);
	}
	while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
		text.remove_suffix(1);
	}
	return text;
}

//! A non-negative decimal without sign; nullopt on empty, non-digit or overflow past 2^63.
static std::optional<uint64_t> ParseDecimal(std::string_view text) {
	static constexpr size_t DIGITS_MAX = 19;
	if (text.empty() || text.size() > DIGITS_MAX) {
		return std::nullopt;
	}
	uint64_t value = 0;
	for (char c : text) {
		if (c < '0' || c > '9') {
			return std::nullopt;
		}
		value = value * 10 + uint64_t(c - '0');
	}
	return value;
}

ResolvedRange ResolveRange(std::string_view header_value, uint64_t object_size) {
	ResolvedRange whole;
	header_value = Trim(header_value);
	static constexpr std::string_view UNIT = "bytes=";
	if (header_value.size() > RANGE_HEADER_BYTES_MAX || header_value.substr(0, UNIT.size()) != UNIT) {
		return whole;
	}
	std::string_view spec = Trim(header_value.substr(UNIT.size()));
	if (spec.find(',') != std::string_view::npos) {
		return whole;
	}
	size_t dash = spec.find('-');
	if (dash == std::string_view::npos) {
		return whole;
	}
	std::string_view first = Trim(spec.substr(0, dash));
	std::string_view last = Trim(spec.substr(dash + 1));
	ResolvedRange unsatisfiable;
	unsatisfiable.kind = RangeKind::UNSATISFIABLE;
	ResolvedRange partial;
	partial.kind = RangeKind::PARTIAL;
	if (first.empty()) {
		auto suffix_length = ParseDecimal(last);
		if (!suffix_length) {
			return whole;
		}
		if (*suffix_length == 0 || object_size == 0) {
			return unsatisfiable;
		}
		partial.length = std::min(*suffix_length, object_size);
		partial.start = object_size - partial.length;
		return partial;
	}
	auto start = ParseDecimal(first);
	if (!start) {
		return whole;
	}
	std::optional<uint64_t> end;
	if (!last.empty()) {
		end = ParseDecimal(last);
		if (!end || *end < *start) {
			return whole;
		}
	}
	if (*start >= object_size) {
		return unsatisfiable;
	}
	uint64_t end_inclusive = end ? std::min(*end, object_size - 1) : object_size - 1;
	partial.start = *start;
	partial.length = end_inclusive - *start + 1;
	return partial;
}

std::string ContentRangeValue(const ResolvedRange &range, uint64_t object_size) {
	if (range.kind != RangeKind::PARTIAL) {
		return "bytes */" + std::to_string(object_size);
	}
	return "bytes " + std::to_string(range.start) + "-" + std::to_string(range.start + range.length - 1) + "/" +
	       std::to_string(object_size);
}

std::string FormatRangeHeader(uint64_t start, uint64_t length) {
	return "bytes=" + std::to_string(start) + "-" + std::to_string(start + length - 1);
}

} // namespace s3
} // namespace ducklake
