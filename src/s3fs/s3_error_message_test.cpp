#include "s3fs/s3_error_message.hpp"

#include "s3/error_xml.hpp"

#include <gtest/gtest.h>

namespace ducklake {

namespace {

HttpResponse ErrorResponse(int64_t status, const std::string &code, const std::string &message) {
	HttpResponse response;
	response.status = status;
	s3::S3ErrorBody body;
	body.code = code;
	body.message = message;
	response.body = s3::RenderErrorXml(body);
	return response;
}

S3Config LocalConfig() {
	S3Config config;
	config.key_id = "AKIDLOCAL";
	config.secret = "secret";
	config.credentials_source = "secret \"lake\"";
	config.endpoint = "127.0.0.1:9000";
	config.use_ssl = false;
	config.region = "us-east-1";
	return config;
}

void ExpectContains(const std::string &text, const std::string &part) {
	EXPECT_NE(text.find(part), std::string::npos) << "missing \"" << part << "\" in: " << text;
}

} // namespace

TEST(S3ErrorMessage, SignatureMismatchNamesKeyStatusCodeAndEverySuspect) {
	auto config = LocalConfig();
	auto text = DescribeS3Failure({"GET", "lake", "data/a.parquet", &config},
	                              ErrorResponse(403, "SignatureDoesNotMatch", "The signature does not match"));
	ExpectContains(text, "S3 GET s3://lake/data/a.parquet failed: HTTP 403 SignatureDoesNotMatch");
	ExpectContains(text, "(The signature does not match)");
	ExpectContains(text, "secret access key");
	ExpectContains(text, "secret \"lake\"");
	ExpectContains(text, "region 'us-east-1'");
	ExpectContains(text, "endpoint 'http://127.0.0.1:9000'");
	ExpectContains(text, "URL style 'vhost'");
}

TEST(S3ErrorMessage, NoSuchBucketSaysCreateItOrFixTheEndpoint) {
	auto config = LocalConfig();
	auto text = DescribeS3Failure({"PUT", "missing-bucket", "k", &config},
	                              ErrorResponse(404, "NoSuchBucket", "The specified bucket does not exist"));
	ExpectContains(text, "HTTP 404 NoSuchBucket");
	ExpectContains(text, "bucket 'missing-bucket' does not exist at 'http://127.0.0.1:9000'");
}

TEST(S3ErrorMessage, HeadWithoutBodyStillNamesStatusAndKey) {
	auto config = LocalConfig();
	HttpResponse response;
	response.status = 404;
	auto text = DescribeS3Failure({"HEAD", "lake", "nope.parquet", &config}, response);
	ExpectContains(text, "S3 HEAD s3://lake/nope.parquet failed: HTTP 404");
	ExpectContains(text, "no object s3://lake/nope.parquet");
}

TEST(S3ErrorMessage, ConnectFailureNamesTheEndpointAndSettings) {
	auto config = LocalConfig();
	HttpResponse response;
	response.transport_error = TransportError::CONNECT;
	response.transport_message = "Connection refused";
	response.attempts = 4;
	auto text = DescribeS3Failure({"HEAD", "lake", "k", &config}, response);
	ExpectContains(text, "connection failed (Connection refused) after 4 attempts");
	ExpectContains(text, "cannot connect to the endpoint 'http://127.0.0.1:9000'");
	ExpectContains(text, "USE_SSL");
}

TEST(S3ErrorMessage, AnonymousAccessDeniedSaysHowToAddCredentials) {
	S3Config config;
	auto text =
	    DescribeS3Failure({"GET", "private", "k", &config}, ErrorResponse(403, "AccessDenied", "Access Denied"));
	ExpectContains(text, "no credentials were found");
	ExpectContains(text, "CREATE SECRET (TYPE s3");
}

TEST(S3ErrorMessage, WrongRegionPointsAtRegion) {
	auto config = LocalConfig();
	auto text = DescribeS3Failure({"GET", "b", "k", &config}, ErrorResponse(400, "AuthorizationHeaderMalformed",
	                                                                        "the region 'us-east-1' is wrong"));
	ExpectContains(text, "set REGION");
}

TEST(S3ErrorMessage, CodeIsReadFromTheErrorBody) {
	EXPECT_EQ(S3ErrorCodeOf(ErrorResponse(503, "SlowDown", "Reduce your request rate")), "SlowDown");
	HttpResponse garbage;
	garbage.body = "<html>proxy error</html>";
	EXPECT_EQ(S3ErrorCodeOf(garbage), "");
}

} // namespace ducklake
