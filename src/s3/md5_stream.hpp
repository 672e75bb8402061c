//===----------------------------------------------------------------------===//
// s3 Md5Stream: a single-stream MD5 scheduled for a short dependency chain
//
// MD5 is one chain of 64 steps per 64-byte block, so one stream cannot be spread over cores: its speed
// is the latency of a step, b + ((a + message + constant + f(b, c, d)) <<< s), counted from the newest
// word b. Everything that does not need b is computed before b is known: a + message + constant,
// c ^ d for F and H, ~d for I, and for G the half c & ~d, since G = (b & d) | (c & ~d) has disjoint
// halves that can be added one at a time. The chain is then 5 single-cycle operations for F and I and 4
// for G and H, 288 cycles a block. OpenSSL's x86-64 assembly (3.0) evaluates G as an OR of both
// halves, 5 operations: 304 cycles.
//
// DigestHasher (crypto_digest.hpp) uses this for MD5 where Md5Stream::Preferred() says so (x86-64,
// where bench/s3d/md5_bench measured it faster) and OpenSSL otherwise. Nothing here allocates or fails.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ducklake {
namespace s3 {

class Md5Stream {
public:
	//! True where this implementation was measured faster than OpenSSL's (x86-64).
	static constexpr bool Preferred() {
#if defined(__x86_64__) || defined(_M_X64)
		return true;
#else
		return false;
#endif
	}

	Md5Stream();
	void Update(std::string_view data);
	//! The raw 16-byte digest of everything passed to Update(). Call once.
	std::string Finish();

private:
	uint32_t state[4];
	uint64_t total_bytes = 0;
	unsigned char pending[64];
	size_t pending_bytes = 0;
};

} // namespace s3
} // namespace ducklake
