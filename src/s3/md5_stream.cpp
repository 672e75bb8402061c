#include "s3/md5_stream.hpp"

#include <algorithm>
#include <cstring>

namespace ducklake {
namespace s3 {

namespace {

constexpr uint32_t INITIAL_STATE[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};

// RFC 1321's T[i] = floor(2^32 * |sin(i + 1)|), in step order.
constexpr uint32_t SINE_CONSTANTS[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};

// The message word each step reads: round 1 takes them in order, round 2 from 1 in steps of 5,
// round 3 from 5 in steps of 3, round 4 from 0 in steps of 7 (all modulo 16).
constexpr int MESSAGE_ORDER[64] = {0, 1, 2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, //
                                   1, 6, 11, 0,  5,  10, 15, 4,  9,  14, 3,  8,  13, 2,  7,  12, //
                                   5, 8, 11, 14, 1,  4,  7,  10, 13, 0,  3,  6,  9,  12, 15, 2,  //
                                   0, 7, 14, 5,  12, 3,  10, 1,  8,  15, 6,  13, 4,  11, 2,  9};

enum class RoundFunction { F, G, H, I };

// Pins a value in a register as computed: the compiler may otherwise reassociate the sums (integer
// addition is associative) and put the early terms back on the chain behind b.
#if defined(__GNUC__) || defined(__clang__)
#define MD5_KEEP(value) __asm__("" : "+r"(value))
#else
#define MD5_KEEP(value) (void)(value)
#endif

inline uint32_t RotateLeft(uint32_t value, int shift) {
	return (value << shift) | (value >> (32 - shift));
}

inline uint32_t LoadLittleEndian32(const unsigned char *bytes) {
	return static_cast<uint32_t>(bytes[0]) | static_cast<uint32_t>(bytes[1]) << 8 |
	       static_cast<uint32_t>(bytes[2]) << 16 | static_cast<uint32_t>(bytes[3]) << 24;
}

// One step: b + ((a + M[k] + T[i] + f(b, c, d)) <<< shift), with everything not needing b first.
template <RoundFunction function, int step, int shift>
inline uint32_t Step(uint32_t a, uint32_t b, uint32_t c, uint32_t d, const uint32_t *message) {
	uint32_t early = a + message[MESSAGE_ORDER[step]] + SINE_CONSTANTS[step];
	uint32_t late;
	if (function == RoundFunction::F) {
		// (b & c) | (~b & d) == ((c ^ d) & b) ^ d
		uint32_t c_xor_d = c ^ d;
		MD5_KEEP(c_xor_d);
		late = (c_xor_d & b) ^ d;
	} else if (function == RoundFunction::G) {
		// (b & d) | (c & ~d): the halves share no bit, so the OR is a sum and c & ~d goes in early.
		early += c & ~d;
		late = b & d;
	} else if (function == RoundFunction::H) {
		uint32_t c_xor_d = c ^ d;
		MD5_KEEP(c_xor_d);
		late = c_xor_d ^ b;
	} else {
		uint32_t not_d = ~d;
		MD5_KEEP(not_d);
		late = (b | not_d) ^ c;
	}
	MD5_KEEP(early);
	return b + RotateLeft(early + late, shift);
}

// Four steps of one round from step `first`; the state names rotate as RFC 1321 writes them.
#define MD5_FOUR_STEPS(function, s0, s1, s2, s3, first)                                                                \
	a = Step<function, (first), s0>(a, b, c, d, message);                                                              \
	d = Step<function, (first) + 1, s1>(d, a, b, c, message);                                                          \
	c = Step<function, (first) + 2, s2>(c, d, a, b, message);                                                          \
	b = Step<function, (first) + 3, s3>(b, c, d, a, message)

#define MD5_ROUND(function, s0, s1, s2, s3, first)                                                                     \
	MD5_FOUR_STEPS(function, s0, s1, s2, s3, (first));                                                                 \
	MD5_FOUR_STEPS(function, s0, s1, s2, s3, (first) + 4);                                                             \
	MD5_FOUR_STEPS(function, s0, s1, s2, s3, (first) + 8);                                                             \
	MD5_FOUR_STEPS(function, s0, s1, s2, s3, (first) + 12)

void ProcessBlocks(uint32_t state[4], const unsigned char *data, size_t blocks) {
	uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
	for (size_t block_idx = 0; block_idx < blocks; block_idx++, data += 64) {
		uint32_t message[16];
		for (int word_idx = 0; word_idx < 16; word_idx++) {
			message[word_idx] = LoadLittleEndian32(data + 4 * word_idx);
		}
		uint32_t a_before = a, b_before = b, c_before = c, d_before = d;
		MD5_ROUND(RoundFunction::F, 7, 12, 17, 22, 0);
		MD5_ROUND(RoundFunction::G, 5, 9, 14, 20, 16);
		MD5_ROUND(RoundFunction::H, 4, 11, 16, 23, 32);
		MD5_ROUND(RoundFunction::I, 6, 10, 15, 21, 48);
		a += a_before;
		b += b_before;
		c += c_before;
		d += d_before;
	}
	state[0] = a;
	state[1] = b;
	state[2] = c;
	state[3] = d;
}

#undef MD5_ROUND
#undef MD5_FOUR_STEPS
#undef MD5_KEEP

} // namespace

Md5Stream::Md5Stream() {
	std::memcpy(state, INITIAL_STATE, sizeof(state));
}

void Md5Stream::Update(std::string_view data) {
	auto bytes = reinterpret_cast<const unsigned char *>(data.data());
	size_t size = data.size();
	total_bytes += size;
	if (pending_bytes > 0) {
		size_t taken = std::min(size, sizeof(pending) - pending_bytes);
		std::memcpy(pending + pending_bytes, bytes, taken);
		pending_bytes += taken;
		bytes += taken;
		size -= taken;
		if (pending_bytes < sizeof(pending)) {
			return;
		}
		ProcessBlocks(state, pending, 1);
		pending_bytes = 0;
	}
	size_t whole_blocks = size / 64;
	ProcessBlocks(state, bytes, whole_blocks);
	pending_bytes = size - 64 * whole_blocks;
	if (pending_bytes > 0) {
		std::memcpy(pending, bytes + 64 * whole_blocks, pending_bytes);
	}
}

std::string Md5Stream::Finish() {
	// RFC 1321 padding: 0x80, zeros up to 56 bytes modulo 64, then the length in bits, little-endian.
	unsigned char tail[128] = {};
	std::memcpy(tail, pending, pending_bytes);
	tail[pending_bytes] = 0x80;
	size_t tail_bytes = pending_bytes < 56 ? 64 : 128;
	uint64_t total_bits = total_bytes * 8;
	for (int byte_idx = 0; byte_idx < 8; byte_idx++) {
		tail[tail_bytes - 8 + byte_idx] = static_cast<unsigned char>(total_bits >> (8 * byte_idx));
	}
	ProcessBlocks(state, tail, tail_bytes / 64);
	std::string digest(16, '\0');
	for (int byte_idx = 0; byte_idx < 16; byte_idx++) {
		digest[byte_idx] = static_cast<char>(state[byte_idx / 4] >> (8 * (byte_idx % 4)));
	}
	return digest;
}

} // namespace s3
} // namespace ducklake
