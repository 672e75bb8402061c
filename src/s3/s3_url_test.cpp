// s3:// URLs, endpoints and addressing styles.
#include "s3/s3_url.hpp"

#include <gtest/gtest.h>

using namespace ducklake::s3;

TEST(S3Url, ParsesBucketAndKey) {
	auto parsed = ParseS3Url("s3://bucket/dir/file name+1.parquet");
	ASSERT_TRUE(parsed.Ok());
	EXPECT_EQ(parsed.Value().bucket, "bucket");
	EXPECT_EQ(parsed.Value().key, "dir/file name+1.parquet");
	EXPECT_EQ(ParseS3Url("s3://bucket").Value().key, "");
	EXPECT_EQ(ParseS3Url("s3://bucket/").Value().key, "");
}

TEST(S3Url, RejectsOtherSchemesAndEmptyBucket) {
	EXPECT_NE(ParseS3Url("gs://bucket/key").Error().find("must start with s3://"), std::string::npos);
	EXPECT_NE(ParseS3Url("s3:///key").Error().find("no bucket"), std::string::npos);
}

TEST(S3Url, BucketNameRules) {
	EXPECT_TRUE(ValidateBucketName("my-bucket.1").Ok());
	EXPECT_FALSE(ValidateBucketName("ab").Ok());
	EXPECT_FALSE(ValidateBucketName("My_Bucket").Ok());
	EXPECT_FALSE(ValidateBucketName("-bucket").Ok());
	EXPECT_FALSE(ValidateBucketName("a..b").Ok());
	EXPECT_FALSE(ValidateBucketName("192.168.1.1").Ok());
	EXPECT_FALSE(ValidateBucketName(std::string(64, 'a')).Ok());
}

TEST(S3Url, ObjectKeyRules) {
	EXPECT_TRUE(ValidateObjectKey("a/../b").Ok());
	EXPECT_FALSE(ValidateObjectKey("").Ok());
	EXPECT_FALSE(ValidateObjectKey(std::string(1025, 'k')).Ok());
	EXPECT_FALSE(ValidateObjectKey(std::string("a\0b", 3)).Ok());
}

TEST(S3Url, Endpoints) {
	auto plain = ParseEndpoint("127.0.0.1:9000", false);
	EXPECT_EQ(plain.Value().scheme, "http");
	EXPECT_EQ(plain.Value().host_port, "127.0.0.1:9000");
	EXPECT_EQ(ParseEndpoint("s3.amazonaws.com", true).Value().scheme, "https");
	EXPECT_EQ(ParseEndpoint("HTTP://localhost:9000/", true).Value().scheme, "http");
	EXPECT_FALSE(ParseEndpoint("ftp://host", true).Ok());
	EXPECT_FALSE(ParseEndpoint("http://host/path", true).Ok());
	EXPECT_FALSE(ParseEndpoint("http://", true).Ok());
}

TEST(S3Url, PathAndVirtualHostedTargets) {
	S3Endpoint endpoint {"http", "127.0.0.1:9000"};
	auto path = MakeRequestTarget(endpoint, UrlStyle::PATH, "bucket", "a b/c+d");
	EXPECT_EQ(path.host, "127.0.0.1:9000");
	EXPECT_EQ(path.encoded_path, "/bucket/a%20b/c%2Bd");
	EXPECT_EQ(path.url, "http://127.0.0.1:9000/bucket/a%20b/c%2Bd");
	auto vhost = MakeRequestTarget(S3Endpoint {"https", "s3.amazonaws.com"}, UrlStyle::VIRTUAL_HOSTED, "bucket", "k");
	EXPECT_EQ(vhost.host, "bucket.s3.amazonaws.com");
	EXPECT_EQ(vhost.encoded_path, "/k");
	EXPECT_EQ(MakeRequestTarget(endpoint, UrlStyle::PATH, "", "").encoded_path, "/");
	EXPECT_EQ(MakeRequestTarget(endpoint, UrlStyle::PATH, "bucket", "").encoded_path, "/bucket");
}

TEST(S3Url, ServerResolvesBothStyles) {
	std::vector<std::string> domains {"localhost", "s3.example.test"};
	auto path = ResolveRequestTarget("127.0.0.1:9000", "/bucket/dir/key", domains);
	EXPECT_EQ(path.bucket, "bucket");
	EXPECT_EQ(path.key, "dir/key");
	auto vhost = ResolveRequestTarget("bucket.localhost:9000", "/dir/key", domains);
	EXPECT_EQ(vhost.bucket, "bucket");
	EXPECT_EQ(vhost.key, "dir/key");
	auto service = ResolveRequestTarget("localhost:9000", "/", domains);
	EXPECT_EQ(service.bucket, "");
	auto bucket_only = ResolveRequestTarget("s3.example.test", "/bucket/", domains);
	EXPECT_EQ(bucket_only.bucket, "bucket");
	EXPECT_EQ(bucket_only.key, "");
}
