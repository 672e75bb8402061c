// Authentication and payload modes through S3Handler: header SigV4, presigned URLs, anonymous reads,
// signed aws-chunked uploads and unsigned uploads with checksum trailers.
#include "handler_test_fixture.hpp"

#include "s3/byte_encoding.hpp"
#include "s3/checksum.hpp"
#include "s3/error_xml.hpp"
#include "s3/sigv4_authorization.hpp"

using namespace ducklake::server;
using namespace ducklake;

TEST_F(HandlerTest, UnsignedRequestIsAccessDenied) {
	CreateBucket("alpha");
	auto response = Send("GET", "/alpha?list-type=2", {}, "", false);
	EXPECT_EQ(response.status, 403);
	EXPECT_EQ(response.error_code, "AccessDenied");
}

TEST_F(HandlerTest, WrongSecretIsSignatureDoesNotMatch) {
	CreateBucket("alpha");
	s3::SigningRequest signing {"GET", HOST, "/alpha", {}, {}, s3::EMPTY_SHA256_HEX};
	auto headers = s3::SignRequestHeaders(signing, {ACCESS_KEY, "wrong-secret", ""}, "us-east-1", clock);
	auto response = Raw("GET", "/alpha", headers, "");
	EXPECT_EQ(response.status, 403);
	EXPECT_EQ(response.error_code, "SignatureDoesNotMatch");
}

TEST_F(HandlerTest, TamperedPathIsSignatureDoesNotMatch) {
	CreateBucket("alpha");
	Put("/alpha/a", "1");
	s3::SigningRequest signing {"GET", HOST, "/alpha/a", {}, {}, s3::EMPTY_SHA256_HEX};
	auto headers = s3::SignRequestHeaders(signing, {ACCESS_KEY, SECRET_KEY, ""}, "us-east-1", clock);
	EXPECT_EQ(Raw("GET", "/alpha/a", headers, "").status, 200);
	EXPECT_EQ(Raw("GET", "/alpha/b", headers, "").error_code, "SignatureDoesNotMatch");
}

TEST_F(HandlerTest, SecondKeyPairWorks) {
	s3::SigningRequest signing {"PUT", HOST, "/beta", {}, {}, s3::EMPTY_SHA256_HEX};
	auto headers = s3::SignRequestHeaders(signing, {"SECONDKEY", "second-secret", ""}, "us-east-1", clock);
	EXPECT_EQ(Raw("PUT", "/beta", headers, "").status, 200);
}

TEST_F(HandlerTest, UnknownAccessKeyIsInvalidAccessKeyId) {
	s3::SigningRequest signing {"GET", HOST, "/", {}, {}, s3::EMPTY_SHA256_HEX};
	auto headers = s3::SignRequestHeaders(signing, {"NOBODY", "x", ""}, "us-east-1", clock);
	EXPECT_EQ(Raw("GET", "/", headers, "").error_code, "InvalidAccessKeyId");
}

TEST_F(HandlerTest, WrongRegionNamesTheExpectedOne) {
	s3::SigningRequest signing {"GET", HOST, "/", {}, {}, s3::EMPTY_SHA256_HEX};
	auto headers = s3::SignRequestHeaders(signing, {ACCESS_KEY, SECRET_KEY, ""}, "eu-west-1", clock);
	auto response = Raw("GET", "/", headers, "");
	EXPECT_EQ(response.error_code, "AuthorizationHeaderMalformed");
	EXPECT_NE(s3::ParseErrorXml(response.body).Value().message.find("expecting 'us-east-1'"), std::string::npos);
}

TEST_F(HandlerTest, SkewedClockIsRequestTimeTooSkewed) {
	s3::SigningRequest signing {"GET", HOST, "/", {}, {}, s3::EMPTY_SHA256_HEX};
	auto headers = s3::SignRequestHeaders(signing, {ACCESS_KEY, SECRET_KEY, ""}, "us-east-1", clock - 3600);
	EXPECT_EQ(Raw("GET", "/", headers, "").error_code, "RequestTimeTooSkewed");
}

TEST_F(HandlerTest, PayloadHashMismatchIsRejected) {
	CreateBucket("alpha");
	auto response = Send("PUT", "/alpha/k", {}, "actual body", true, s3::Sha256Hex("other body"));
	EXPECT_EQ(response.status, 400);
	EXPECT_EQ(response.error_code, "XAmzContentSHA256Mismatch");
	EXPECT_EQ(Send("GET", "/alpha/k").status, 404);
}

TEST_F(HandlerTest, UnsignedPayloadIsAccepted) {
	CreateBucket("alpha");
	EXPECT_EQ(Send("PUT", "/alpha/k", {}, "body", true, s3::UNSIGNED_PAYLOAD).status, 200);
	EXPECT_EQ(Send("GET", "/alpha/k").body, "body");
}

TEST_F(HandlerTest, AnonymousReadOnlyForNamedBuckets) {
	CreateBucket("public");
	CreateBucket("private");
	Put("/public/k", "open");
	Put("/private/k", "closed");
	Reopen({"public"});
	EXPECT_EQ(Send("GET", "/public/k", {}, "", false).body, "open");
	EXPECT_EQ(Send("GET", "/public?list-type=2", {}, "", false).status, 200);
	EXPECT_EQ(Send("GET", "/private/k", {}, "", false).status, 403);
	EXPECT_EQ(Send("PUT", "/public/k", {}, "overwrite", false).status, 403);
	EXPECT_EQ(Send("GET", "/public/k").body, "open");
}

static std::string PresignedTarget(const std::string &method, const std::string &path, const std::string &host,
                                   const std::string &access_key, const std::string &secret, int64_t now,
                                   int64_t expires) {
	s3::SigningRequest signing {method, host, path, {}, {}, ""};
	return path + "?" + s3::PresignQueryString(signing, {access_key, secret, ""}, "us-east-1", now, expires);
}

TEST_F(HandlerTest, PresignedGetAndPutWorkUntilExpiry) {
	CreateBucket("alpha");
	std::string put_target = PresignedTarget("PUT", "/alpha/shared", HOST, ACCESS_KEY, SECRET_KEY, clock, 600);
	EXPECT_EQ(Raw("PUT", put_target, {}, "via presigned put").status, 200);
	std::string get_target = PresignedTarget("GET", "/alpha/shared", HOST, ACCESS_KEY, SECRET_KEY, clock, 600);
	EXPECT_EQ(Raw("GET", get_target, {}, "").body, "via presigned put");
	clock += 601;
	auto expired = Raw("GET", get_target, {}, "");
	EXPECT_EQ(expired.status, 403);
	EXPECT_NE(expired.body.find("Request has expired"), std::string::npos);
}

TEST_F(HandlerTest, PresignedWithWrongSecretFails) {
	CreateBucket("alpha");
	Put("/alpha/k", "v");
	std::string target = PresignedTarget("GET", "/alpha/k", HOST, ACCESS_KEY, "nope", clock, 600);
	EXPECT_EQ(Raw("GET", target, {}, "").error_code, "SignatureDoesNotMatch");
}

//! Builds a STREAMING-AWS4-HMAC-SHA256-PAYLOAD request: headers signed with the streaming payload
//! mode, body framed in chunks of `chunk_bytes` each signed in the chain.
static std::pair<std::vector<s3::HttpHeader>, std::string>
SignedChunkedUpload(const std::string &path, const std::string &host, const std::string &access_key,
                    const std::string &secret, int64_t now, const std::string &payload, size_t chunk_bytes) {
	std::string wire;
	std::vector<s3::HttpHeader> headers {{"Content-Encoding", "aws-chunked"},
	                                     {"x-amz-decoded-content-length", std::to_string(payload.size())}};
	s3::SigningRequest signing {"PUT", host, path, {}, headers, s3::STREAMING_SIGNED_PAYLOAD};
	auto added = s3::SignRequestHeaders(signing, {access_key, secret, ""}, "us-east-1", now);
	headers.insert(headers.end(), added.begin(), added.end());
	std::string authorization;
	for (auto &header : added) {
		if (header.name == "authorization") {
			authorization = header.value;
		}
	}
	auto parsed = s3::ParseAuthorizationHeader(authorization);
	std::string previous = parsed.Value().signature;
	std::string amz_date = s3::FormatAmzDate(now);
	s3::CredentialScope scope {amz_date.substr(0, 8), "us-east-1", "s3"};
	std::string key = s3::DeriveSigningKey(secret, scope);
	size_t offset = 0;
	while (true) {
		std::string chunk = payload.substr(offset, chunk_bytes);
		std::string signature =
		    s3::SignatureHex(key, s3::ChunkStringToSign(amz_date, scope, previous, s3::Sha256Hex(chunk)));
		char size_hex[32];
		std::snprintf(size_hex, sizeof(size_hex), "%zx", chunk.size());
		wire += std::string(size_hex) + ";chunk-signature=" + signature + "\r\n" + chunk + "\r\n";
		previous = signature;
		offset += chunk.size();
		if (chunk.empty()) {
			break;
		}
	}
	return {headers, wire};
}

TEST_F(HandlerTest, SignedChunkedUploadIsVerifiedAndDecoded) {
	CreateBucket("alpha");
	std::string payload(100000, 'z');
	payload[5000] = 'q';
	auto upload = SignedChunkedUpload("/alpha/chunked", HOST, ACCESS_KEY, SECRET_KEY, clock, payload, 8192);
	auto response = Raw("PUT", "/alpha/chunked", upload.first, upload.second);
	EXPECT_EQ(response.status, 200) << response.body;
	EXPECT_EQ(Send("GET", "/alpha/chunked").body, payload);
}

TEST_F(HandlerTest, SignedChunkedUploadWithTamperedChunkFails) {
	CreateBucket("alpha");
	auto upload =
	    SignedChunkedUpload("/alpha/chunked", HOST, ACCESS_KEY, SECRET_KEY, clock, std::string(20000, 'z'), 8192);
	std::string body = upload.second;
	body[body.find("\r\n") + 10] = 'y';
	auto response = Raw("PUT", "/alpha/chunked", upload.first, body);
	EXPECT_EQ(response.status, 403);
	EXPECT_EQ(response.error_code, "SignatureDoesNotMatch");
	EXPECT_EQ(Send("GET", "/alpha/chunked").status, 404);
}

TEST_F(HandlerTest, UnsignedPayloadTrailerWithChecksum) {
	CreateBucket("alpha");
	s3::ChecksumHasher crc(s3::ChecksumAlgorithm::CRC32C);
	crc.Update("hello trailer");
	std::string value = crc.FinishBase64();
	std::vector<s3::HttpHeader> headers {{"Content-Encoding", "aws-chunked"},
	                                     {"x-amz-trailer", "x-amz-checksum-crc32c"},
	                                     {"x-amz-decoded-content-length", "13"}};
	std::string body = "d\r\nhello trailer\r\n0\r\nx-amz-checksum-crc32c:" + value + "\r\n\r\n";
	auto response = Send("PUT", "/alpha/t", headers, body, true, s3::STREAMING_UNSIGNED_PAYLOAD_TRAILER);
	EXPECT_EQ(response.status, 200) << response.body;
	EXPECT_EQ(response.Header("x-amz-checksum-crc32c"), value);
	EXPECT_EQ(Send("GET", "/alpha/t").body, "hello trailer");
	std::string wrong = "d\r\nhello trailer\r\n0\r\nx-amz-checksum-crc32c:AAAAAA==\r\n\r\n";
	EXPECT_EQ(Send("PUT", "/alpha/t2", headers, wrong, true, s3::STREAMING_UNSIGNED_PAYLOAD_TRAILER).error_code,
	          "BadDigest");
}

TEST_F(HandlerTest, VirtualHostedStyleAddressing) {
	CreateBucket("alpha");
	Put("/alpha/k", "vhost");
	std::string host = "alpha.localhost:9000";
	s3::SigningRequest signing {"GET", host, "/k", {}, {}, s3::EMPTY_SHA256_HEX};
	auto headers = s3::SignRequestHeaders(signing, {ACCESS_KEY, SECRET_KEY, ""}, "us-east-1", clock);
	headers.push_back({"Host", host});
	StringRequestBody body("");
	HttpRequest request;
	request.method = "GET";
	request.target = "/k";
	request.headers = headers;
	request.body = &body;
	auto response = handler->Handle(request);
	EXPECT_EQ(response.status, 200);
	EXPECT_EQ(response.BodyBytes(), 5u);
}
