#include "extension/ducklake_extension.hpp"
#include "s3fs/local_web_server_test_support.hpp"
#include "s3fs/s3_config_reader.hpp"

#include "duckdb.hpp"
#include "duckdb/main/client_context_file_opener.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace ducklake {

namespace {

//! Sets environment variables for one test and restores them afterwards.
class ScopedEnvironment {
public:
	~ScopedEnvironment() {
		for (auto &saved_entry : saved) {
			if (saved_entry.second.first) {
				setenv(saved_entry.first.c_str(), saved_entry.second.second.c_str(), 1);
			} else {
				unsetenv(saved_entry.first.c_str());
			}
		}
	}
	void Set(const std::string &name, const std::string &value) {
		Save(name);
		setenv(name.c_str(), value.c_str(), 1);
	}
	void Unset(const std::string &name) {
		Save(name);
		unsetenv(name.c_str());
	}

private:
	void Save(const std::string &name) {
		if (saved.count(name)) {
			return;
		}
		auto current = getenv(name.c_str());
		saved[name] = {current != nullptr, current ? current : ""};
	}
	std::map<std::string, std::pair<bool, std::string>> saved;
};

} // namespace

class S3ConfigReaderTest : public ::testing::Test {
protected:
	void SetUp() override {
		// Isolate from the machine's own AWS set-up.
		for (auto name :
		     {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
		      "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_PROFILE", "AWS_DEFAULT_PROFILE"}) {
			environment.Unset(name);
		}
		environment.Set("AWS_SHARED_CREDENTIALS_FILE", home.Path() + "/credentials");
		environment.Set("AWS_CONFIG_FILE", home.Path() + "/config");
		db.LoadStaticExtension<DucklakeExtension>();
	}
	void Run(const std::string &sql) {
		auto result = con.Query(sql);
		ASSERT_FALSE(result->HasError()) << sql << ": " << result->GetError();
	}
	S3Config Read(const std::string &path) {
		duckdb::ClientContextFileOpener opener(*con.context);
		return ReadS3Config(path, &opener);
	}
	void WriteHomeFile(const std::string &name, const std::string &text) {
		std::ofstream(home.Path() + "/" + name) << text;
	}
	ScopedEnvironment environment;
	TempDirectory home;
	duckdb::DuckDB db {nullptr};
	duckdb::Connection con {db};
};

TEST_F(S3ConfigReaderTest, LongestScopePrefixPicksTheSecret) {
	Run("CREATE SECRET wide (TYPE s3, KEY_ID 'AKIDWIDE', SECRET 'w', REGION 'eu-west-1', SCOPE 's3://bucket')");
	Run("CREATE SECRET narrow (TYPE s3, KEY_ID 'AKIDNARROW', SECRET 'n', SCOPE 's3://bucket/deep/')");
	EXPECT_EQ(Read("s3://bucket/deep/x.parquet").key_id, "AKIDNARROW");
	EXPECT_EQ(Read("s3://bucket/other.parquet").key_id, "AKIDWIDE");
	EXPECT_EQ(Read("s3://bucket/other.parquet").region, "eu-west-1");
	EXPECT_TRUE(Read("s3://elsewhere/x").Anonymous());
}

TEST_F(S3ConfigReaderTest, SecretWithoutScopeAppliesToAllS3Paths) {
	Run("CREATE SECRET (TYPE s3, KEY_ID 'AKID', SECRET 's', ENDPOINT 'localhost:9000', URL_STYLE 'path', "
	    "USE_SSL false)");
	auto config = Read("s3://any/key");
	EXPECT_EQ(config.key_id, "AKID");
	EXPECT_EQ(config.endpoint, "localhost:9000");
	EXPECT_EQ(config.url_style, S3UrlStyle::PATH);
	EXPECT_FALSE(config.use_ssl);
}

TEST_F(S3ConfigReaderTest, SecretFieldsFallBackToSettings) {
	Run("CREATE SECRET s (TYPE s3, KEY_ID 'AKID', SECRET 's')");
	Run("SET s3_region = 'ap-south-1'");
	Run("SET s3_endpoint = '127.0.0.1:1234'");
	auto config = Read("s3://b/k");
	EXPECT_EQ(config.key_id, "AKID");
	EXPECT_EQ(config.region, "ap-south-1");
	EXPECT_EQ(config.endpoint, "127.0.0.1:1234");
}

TEST_F(S3ConfigReaderTest, SettingsAloneConfigureAccess) {
	Run("SET s3_access_key_id = 'AKIDSET'");
	Run("SET s3_secret_access_key = 'setsecret'");
	Run("SET s3_session_token = 'tok'");
	Run("SET s3_url_style = 'path'");
	Run("SET s3_use_ssl = false");
	auto config = Read("s3://b/k");
	EXPECT_EQ(config.key_id, "AKIDSET");
	EXPECT_EQ(config.session_token, "tok");
	EXPECT_EQ(config.url_style, S3UrlStyle::PATH);
	EXPECT_FALSE(config.use_ssl);
}

TEST_F(S3ConfigReaderTest, EnvironmentAppliesBelowSettings) {
	environment.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
	environment.Set("AWS_SECRET_ACCESS_KEY", "envsecret");
	environment.Set("AWS_REGION", "us-west-1");
	environment.Set("AWS_ENDPOINT_URL", "http://127.0.0.1:9999");
	auto config = Read("s3://b/k");
	EXPECT_EQ(config.key_id, "AKIDENV");
	EXPECT_EQ(config.region, "us-west-1");
	EXPECT_EQ(config.endpoint, "127.0.0.1:9999");
	EXPECT_FALSE(config.use_ssl);
	Run("SET s3_region = 'eu-north-1'");
	EXPECT_EQ(Read("s3://b/k").region, "eu-north-1");
}

TEST_F(S3ConfigReaderTest, ProfileFilesApplyLastAndAwsProfileSelects) {
	WriteHomeFile("credentials", "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = d\n"
	                             "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = v\n");
	WriteHomeFile("config", "[default]\nregion = eu-west-3\n[profile dev]\nregion = sa-east-1\n"
	                        "endpoint_url = https://storage.example.com:8443\n");
	auto config = Read("s3://b/k");
	EXPECT_EQ(config.key_id, "AKIDDEFAULT");
	EXPECT_EQ(config.region, "eu-west-3");
	environment.Set("AWS_PROFILE", "dev");
	config = Read("s3://b/k");
	EXPECT_EQ(config.key_id, "AKIDDEV");
	EXPECT_EQ(config.region, "sa-east-1");
	EXPECT_EQ(config.endpoint, "storage.example.com:8443");
	EXPECT_TRUE(config.use_ssl);
}

TEST_F(S3ConfigReaderTest, CredentialChainSecretCapturesTheEnvironment) {
	environment.Set("AWS_ACCESS_KEY_ID", "AKIDCHAIN");
	environment.Set("AWS_SECRET_ACCESS_KEY", "chainsecret");
	Run("CREATE SECRET chained (TYPE s3, PROVIDER credential_chain, URL_STYLE 'path')");
	environment.Unset("AWS_ACCESS_KEY_ID");
	environment.Unset("AWS_SECRET_ACCESS_KEY");
	auto config = Read("s3://b/k");
	EXPECT_EQ(config.key_id, "AKIDCHAIN");
	EXPECT_EQ(config.url_style, S3UrlStyle::PATH);
}

TEST_F(S3ConfigReaderTest, CredentialChainWithoutCredentialsSaysWhereToPutThem) {
	auto result = con.Query("CREATE SECRET (TYPE s3, PROVIDER credential_chain)");
	ASSERT_TRUE(result->HasError());
	EXPECT_NE(result->GetError().find("found no credentials"), std::string::npos) << result->GetError();
}

TEST_F(S3ConfigReaderTest, SecretValuesAreRedactedInDuckdbSecrets) {
	Run("CREATE SECRET shown (TYPE s3, KEY_ID 'AKIDVISIBLE', SECRET 'topsecretvalue', SESSION_TOKEN 'tokenvalue')");
	auto result = con.Query("SELECT secret_string FROM duckdb_secrets() WHERE name = 'shown'");
	ASSERT_FALSE(result->HasError()) << result->GetError();
	auto text = result->GetValue(0, 0).ToString();
	EXPECT_NE(text.find("AKIDVISIBLE"), std::string::npos) << text;
	EXPECT_EQ(text.find("topsecretvalue"), std::string::npos) << text;
	EXPECT_EQ(text.find("tokenvalue"), std::string::npos) << text;
}

TEST_F(S3ConfigReaderTest, BadSecretValuesAreRejectedAtCreate) {
	auto result = con.Query("CREATE SECRET (TYPE s3, KEY_ID 'A', SECRET 's', URL_STYLE 'virtual')");
	ASSERT_TRUE(result->HasError());
	EXPECT_NE(result->GetError().find("use 'vhost' or 'path'"), std::string::npos) << result->GetError();
	result = con.Query("CREATE SECRET (TYPE s3, KEY_ID 'A', SECRET 's', ENDPOINT 'http://host/path')");
	ASSERT_TRUE(result->HasError());
	EXPECT_NE(result->GetError().find("malformed endpoint"), std::string::npos) << result->GetError();
}

TEST_F(S3ConfigReaderTest, MalformedEndpointSettingNamesTheSetting) {
	Run("SET s3_endpoint = 'ftp://x'");
	try {
		Read("s3://b/k");
		FAIL() << "expected an error";
	} catch (std::exception &error) {
		EXPECT_NE(std::string(error.what()).find("SET s3_*: malformed endpoint 'ftp://x'"), std::string::npos)
		    << error.what();
	}
}

TEST_F(S3ConfigReaderTest, PersistentSecretSurvivesARestart) {
	TempDirectory secrets;
	auto set_directory = "SET secret_directory = '" + secrets.Path() + "'";
	{
		duckdb::DuckDB first(nullptr);
		first.LoadStaticExtension<DucklakeExtension>();
		duckdb::Connection first_con(first);
		ASSERT_FALSE(first_con.Query(set_directory)->HasError());
		auto result = first_con.Query("CREATE PERSISTENT SECRET kept (TYPE s3, KEY_ID 'AKIDKEPT', SECRET 'k', "
		                              "REGION 'eu-south-1', SCOPE 's3://kept-bucket')");
		ASSERT_FALSE(result->HasError()) << "CREATE PERSISTENT SECRET: " << result->GetError();
	}
	ASSERT_FALSE(std::filesystem::is_empty(secrets.Path())) << "the secret was not written to disk";
	duckdb::DuckDB second(nullptr);
	second.LoadStaticExtension<DucklakeExtension>();
	duckdb::Connection second_con(second);
	ASSERT_FALSE(second_con.Query(set_directory)->HasError());
	duckdb::ClientContextFileOpener opener(*second_con.context);
	auto resolved = ReadS3Config("s3://kept-bucket/x", &opener);
	EXPECT_EQ(resolved.key_id, "AKIDKEPT");
	EXPECT_EQ(resolved.region, "eu-south-1");
}

} // namespace ducklake
