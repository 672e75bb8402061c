// SigV4 against the examples published in the AWS S3 documentation ("Signature Calculations for the
// Authorization Header", "Authenticating Requests: Using Query Parameters"); all use the documented
// example key AKIAIOSFODNN7EXAMPLE at 2013-05-24T00:00:00Z in us-east-1.
#include "s3/sigv4_authorization.hpp"
#include "s3/sigv4_signer.hpp"

#include "s3/crypto_digest.hpp"
#include "s3/http_date.hpp"

#include <gtest/gtest.h>

using namespace ducklake::s3;

namespace {

const int64_t EXAMPLE_TIME = 1369353600; // 2013-05-24T00:00:00Z
const SigV4Credentials EXAMPLE_CREDENTIALS {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""};
const char *EXAMPLE_HOST = "examplebucket.s3.amazonaws.com";

std::string HeaderValue(const std::vector<HttpHeader> &headers, const std::string &name) {
	for (auto &header : headers) {
		if (header.name == name) {
			return header.value;
		}
	}
	return "";
}

} // namespace

TEST(SigV4Signer, ExampleTimeIsTheDocumentedDate) {
	EXPECT_EQ(FormatAmzDate(EXAMPLE_TIME), "20130524T000000Z");
}

TEST(SigV4Signer, AwsExampleGetObjectWithRange) {
	SigningRequest request {"GET", EXAMPLE_HOST, "/test.txt", {}, {{"Range", "bytes=0-9"}}, EMPTY_SHA256_HEX};
	auto headers = SignRequestHeaders(request, EXAMPLE_CREDENTIALS, "us-east-1", EXAMPLE_TIME);
	EXPECT_EQ(HeaderValue(headers, "authorization"),
	          "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
	          "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
	          "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
	EXPECT_EQ(HeaderValue(headers, "x-amz-date"), "20130524T000000Z");
	EXPECT_EQ(HeaderValue(headers, "x-amz-content-sha256"), EMPTY_SHA256_HEX);
}

TEST(SigV4Signer, AwsExamplePutObjectWithEncodedKeyAndPayloadHash) {
	std::string payload_hash = Sha256Hex("Welcome to Amazon S3.");
	EXPECT_EQ(payload_hash, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
	SigningRequest request {"PUT",
	                        EXAMPLE_HOST,
	                        CanonicalUri("/test$file.text"),
	                        {},
	                        {{"Date", "Fri, 24 May 2013 00:00:00 GMT"}, {"x-amz-storage-class", "REDUCED_REDUNDANCY"}},
	                        payload_hash};
	EXPECT_EQ(request.encoded_path, "/test%24file.text");
	auto headers = SignRequestHeaders(request, EXAMPLE_CREDENTIALS, "us-east-1", EXAMPLE_TIME);
	EXPECT_EQ(HeaderValue(headers, "authorization"),
	          "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
	          "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
	          "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST(SigV4Signer, AwsExampleGetBucketLifecycleSignsBareParameterAsEmptyValue) {
	SigningRequest request {"GET", EXAMPLE_HOST, "/", {{"lifecycle", ""}}, {}, EMPTY_SHA256_HEX};
	EXPECT_EQ(CanonicalQueryString(request.query), "lifecycle=");
	auto headers = SignRequestHeaders(request, EXAMPLE_CREDENTIALS, "us-east-1", EXAMPLE_TIME);
	EXPECT_EQ(HeaderValue(headers, "authorization"),
	          "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
	          "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
	          "Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

TEST(SigV4Signer, AwsExampleListObjectsSortsQueryParameters) {
	SigningRequest request {"GET", EXAMPLE_HOST, "/", {{"prefix", "J"}, {"max-keys", "2"}}, {}, EMPTY_SHA256_HEX};
	EXPECT_EQ(CanonicalQueryString(request.query), "max-keys=2&prefix=J");
	auto headers = SignRequestHeaders(request, EXAMPLE_CREDENTIALS, "us-east-1", EXAMPLE_TIME);
	EXPECT_EQ(HeaderValue(headers, "authorization"),
	          "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
	          "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
	          "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SigV4Signer, AwsExamplePresignedGetObject) {
	SigningRequest request {"GET", EXAMPLE_HOST, "/test.txt", {}, {}, ""};
	std::string query = PresignQueryString(request, EXAMPLE_CREDENTIALS, "us-east-1", EXAMPLE_TIME, 86400);
	EXPECT_EQ(query, "X-Amz-Algorithm=AWS4-HMAC-SHA256"
	                 "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
	                 "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
	                 "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

TEST(SigV4Signer, AwsExampleStreamingSeedSignature) {
	// "Signature Calculations for the Authorization Header: Transferring Payload in Multiple Chunks".
	CanonicalRequestParts parts;
	parts.method = "PUT";
	parts.encoded_path = "/examplebucket/chunkObject.txt";
	parts.headers = {{"Host", "s3.amazonaws.com"},
	                 {"x-amz-date", "20130524T000000Z"},
	                 {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
	                 {"x-amz-content-sha256", STREAMING_SIGNED_PAYLOAD},
	                 {"Content-Encoding", "aws-chunked"},
	                 {"x-amz-decoded-content-length", "66560"},
	                 {"Content-Length", "66824"}};
	parts.signed_headers = {"content-encoding",     "content-length", "host",
	                        "x-amz-content-sha256", "x-amz-date",     "x-amz-decoded-content-length",
	                        "x-amz-storage-class"};
	parts.payload_hash = STREAMING_SIGNED_PAYLOAD;
	CredentialScope scope {"20130524", "us-east-1", "s3"};
	std::string key = DeriveSigningKey(EXAMPLE_CREDENTIALS.secret_access_key, scope);
	EXPECT_EQ(SignatureHex(key, StringToSign("20130524T000000Z", scope, CanonicalRequest(parts))),
	          "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9");
	std::string first_chunk(65536, 'a');
	EXPECT_EQ(SignatureHex(key, ChunkStringToSign("20130524T000000Z", scope,
	                                              "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
	                                              Sha256Hex(first_chunk))),
	          "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648");
}

TEST(SigV4Signer, CanonicalHeadersTrimCollapseAndJoinRepeats) {
	std::vector<HttpHeader> headers {{"My-Header1", "  a   b  c "}, {"my-header2", "x"}, {"MY-HEADER2", "y"}};
	EXPECT_EQ(CanonicalHeaders(headers, {"my-header2", "My-Header1"}), "my-header1:a b c\nmy-header2:x,y\n");
	EXPECT_EQ(SignedHeadersList({"x-amz-date", "Host", "host"}), "host;x-amz-date");
}

TEST(SigV4Signer, SessionTokenIsSentAndSigned) {
	SigV4Credentials credentials = EXAMPLE_CREDENTIALS;
	credentials.session_token = "token/with+chars";
	SigningRequest request {"GET", EXAMPLE_HOST, "/test.txt", {}, {}, EMPTY_SHA256_HEX};
	auto headers = SignRequestHeaders(request, credentials, "us-east-1", EXAMPLE_TIME);
	EXPECT_EQ(HeaderValue(headers, "x-amz-security-token"), "token/with+chars");
	EXPECT_NE(HeaderValue(headers, "authorization").find("x-amz-security-token"), std::string::npos);
}

TEST(SigV4Authorization, ParsesTheHeaderItProduces) {
	auto parsed =
	    ParseAuthorizationHeader("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
	                             "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
	                             "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
	ASSERT_TRUE(parsed.Ok()) << parsed.Error();
	EXPECT_EQ(parsed.Value().credential.access_key_id, "AKIAIOSFODNN7EXAMPLE");
	EXPECT_EQ(parsed.Value().credential.scope.ToString(), "20130524/us-east-1/s3/aws4_request");
	EXPECT_EQ(parsed.Value().signed_headers.size(), 4u);
	EXPECT_EQ(parsed.Value().signed_headers[1], "range");
}

TEST(SigV4Authorization, RejectsMalformedHeadersNamingThePart) {
	EXPECT_NE(ParseAuthorizationHeader("AWS AKID:sig").Error().find("only AWS4-HMAC-SHA256"), std::string::npos);
	EXPECT_NE(ParseAuthorizationHeader("AWS4-HMAC-SHA256 Credential=a/20130524/us-east-1/s3/aws4_request,"
	                                   "SignedHeaders=host")
	              .Error()
	              .find("lacks Signature"),
	          std::string::npos);
	EXPECT_NE(ParseAuthorizationHeader("AWS4-HMAC-SHA256 Credential=a/2013/us-east-1/s3/aws4_request,"
	                                   "SignedHeaders=host,Signature=" +
	                                   std::string(64, 'a'))
	              .Error()
	              .find("credential"),
	          std::string::npos);
	EXPECT_NE(ParseAuthorizationHeader("AWS4-HMAC-SHA256 Credential=a/20130524/us-east-1/s3/aws4_request,"
	                                   "SignedHeaders=host;;date,Signature=" +
	                                   std::string(64, 'a'))
	              .Error()
	              .find("empty name"),
	          std::string::npos);
	EXPECT_NE(ParseAuthorizationHeader("AWS4-HMAC-SHA256 Credential=a/20130524/us-east-1/s3/aws4_request,"
	                                   "SignedHeaders=host,Signature=XYZ")
	              .Error()
	              .find("64 lower-case hex"),
	          std::string::npos);
}

TEST(SigV4Authorization, SignatureComparisonIsExact) {
	EXPECT_TRUE(SignaturesEqual("abc", "abc"));
	EXPECT_FALSE(SignaturesEqual("abc", "abd"));
	EXPECT_FALSE(SignaturesEqual("abc", "abcd"));
}
