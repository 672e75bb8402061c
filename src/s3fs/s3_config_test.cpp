#include "s3fs/s3_config.hpp"

#include <gtest/gtest.h>

namespace ducklake {

namespace {

S3ConfigLayer Layer(const std::string &source) {
	S3ConfigLayer layer;
	layer.source = source;
	return layer;
}

} // namespace

TEST(S3Config, NoLayersGiveHttpfsDefaultsAndAnonymousAccess) {
	S3Config config;
	ASSERT_EQ(ResolveS3Config({}, config), "");
	EXPECT_TRUE(config.Anonymous());
	EXPECT_EQ(config.region, "us-east-1");
	EXPECT_EQ(config.endpoint, "s3.amazonaws.com");
	EXPECT_EQ(config.url_style, S3UrlStyle::VHOST);
	EXPECT_TRUE(config.use_ssl);
}

TEST(S3Config, FieldsComeFromTheFirstLayerThatSetsThem) {
	auto secret = Layer("secret \"s\"");
	secret.region = "eu-central-1";
	auto settings = Layer("SET s3_*");
	settings.region = "us-west-2";
	settings.endpoint = "localhost:9000";
	settings.url_style = "path";
	settings.use_ssl = false;
	S3Config config;
	ASSERT_EQ(ResolveS3Config({secret, settings}, config), "");
	EXPECT_EQ(config.region, "eu-central-1");
	EXPECT_EQ(config.endpoint, "localhost:9000");
	EXPECT_EQ(config.url_style, S3UrlStyle::PATH);
	EXPECT_FALSE(config.use_ssl);
	EXPECT_EQ(config.Scheme(), "http");
}

TEST(S3Config, CredentialsAreTakenAsAUnitFromOneLayer) {
	auto settings = Layer("SET s3_*");
	settings.key_id = "AKIDSET";
	settings.secret = "setsecret";
	auto environment = Layer("environment");
	environment.key_id = "AKIDENV";
	environment.secret = "envsecret";
	environment.session_token = "envtoken";
	S3Config config;
	ASSERT_EQ(ResolveS3Config({settings, environment}, config), "");
	EXPECT_EQ(config.key_id, "AKIDSET");
	EXPECT_EQ(config.secret, "setsecret");
	EXPECT_EQ(config.session_token, "");
	EXPECT_EQ(config.credentials_source, "SET s3_*");
}

TEST(S3Config, KeyIdWithoutSecretNamesTheLayer) {
	auto secret = Layer("secret \"half\"");
	secret.key_id = "AKID";
	S3Config config;
	auto error = ResolveS3Config({secret}, config);
	EXPECT_NE(error.find("secret \"half\""), std::string::npos) << error;
	EXPECT_NE(error.find("no secret access key"), std::string::npos) << error;
}

TEST(S3Config, EndpointSchemeDecidesSsl) {
	auto environment = Layer("environment");
	environment.endpoint = "http://127.0.0.1:9000/";
	auto settings = Layer("SET s3_*");
	settings.use_ssl = true;
	S3Config config;
	ASSERT_EQ(ResolveS3Config({settings, environment}, config), "");
	EXPECT_EQ(config.endpoint, "127.0.0.1:9000");
	EXPECT_FALSE(config.use_ssl);
}

TEST(S3Config, MalformedEndpointsAreRejectedWithTheExpectedForm) {
	for (std::string endpoint : {"ftp://host", "http://", "host/path", "host:notaport", "host:70000", "a b"}) {
		auto layer = Layer("SET s3_*");
		layer.endpoint = endpoint;
		S3Config config;
		auto error = ResolveS3Config({layer}, config);
		EXPECT_NE(error.find("malformed endpoint '" + endpoint + "'"), std::string::npos) << endpoint << ": " << error;
	}
}

TEST(S3Config, UnknownUrlStyleListsTheAllowedOnes) {
	auto layer = Layer("secret \"s\"");
	layer.url_style = "virtual";
	S3Config config;
	auto error = ResolveS3Config({layer}, config);
	EXPECT_NE(error.find("use 'vhost' or 'path'"), std::string::npos) << error;
}

TEST(S3Config, EmptyStringsDoNotOverrideLowerLayers) {
	auto settings = Layer("SET s3_*");
	settings.region = "";
	settings.key_id = "";
	auto environment = Layer("environment");
	environment.region = "ap-east-1";
	S3Config config;
	ASSERT_EQ(ResolveS3Config({settings, environment}, config), "");
	EXPECT_EQ(config.region, "ap-east-1");
	EXPECT_TRUE(config.Anonymous());
}

TEST(S3Config, PayloadIsSignedOnlyOverPlainHttpToAnotherHost) {
	EXPECT_TRUE(S3Config::IsLoopbackEndpoint("127.0.0.1:9000"));
	EXPECT_TRUE(S3Config::IsLoopbackEndpoint("127.1.2.3"));
	EXPECT_TRUE(S3Config::IsLoopbackEndpoint("LocalHost:9000"));
	EXPECT_TRUE(S3Config::IsLoopbackEndpoint("[::1]:9000"));
	EXPECT_FALSE(S3Config::IsLoopbackEndpoint("127.0.0.1.example.com"));
	EXPECT_FALSE(S3Config::IsLoopbackEndpoint("10.0.0.1:9000"));
	EXPECT_FALSE(S3Config::IsLoopbackEndpoint("localhost.example.com"));
	EXPECT_FALSE(S3Config::IsLoopbackEndpoint("[::2]:9000"));
	S3Config config;
	config.use_ssl = false;
	config.endpoint = "minio.internal:9000";
	EXPECT_TRUE(config.SignsPayload());
	config.endpoint = "127.0.0.1:9000";
	EXPECT_FALSE(config.SignsPayload());
	config.endpoint = "minio.internal:9000";
	config.use_ssl = true;
	EXPECT_FALSE(config.SignsPayload());
}

} // namespace ducklake
