// Md5Stream against RFC 1321's test suite and, byte for byte, against OpenSSL's MD5.
#include "s3/md5_stream.hpp"

#include "s3/byte_encoding.hpp"
#include "s3/crypto_digest.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <random>

using namespace ducklake::s3;

namespace {

std::string OpenSslMd5(std::string_view data) {
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int digest_length = 0;
	EXPECT_EQ(EVP_Digest(data.data(), data.size(), digest, &digest_length, EVP_md5(), nullptr), 1);
	return std::string(reinterpret_cast<const char *>(digest), digest_length);
}

std::string StreamMd5(std::string_view data) {
	Md5Stream md5;
	md5.Update(data);
	return md5.Finish();
}

//! `data` fed in pieces whose sizes are drawn from `random` (empty pieces included).
std::string StreamMd5InPieces(std::string_view data, std::mt19937_64 &random, size_t piece_bytes_max) {
	Md5Stream md5;
	while (!data.empty()) {
		size_t piece = std::min<size_t>(data.size(), random() % (piece_bytes_max + 1));
		md5.Update(data.substr(0, piece));
		data.remove_prefix(piece);
	}
	return md5.Finish();
}

std::string RandomBytes(std::mt19937_64 &random, size_t size) {
	std::string bytes(size, '\0');
	for (auto &byte : bytes) {
		byte = static_cast<char>(random());
	}
	return bytes;
}

} // namespace

TEST(Md5Stream, Rfc1321TestSuite) {
	// RFC 1321, appendix A.5.
	EXPECT_EQ(HexEncode(StreamMd5("")), "d41d8cd98f00b204e9800998ecf8427e");
	EXPECT_EQ(HexEncode(StreamMd5("a")), "0cc175b9c0f1b6a831c399e269772661");
	EXPECT_EQ(HexEncode(StreamMd5("abc")), "900150983cd24fb0d6963f7d28e17f72");
	EXPECT_EQ(HexEncode(StreamMd5("message digest")), "f96b697d7cb7938d525a2f31aaf161d0");
	EXPECT_EQ(HexEncode(StreamMd5("abcdefghijklmnopqrstuvwxyz")), "c3fcd3d76192e4007dfb496cca67e13b");
	EXPECT_EQ(HexEncode(StreamMd5("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")),
	          "d174ab98d277d9f5a5611c2c9f419d9f");
	EXPECT_EQ(HexEncode(StreamMd5("1234567890123456789012345678901234567890123456789012345678901234567890123456789"
	                              "0")),
	          "57edf4a22be3c955ac49da2e2107b67a");
}

TEST(Md5Stream, PaddingBoundaries) {
	// Lengths around the 56-byte point where the length no longer fits the last block, and around
	// block ends, for every byte value pattern the padding could be confused with.
	for (size_t size = 0; size <= 200; size++) {
		for (char fill : {'\0', '\x80', '\xff', 'x'}) {
			std::string data(size, fill);
			ASSERT_EQ(StreamMd5(data), OpenSslMd5(data)) << "size " << size;
		}
	}
}

TEST(Md5Stream, MatchesOpenSslAtRandomLengthsAndAlignments) {
	std::mt19937_64 random(1321);
	std::string buffer = RandomBytes(random, 70000);
	for (int round = 0; round < 400; round++) {
		size_t offset = random() % 64; // start at every alignment
		size_t size = round < 200 ? random() % 300 : random() % (buffer.size() - 64);
		std::string_view data(buffer.data() + offset, size);
		ASSERT_EQ(StreamMd5(data), OpenSslMd5(data)) << "offset " << offset << " size " << size;
	}
}

TEST(Md5Stream, SplitUpdatesMatchOneUpdate) {
	std::mt19937_64 random(20130524);
	for (int round = 0; round < 300; round++) {
		std::string data = RandomBytes(random, random() % 5000);
		std::string expected = OpenSslMd5(data);
		// Pieces smaller than a block, around a block, and large ones.
		for (size_t piece_bytes_max : {1, 63, 65, 130, 4096}) {
			ASSERT_EQ(StreamMd5InPieces(data, random, piece_bytes_max), expected)
			    << "size " << data.size() << " pieces up to " << piece_bytes_max;
		}
	}
}

TEST(Md5Stream, RandomizedStreamsMatchOpenSsl) {
	// Fuzz-style: seeded random inputs (random bytes, runs of one byte, mutations of the RFC suite's
	// strings), fed in random pieces at random alignments, compared with OpenSSL's incremental MD5.
	std::mt19937_64 random(1992);
	for (int round = 0; round < 2000; round++) {
		std::string data;
		switch (random() % 3) {
		case 0:
			data = RandomBytes(random, random() % 2048);
			break;
		case 1:
			data.assign(random() % 1024, static_cast<char>(random()));
			break;
		default:
			data = "abcdefghijklmnopqrstuvwxyz";
			for (size_t mutation = random() % 16; mutation > 0; mutation--) {
				data.insert(random() % (data.size() + 1), RandomBytes(random, 1 + random() % 70));
			}
			break;
		}
		std::string shifted = std::string(random() % 16, '\0') + data;
		std::string_view view(shifted.data() + (shifted.size() - data.size()), data.size());
		EVP_MD_CTX *context = EVP_MD_CTX_new();
		ASSERT_NE(context, nullptr);
		EVP_DigestInit_ex(context, EVP_md5(), nullptr);
		Md5Stream md5;
		std::string_view rest = view;
		while (!rest.empty()) {
			size_t piece = std::min<size_t>(rest.size(), random() % 200);
			md5.Update(rest.substr(0, piece));
			EVP_DigestUpdate(context, rest.data(), piece);
			rest.remove_prefix(piece);
		}
		unsigned char digest[EVP_MAX_MD_SIZE];
		unsigned int digest_length = 0;
		EVP_DigestFinal_ex(context, digest, &digest_length);
		EVP_MD_CTX_free(context);
		ASSERT_EQ(md5.Finish(), std::string(reinterpret_cast<const char *>(digest), digest_length))
		    << "round " << round << " size " << data.size();
	}
}

TEST(Md5Stream, LargeBodyInPipelinePieces) {
	// 9 MiB in the 1 MiB pieces of the server's PUT pipeline plus an odd tail, through DigestHasher
	// (which picks Md5Stream where it is preferred) and through OpenSSL.
	std::mt19937_64 random(7);
	std::string data = RandomBytes(random, (9 << 20) + 12345);
	DigestHasher hasher(DigestAlgorithm::MD5);
	for (size_t offset = 0; offset < data.size(); offset += 1 << 20) {
		hasher.Update(std::string_view(data).substr(offset, 1 << 20));
	}
	EXPECT_EQ(hasher.Finish(), OpenSslMd5(data));
	EXPECT_EQ(Md5(data), OpenSslMd5(data));
}
