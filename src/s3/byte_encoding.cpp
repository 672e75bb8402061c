#include "s3/byte_encoding.hpp"

#include <cstdint>

namespace ducklake {
namespace s3 {

static const char HEX_DIGITS[] = "0123456789abcdef";
static const char BASE64_ALPHABET[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string HexEncode(std::string_view bytes) {
	std::string out;
	out.reserve(bytes.size() * 2);
	for (unsigned char byte : bytes) {
		out.push_back(HEX_DIGITS[byte >> 4]);
		out.push_back(HEX_DIGITS[byte & 0x0f]);
	}
	return out;
}

static int HexValue(char c) {
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

Result<std::string> HexDecode(std::string_view hex) {
	if (hex.size() % 2 != 0) {
		return Result<std::string>::Failure("hex string has odd length " + std::to_string(hex.size()) +
		                                    "; expected pairs of hex digits");
	}
	std::string out;
	out.reserve(hex.size() / 2);
	for (size_t char_idx = 0; char_idx < hex.size(); char_idx += 2) {
		int high = HexValue(hex[char_idx]);
		int low = HexValue(hex[char_idx + 1]);
		if (high < 0 || low < 0) {
			return Result<std::string>::Failure("invalid hex digit at offset " + std::to_string(char_idx) +
			                                    "; allowed are 0-9, a-f, A-F");
		}
		out.push_back(static_cast<char>((high << 4) | low));
	}
	return Result<std::string>::Success(std::move(out));
}

std::string Base64Encode(std::string_view bytes) {
	std::string out;
	out.reserve((bytes.size() + 2) / 3 * 4);
	size_t byte_idx = 0;
	for (; byte_idx + 3 <= bytes.size(); byte_idx += 3) {
		uint32_t group = (uint32_t(uint8_t(bytes[byte_idx])) << 16) | (uint32_t(uint8_t(bytes[byte_idx + 1])) << 8) |
		                 uint32_t(uint8_t(bytes[byte_idx + 2]));
		out.push_back(BASE64_ALPHABET[(group >> 18) & 63]);
		out.push_back(BASE64_ALPHABET[(group >> 12) & 63]);
		out.push_back(BASE64_ALPHABET[(group >> 6) & 63]);
		out.push_back(BASE64_ALPHABET[group & 63]);
	}
	size_t rest = bytes.size() - byte_idx;
	if (rest == 1) {
		uint32_t group = uint32_t(uint8_t(bytes[byte_idx])) << 16;
		out.push_back(BASE64_ALPHABET[(group >> 18) & 63]);
		out.push_back(BASE64_ALPHABET[(group >> 12) & 63]);
		out += "==";
	} else if (rest == 2) {
		uint32_t group = (uint32_t(uint8_t(bytes[byte_idx])) << 16) | (uint32_t(uint8_t(bytes[byte_idx + 1])) << 8);
		out.push_back(BASE64_ALPHABET[(group >> 18) & 63]);
		out.push_back(BASE64_ALPHABET[(group >> 12) & 63]);
		out.push_back(BASE64_ALPHABET[(group >> 6) & 63]);
		out.push_back('=');
	}
	return out;
}

static int Base64Value(char c) {
	if (c >= 'A' && c <= 'Z') {
		return c - 'A';
	}
	if (c >= 'a' && c <= 'z') {
		return c - 'a' + 26;
	}
	if (c >= '0' && c <= '9') {
		return c - '0' + 52;
	}
	if (c == '+') {
		return 62;
	}
	if (c == '/') {
		return 63;
	}
	return -1;
}

Result<std::string> Base64Decode(std::string_view text) {
	if (text.size() % 4 != 0) {
		return Result<std::string>::Failure("base64 text has length " + std::to_string(text.size()) +
		                                    "; expected a multiple of 4 with '=' padding");
	}
	std::string out;
	out.reserve(text.size() / 4 * 3);
	for (size_t group_idx = 0; group_idx < text.size(); group_idx += 4) {
		bool last_group = group_idx + 4 == text.size();
		int values[4];
		int padding = 0;
		for (size_t char_idx = 0; char_idx < 4; char_idx++) {
			char c = text[group_idx + char_idx];
			if (c == '=' && last_group && char_idx >= 2) {
				padding++;
				values[char_idx] = 0;
				continue;
			}
			values[char_idx] = padding > 0 ? -1 : Base64Value(c);
			if (values[char_idx] < 0) {
				return Result<std::string>::Failure("invalid base64 character at offset " +
				                                    std::to_string(group_idx + char_idx) +
				                                    "; allowed are A-Z a-z 0-9 + / and trailing '='");
			}
		}
		uint32_t group = (uint32_t(values[0]) << 18) | (uint32_t(values[1]) << 12) | (uint32_t(values[2]) << 6) |
		                 uint32_t(values[3]);
		out.push_back(static_cast<char>((group >> 16) & 0xff));
		if (padding < 2) {
			out.push_back(static_cast<char>((group >> 8) & 0xff));
		}
		if (padding < 1) {
			out.push_back(static_cast<char>(group & 0xff));
		}
	}
	return Result<std::string>::Success(std::move(out));
}

} // namespace s3
} // namespace ducklake
