// Checksums and digests against well-known check values.
#include "s3/checksum.hpp"

#include "s3/byte_encoding.hpp"
#include "s3/crypto_digest.hpp"

#include <gtest/gtest.h>

using namespace ducklake::s3;

TEST(Checksum, CrcCheckValuesOf123456789) {
	// The standard CRC catalogue "check" values for the ASCII string "123456789".
	EXPECT_EQ(Crc32Update(0, "123456789"), 0xCBF43926u);
	EXPECT_EQ(Crc32cUpdate(0, "123456789"), 0xE3069283u);
}

TEST(Checksum, CrcIsIncremental) {
	EXPECT_EQ(Crc32Update(Crc32Update(0, "12345"), "6789"), 0xCBF43926u);
	EXPECT_EQ(Crc32cUpdate(Crc32cUpdate(0, "1"), "23456789"), 0xE3069283u);
}

TEST(Checksum, HeaderValuesAreBase64OfBigEndianDigest) {
	ChecksumHasher crc32(ChecksumAlgorithm::CRC32);
	crc32.Update("123456789");
	EXPECT_EQ(crc32.FinishBase64(), Base64Encode(std::string("\xCB\xF4\x39\x26", 4)));
	ChecksumHasher sha256(ChecksumAlgorithm::SHA256);
	sha256.Update("");
	EXPECT_EQ(sha256.FinishBase64(), Base64Encode(Sha256("")));
}

TEST(Checksum, AlgorithmNamesAndHeaders) {
	EXPECT_EQ(ChecksumHeaderName(ChecksumAlgorithm::CRC32C), "x-amz-checksum-crc32c");
	EXPECT_EQ(ChecksumAlgorithmOfHeader("X-Amz-Checksum-SHA1"), ChecksumAlgorithm::SHA1);
	EXPECT_FALSE(ChecksumAlgorithmOfHeader("x-amz-checksum-algorithm").has_value());
	EXPECT_FALSE(ChecksumAlgorithmOfHeader("x-amz-checksum-").has_value());
	auto bad = ParseChecksumAlgorithm("md5");
	EXPECT_FALSE(bad.Ok());
	EXPECT_NE(bad.Error().find("allowed are CRC32, CRC32C, SHA1, SHA256"), std::string::npos);
}

TEST(CryptoDigest, KnownDigests) {
	EXPECT_EQ(Sha256Hex(""), EMPTY_SHA256_HEX);
	EXPECT_EQ(HexEncode(Md5("")), "d41d8cd98f00b204e9800998ecf8427e");
	EXPECT_EQ(HexEncode(Sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
	// RFC 4231 test case 2.
	EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
	          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(CryptoDigest, IncrementalMatchesOneShot) {
	DigestHasher hasher(DigestAlgorithm::MD5);
	hasher.Update("hello ");
	hasher.Update("world");
	EXPECT_EQ(hasher.Finish(), Md5("hello world"));
}
