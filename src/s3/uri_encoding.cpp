#include "s3/uri_encoding.hpp"

namespace ducklake {
namespace s3 {

static bool IsUnreserved(unsigned char c) {
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
	       c == '_' || c == '~';
}

std::string UriEncode(std::string_view text, bool encode_slash) {
	static const char HEX_UPPER[] = "0123456789ABCDEF";
	std::string out;
	out.reserve(text.size() * 3 / 2);
	for (unsigned char c : text) {
		if (IsUnreserved(c) || (c == '/' && !encode_slash)) {
			out.push_back(static_cast<char>(c));
		} else {
			out.push_back('%');
			out.push_back(HEX_UPPER[c >> 4]);
			out.push_back(HEX_UPPER[c & 0x0f]);
		}
	}
	return out;
}

static int HexDigitValue(char c) {
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

Result<std::string> UriDecode(std::string_view text, bool plus_is_space) {
	std::string out;
	out.reserve(text.size());
	for (size_t char_idx = 0; char_idx < text.size(); char_idx++) {
		char c = text[char_idx];
		if (c == '%') {
			if (char_idx + 2 >= text.size()) {
				return Result<std::string>::Failure("truncated percent-escape at offset " + std::to_string(char_idx) +
				                                    " in '" + std::string(text) +
				                                    "'; expected %XY with two hex digits");
			}
			int high = HexDigitValue(text[char_idx + 1]);
			int low = HexDigitValue(text[char_idx + 2]);
			if (high < 0 || low < 0) {
				return Result<std::string>::Failure("invalid percent-escape at offset " + std::to_string(char_idx) +
				                                    " in '" + std::string(text) +
				                                    "'; expected %XY with two hex digits");
			}
			out.push_back(static_cast<char>((high << 4) | low));
			char_idx += 2;
		} else if (c == '+' && plus_is_space) {
			out.push_back(' ');
		} else {
			out.push_back(c);
		}
	}
	return Result<std::string>::Success(std::move(out));
}

Result<std::vector<QueryParameter>> ParseQueryString(std::string_view raw_query) {
	std::vector<QueryParameter> parameters;
	size_t position = 0;
	while (position <= raw_query.size()) {
		size_t end = raw_query.find('&', position);
		if (end == std::string_view::npos) {
			end = raw_query.size();
		}
		std::string_view piece = raw_query.substr(position, end - position);
		position = end + 1;
		if (piece.empty()) {
			continue;
		}
		size_t equals = piece.find('=');
		std::string_view raw_name = piece.substr(0, equals);
		std::string_view raw_value = equals == std::string_view::npos ? std::string_view() : piece.substr(equals + 1);
		auto name = UriDecode(raw_name, true);
		if (!name.Ok()) {
			return Result<std::vector<QueryParameter>>::Failure("query parameter name: " + name.Error());
		}
		auto value = UriDecode(raw_value, true);
		if (!value.Ok()) {
			return Result<std::vector<QueryParameter>>::Failure("query parameter '" + name.Value() +
			                                                    "': " + value.Error());
		}
		parameters.push_back(QueryParameter {std::move(name.Value()), std::move(value.Value())});
	}
	return Result<std::vector<QueryParameter>>::Success(std::move(parameters));
}

} // namespace s3
} // namespace ducklake
