//===----------------------------------------------------------------------===//
// s3 checksums: the x-amz-checksum-* algorithms (CRC32, CRC32C, SHA1, SHA256)
//
// S3 carries an object checksum as base64 of the big-endian digest in the header
// `x-amz-checksum-<algorithm>` (or in an aws-chunked trailer of that name). ChecksumHasher computes
// one incrementally; the CRCs are table-driven here, the SHAs come from crypto_digest.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/crypto_digest.hpp"
#include "s3/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ducklake {
namespace s3 {

enum class ChecksumAlgorithm { CRC32, CRC32C, SHA1, SHA256 };

//! Parses an algorithm name as S3 spells it in x-amz-checksum-algorithm / x-amz-sdk-checksum-algorithm
//! ("CRC32", "crc32c", ...; case-insensitive). Fails naming the allowed set.
Result<ChecksumAlgorithm> ParseChecksumAlgorithm(std::string_view name);
//! "CRC32", "CRC32C", "SHA1", "SHA256".
const char *ChecksumAlgorithmName(ChecksumAlgorithm algorithm);
//! The header carrying the value, lower-case: "x-amz-checksum-crc32", ...
std::string ChecksumHeaderName(ChecksumAlgorithm algorithm);
//! When `header_name` (any case) is an x-amz-checksum-<algorithm> header, that algorithm.
std::optional<ChecksumAlgorithm> ChecksumAlgorithmOfHeader(std::string_view header_name);

//! Raw CRC update functions, exposed for tests: start from 0, feed pieces, the result is the CRC.
uint32_t Crc32Update(uint32_t crc, std::string_view data);
uint32_t Crc32cUpdate(uint32_t crc, std::string_view data);

//! Incremental checksum; FinishBase64() gives the header value. Not thread-safe.
class ChecksumHasher {
public:
	explicit ChecksumHasher(ChecksumAlgorithm algorithm);
	ChecksumAlgorithm Algorithm() const {
		return algorithm;
	}
	void Update(std::string_view data);
	//! base64 of the digest; call once.
	std::string FinishBase64();

private:
	ChecksumAlgorithm algorithm;
	uint32_t crc = 0;
	std::optional<DigestHasher> digest;
};

} // namespace s3
} // namespace ducklake
