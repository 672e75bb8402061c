// Hex, base64 and S3's URI encoding.
#include "s3/byte_encoding.hpp"
#include "s3/uri_encoding.hpp"

#include <gtest/gtest.h>

using namespace ducklake::s3;

TEST(ByteEncoding, HexRoundTripAndErrors) {
	EXPECT_EQ(HexEncode(std::string("\x00\xff\x10", 3)), "00ff10");
	EXPECT_EQ(HexDecode("00FF10").Value(), std::string("\x00\xff\x10", 3));
	EXPECT_NE(HexDecode("abc").Error().find("odd length"), std::string::npos);
	EXPECT_NE(HexDecode("zz").Error().find("invalid hex digit"), std::string::npos);
}

TEST(ByteEncoding, Base64Rfc4648Vectors) {
	const char *plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
	const char *encoded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
	for (size_t vector_idx = 0; vector_idx < 7; vector_idx++) {
		EXPECT_EQ(Base64Encode(plain[vector_idx]), encoded[vector_idx]);
		auto decoded = Base64Decode(encoded[vector_idx]);
		ASSERT_TRUE(decoded.Ok()) << decoded.Error();
		EXPECT_EQ(decoded.Value(), plain[vector_idx]);
	}
}

TEST(ByteEncoding, Base64RejectsBadInput) {
	EXPECT_FALSE(Base64Decode("Zg=").Ok());
	EXPECT_FALSE(Base64Decode("Z===").Ok());
	EXPECT_FALSE(Base64Decode("Zg=a").Ok());
	EXPECT_FALSE(Base64Decode("Zm9v!A==").Ok());
	EXPECT_FALSE(Base64Decode("Zg==Zg==").Ok());
}

TEST(UriEncoding, S3Rules) {
	EXPECT_EQ(UriEncode("A-Z a-z_0.9~", true), "A-Z%20a-z_0.9~");
	EXPECT_EQ(UriEncode("a+b=c&d", true), "a%2Bb%3Dc%26d");
	EXPECT_EQ(UriEncode("dir/file", false), "dir/file");
	EXPECT_EQ(UriEncode("dir/file", true), "dir%2Ffile");
	EXPECT_EQ(UriEncode("\xc3\xa9", true), "%C3%A9");
	EXPECT_EQ(UriEncode("!'()*", true), "%21%27%28%29%2A");
}

TEST(UriEncoding, DecodeAndPlus) {
	EXPECT_EQ(UriDecode("a%20b+c", false).Value(), "a b+c");
	EXPECT_EQ(UriDecode("a%20b+c", true).Value(), "a b c");
	EXPECT_EQ(UriDecode("%2f%2F", false).Value(), "//");
	EXPECT_FALSE(UriDecode("abc%2", false).Ok());
	EXPECT_FALSE(UriDecode("abc%", false).Ok());
	EXPECT_FALSE(UriDecode("%zz", false).Ok());
}

TEST(UriEncoding, QueryStringKeepsOrderAndBareNames) {
	auto parsed = ParseQueryString("uploads&prefix=a%2Fb&&list-type=2&x=");
	ASSERT_TRUE(parsed.Ok());
	ASSERT_EQ(parsed.Value().size(), 4u);
	EXPECT_EQ(parsed.Value()[0].name, "uploads");
	EXPECT_EQ(parsed.Value()[0].value, "");
	EXPECT_EQ(parsed.Value()[1].value, "a/b");
	EXPECT_EQ(parsed.Value()[3].name, "x");
	EXPECT_FALSE(ParseQueryString("a=%G0").Ok());
}
