// ducklake-s3d flags and environment.
#include "server/server_config.hpp"

#include <gtest/gtest.h>

using namespace ducklake::server;

TEST(ServerConfig, FlagsAndPairs) {
	auto config = ParseServerConfig({"--root", "/data", "--listen", "0.0.0.0:9100", "--access-key", "a", "--secret-key",
	                                 "s", "--access-key=b", "--secret-key=t", "--anonymous-read", "pub,docs"},
	                                {});
	ASSERT_TRUE(config.Ok()) << config.Error();
	EXPECT_EQ(config.Value().root, "/data");
	EXPECT_EQ(config.Value().listen_host, "0.0.0.0");
	EXPECT_EQ(config.Value().listen_port, 9100);
	ASSERT_EQ(config.Value().auth.keys.size(), 2u);
	EXPECT_EQ(config.Value().auth.keys[1].access_key_id, "b");
	EXPECT_EQ(config.Value().auth.anonymous_read_buckets.count("docs"), 1u);
}

TEST(ServerConfig, EnvironmentAndCommandLinePrecedence) {
	std::map<std::string, std::string> environment {{"DUCKLAKE_S3D_ROOT", "/env"},
	                                                {"DUCKLAKE_S3D_CREDENTIALS", "k1:s1,k2:s2"},
	                                                {"DUCKLAKE_S3D_REGION", "eu-west-1"}};
	auto from_environment = ParseServerConfig({}, environment);
	ASSERT_TRUE(from_environment.Ok()) << from_environment.Error();
	EXPECT_EQ(from_environment.Value().root, "/env");
	EXPECT_EQ(from_environment.Value().auth.keys.size(), 2u);
	EXPECT_EQ(from_environment.Value().auth.region, "eu-west-1");
	auto overridden = ParseServerConfig({"--root", "/flag", "--access-key", "x", "--secret-key", "y"}, environment);
	EXPECT_EQ(overridden.Value().root, "/flag");
	ASSERT_EQ(overridden.Value().auth.keys.size(), 1u);
	EXPECT_EQ(overridden.Value().auth.keys[0].access_key_id, "x");
}

TEST(ServerConfig, AwsEnvironmentKeysAreTheFallback) {
	auto config = ParseServerConfig({"--root", "/r"}, {{"AWS_ACCESS_KEY_ID", "ak"}, {"AWS_SECRET_ACCESS_KEY", "sk"}});
	ASSERT_TRUE(config.Ok());
	EXPECT_EQ(config.Value().auth.keys[0].secret_access_key, "sk");
}

TEST(ServerConfig, ErrorsNameTheFlag) {
	EXPECT_NE(ParseServerConfig({"--access-key", "a", "--secret-key", "b"}, {}).Error().find("--root is required"),
	          std::string::npos);
	EXPECT_NE(ParseServerConfig({"--root", "/r"}, {}).Error().find("no credentials"), std::string::npos);
	EXPECT_NE(ParseServerConfig({"--root", "/r", "--listen", "nowhere"}, {}).Error().find("HOST:PORT"),
	          std::string::npos);
	EXPECT_NE(ParseServerConfig({"--bogus"}, {}).Error().find("unknown option '--bogus'"), std::string::npos);
	EXPECT_NE(ParseServerConfig({"--root", "/r", "--access-key", "a"}, {}).Error().find("in pairs"), std::string::npos);
	EXPECT_NE(ParseServerConfig({"--root", "/r", "--credentials", "nocolon"}, {}).Error().find("ACCESS_KEY:SECRET_KEY"),
	          std::string::npos);
	EXPECT_NE(ParseServerConfig({"--root", "/r", "--log-level", "loud", "--access-key", "a", "--secret-key", "b"}, {})
	              .Error()
	              .find("allowed are error"),
	          std::string::npos);
}

TEST(ServerConfig, HelpTeachesEveryFlagAndItsVariable) {
	std::string help = ServerHelpText();
	for (auto flag : {"--root", "--listen", "--access-key", "--secret-key", "--credentials", "--region",
	                  "--anonymous-read", "--shutdown-timeout-seconds", "--log-level"}) {
		EXPECT_NE(help.find(flag), std::string::npos) << flag;
	}
	EXPECT_NE(help.find("DUCKLAKE_S3D_ANONYMOUS_READ"), std::string::npos);
	EXPECT_TRUE(ParseServerConfig({"--help"}, {}).Value().show_help);
}

TEST(ServerConfig, TlsNeedsCertificateAndKeyTogether) {
	auto both = ParseServerConfig({"--root", "/r", "--access-key", "a", "--secret-key", "b"},
	                              {{"DUCKLAKE_S3D_TLS_CERT", "/c.pem"}, {"DUCKLAKE_S3D_TLS_KEY", "/k.pem"}});
	ASSERT_TRUE(both.Ok()) << both.Error();
	EXPECT_EQ(both.Value().tls_cert_path, "/c.pem");
	EXPECT_EQ(both.Value().tls_key_path, "/k.pem");
	auto flag_wins = ParseServerConfig({"--root", "/r", "--access-key", "a", "--secret-key", "b", "--tls-key=/f.pem"},
	                                   {{"DUCKLAKE_S3D_TLS_CERT", "/c.pem"}, {"DUCKLAKE_S3D_TLS_KEY", "/k.pem"}});
	EXPECT_EQ(flag_wins.Value().tls_key_path, "/f.pem");
	EXPECT_NE(ParseServerConfig({"--root", "/r", "--access-key", "a", "--secret-key", "b", "--tls-cert", "/c.pem"}, {})
	              .Error()
	              .find("--tls-cert was given without --tls-key"),
	          std::string::npos);
	EXPECT_NE(ParseServerConfig({"--root", "/r", "--access-key", "a", "--secret-key", "b", "--tls-key", "/k.pem"}, {})
	              .Error()
	              .find("--tls-key was given without --tls-cert"),
	          std::string::npos);
	EXPECT_TRUE(ParseServerConfig({"--root", "/r", "--access-key", "a", "--secret-key", "b"}, {})
	                .Value()
	                .tls_cert_path.empty());
	std::string help = ServerHelpText();
	EXPECT_NE(help.find("DUCKLAKE_S3D_TLS_CERT"), std::string::npos);
	EXPECT_NE(help.find("DUCKLAKE_S3D_TLS_KEY"), std::string::npos);
}
