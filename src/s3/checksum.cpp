#include "s3/checksum.hpp"

#include "s3/byte_encoding.hpp"

#include <array>
#include <cctype>

namespace ducklake {
namespace s3 {

static std::array<uint32_t, 256> MakeCrcTable(uint32_t reflected_polynomial) {
	std::array<uint32_t, 256> table {};
	for (uint32_t byte_value = 0; byte_value < 256; byte_value++) {
		uint32_t crc = byte_value;
		for (int bit_idx = 0; bit_idx < 8; bit_idx++) {
			crc = (crc & 1) ? (crc >> 1) ^ reflected_polynomial : crc >> 1;
		}
		table[byte_value] = crc;
	}
	return table;
}

static uint32_t CrcUpdate(const std::array<uint32_t, 256> &table, uint32_t crc, std::string_view data) {
	crc = ~crc;
	for (unsigned char byte : data) {
		crc = table[(crc ^ byte) & 0xff] ^ (crc >> 8);
	}
	return ~crc;
}

uint32_t Crc32Update(uint32_t crc, std::string_view data) {
	static const std::array<uint32_t, 256> table = MakeCrcTable(0xEDB88320u);
	return CrcUpdate(table, crc, data);
}

uint32_t Crc32cUpdate(uint32_t crc, std::string_view data) {
	static const std::array<uint32_t, 256> table = MakeCrcTable(0x82F63B78u);
	return CrcUpdate(table, crc, data);
}

static std::string Upper(std::string_view text) {
	std::string out(text);
	for (auto &c : out) {
		c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
	}
	return out;
}

Result<ChecksumAlgorithm> ParseChecksumAlgorithm(std::string_view name) {
	std::string upper = Upper(name);
	if (upper == "CRC32") {
		return Result<ChecksumAlgorithm>::Success(ChecksumAlgorithm::CRC32);
	}
	if (upper == "CRC32C") {
		return Result<ChecksumAlgorithm>::Success(ChecksumAlgorithm::CRC32C);
	}
	if (upper == "SHA1") {
		return Result<ChecksumAlgorithm>::Success(ChecksumAlgorithm::SHA1);
	}
	if (upper == "SHA256") {
		return Result<ChecksumAlgorithm>::Success(ChecksumAlgorithm::SHA256);
	}
	return Result<ChecksumAlgorithm>::Failure("unsupported checksum algorithm '" + std::string(name) +
	                                          "'; allowed are CRC32, CRC32C, SHA1, SHA256");
}

const char *ChecksumAlgorithmName(ChecksumAlgorithm algorithm) {
	switch (algorithm) {
	case ChecksumAlgorithm::CRC32:
		return "CRC32";
	case ChecksumAlgorithm::CRC32C:
		return "CRC32C";
	case ChecksumAlgorithm::SHA1:
		return "SHA1";
	case ChecksumAlgorithm::SHA256:
	default:
		return "SHA256";
	}
}

std::string ChecksumHeaderName(ChecksumAlgorithm algorithm) {
	std::string name = "x-amz-checksum-";
	for (const char *c = ChecksumAlgorithmName(algorithm); *c; c++) {
		name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(*c))));
	}
	return name;
}

std::optional<ChecksumAlgorithm> ChecksumAlgorithmOfHeader(std::string_view header_name) {
	static constexpr std::string_view PREFIX = "x-amz-checksum-";
	if (header_name.size() <= PREFIX.size()) {
		return std::nullopt;
	}
	std::string prefix = Upper(header_name.substr(0, PREFIX.size()));
	if (prefix != "X-AMZ-CHECKSUM-") {
		return std::nullopt;
	}
	auto parsed = ParseChecksumAlgorithm(header_name.substr(PREFIX.size()));
	if (!parsed.Ok()) {
		return std::nullopt;
	}
	return parsed.Value();
}

ChecksumHasher::ChecksumHasher(ChecksumAlgorithm algorithm_p) : algorithm(algorithm_p) {
	if (algorithm == ChecksumAlgorithm::SHA1) {
		digest.emplace(DigestAlgorithm::SHA1);
	} else if (algorithm == ChecksumAlgorithm::SHA256) {
		digest.emplace(DigestAlgorithm::SHA256);
	}
}

void ChecksumHasher::Update(std::string_view data) {
	switch (algorithm) {
	case ChecksumAlgorithm::CRC32:
		crc = Crc32Update(crc, data);
		break;
	case ChecksumAlgorithm::CRC32C:
		crc = Crc32cUpdate(crc, data);
		break;
	default:
		digest->Update(data);
		break;
	}
}

std::string ChecksumHasher::FinishBase64() {
	if (digest) {
		return Base64Encode(digest->Finish());
	}
	char big_endian[4] = {static_cast<char>(crc >> 24), static_cast<char>(crc >> 16), static_cast<char>(crc >> 8),
	                      static_cast<char>(crc)};
	return Base64Encode(std::string_view(big_endian, 4));
}

} // namespace s3
} // namespace ducklake
