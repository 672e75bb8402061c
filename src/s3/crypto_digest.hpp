//===----------------------------------------------------------------------===//
// s3 crypto digests: SHA-256, SHA-1, MD5 and HMAC-SHA256 over OpenSSL
//
// MD5 (the ETag of every upload, one stream per body) runs on Md5Stream where that is faster than
// OpenSSL's (md5_stream.hpp); the digests are the same.
//
// One-shot functions return the raw digest bytes (wrap them in HexEncode or Base64Encode for the
// wire). DigestHasher hashes a stream incrementally, so a server can hash an upload as it arrives
// without holding it in memory. These are pure computations: they never fail for valid input, and
// an OpenSSL allocation failure (out of memory) throws std::bad_alloc.
//===----------------------------------------------------------------------===//
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace ducklake {
namespace s3 {

enum class DigestAlgorithm { SHA256, SHA1, MD5 };

//! SHA-256 of the empty string, hex: the payload hash of every body-less signed request.
constexpr const char *EMPTY_SHA256_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

std::string Sha256(std::string_view data);
//! Lower-case hex SHA-256, the form SigV4 uses for payload and canonical request hashes.
std::string Sha256Hex(std::string_view data);
std::string Sha1(std::string_view data);
std::string Md5(std::string_view data);
//! HMAC-SHA256 of data under key; both are raw bytes, the result is the raw 32-byte MAC.
std::string HmacSha256(std::string_view key, std::string_view data);

//! Incremental hash. Not thread-safe; one instance per stream. Finish() may be called once.
class DigestHasher {
public:
	explicit DigestHasher(DigestAlgorithm algorithm);
	~DigestHasher();
	DigestHasher(const DigestHasher &) = delete;
	DigestHasher &operator=(const DigestHasher &) = delete;
	DigestHasher(DigestHasher &&other) noexcept;
	DigestHasher &operator=(DigestHasher &&other) noexcept;

	void Update(std::string_view data);
	//! The raw digest of everything passed to Update().
	std::string Finish();

private:
	struct State;
	std::unique_ptr<State> state;
};

} // namespace s3
} // namespace ducklake
