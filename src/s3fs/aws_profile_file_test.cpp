#include "s3fs/aws_profile_file.hpp"

#include <gtest/gtest.h>

namespace ducklake {

TEST(AwsProfileFile, CredentialsFileSectionsAreProfileNames) {
	auto sections = ParseAwsIni("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key=s3cr3t\n\n"
	                            "# comment\n[dev]\nAWS_ACCESS_KEY_ID = AKIDDEV\n; other comment\n"
	                            "aws_secret_access_key = devsecret \naws_session_token = tok\n");
	auto dev = FindAwsProfile(sections, AwsProfileFileKind::CREDENTIALS, "dev");
	EXPECT_EQ(dev["aws_access_key_id"], "AKIDDEV");
	EXPECT_EQ(dev["aws_secret_access_key"], "devsecret");
	EXPECT_EQ(dev["aws_session_token"], "tok");
	auto fallback = FindAwsProfile(sections, AwsProfileFileKind::CREDENTIALS, "default");
	EXPECT_EQ(fallback["aws_secret_access_key"], "s3cr3t");
}

TEST(AwsProfileFile, ConfigFileUsesProfilePrefixExceptForDefault) {
	auto sections = ParseAwsIni("[default]\nregion = eu-west-1\n[profile  dev]\nregion=us-west-2\n"
	                            "endpoint_url = http://localhost:9000\n[dev]\nregion = wrong\n");
	EXPECT_EQ(FindAwsProfile(sections, AwsProfileFileKind::CONFIG, "dev")["region"], "us-west-2");
	EXPECT_EQ(FindAwsProfile(sections, AwsProfileFileKind::CONFIG, "dev")["endpoint_url"], "http://localhost:9000");
	EXPECT_EQ(FindAwsProfile(sections, AwsProfileFileKind::CONFIG, "default")["region"], "eu-west-1");
}

TEST(AwsProfileFile, NestedSettingsAndJunkLinesAreSkipped) {
	auto sections = ParseAwsIni("orphan = 1\n[default]\ns3 =\n  addressing_style = path\nnot a setting\n"
	                            "region = ap-south-1\n[broken\nregion = x\n");
	auto profile = FindAwsProfile(sections, AwsProfileFileKind::CONFIG, "default");
	EXPECT_EQ(profile["region"], "ap-south-1");
	EXPECT_EQ(profile.count("addressing_style"), 0u);
	EXPECT_EQ(profile["s3"], "");
	EXPECT_EQ(sections.count(""), 0u);
}

TEST(AwsProfileFile, MissingProfileIsEmpty) {
	auto sections = ParseAwsIni("[default]\nregion = eu-west-1\n");
	EXPECT_TRUE(FindAwsProfile(sections, AwsProfileFileKind::CONFIG, "prod").empty());
	EXPECT_TRUE(FindAwsProfile(ParseAwsIni(""), AwsProfileFileKind::CREDENTIALS, "default").empty());
}

TEST(AwsProfileFile, ValuesKeepEqualsSignsAndCrLfIsTrimmed) {
	auto sections = ParseAwsIni("[default]\r\naws_secret_access_key = ab/c+d==\r\n");
	EXPECT_EQ(FindAwsProfile(sections, AwsProfileFileKind::CREDENTIALS, "default")["aws_secret_access_key"],
	          "ab/c+d==");
}

} // namespace ducklake
