// https:// reads against nginx serving files over TLS with a certificate from a CA made for the
// test: trusted through ca_cert_file they work, untrusted they fail naming the URL and the
// certificate problem. Also s3:// over https through nginx in front of ducklake-s3d.
#include "extension/ducklake_extension.hpp"
#include "s3fs/local_web_server_test_support.hpp"
#include "s3fs/s3_test_server_test_support.hpp"

#include "duckdb.hpp"

#include <gtest/gtest.h>

namespace ducklake {

class HttpsReadTest : public ::testing::Test {
protected:
	void SetUp() override {
		std::string error;
		LocalWebServer::Options options;
		options.tls = true;
		if (!server.Start(error, options)) {
			GTEST_SKIP() << "needs a local nginx and openssl: " << error;
		}
		db.LoadStaticExtension<DucklakeExtension>();
		auto result = con.Query("COPY (SELECT i, i * 2 AS j FROM range(50000) t(i)) TO '" + server.Root() +
		                        "/t.parquet' (FORMAT parquet, ROW_GROUP_SIZE 10000)");
		ASSERT_FALSE(result->HasError()) << result->GetError();
	}
	std::string ReadQuery(const std::string &url) {
		return "SELECT count(*), sum(i), sum(j) FROM read_parquet('" + url + "')";
	}
	LocalWebServer server;
	duckdb::DuckDB db {nullptr};
	duckdb::Connection con {db};
};

TEST_F(HttpsReadTest, ReadParquetWorksWhenTheCaIsTrusted) {
	auto set = con.Query("SET ca_cert_file = '" + server.CaCertFile() + "'");
	ASSERT_FALSE(set->HasError()) << set->GetError();
	auto url = server.Url("t.parquet");
	ASSERT_EQ(url.rfind("https://", 0), 0U) << url;
	auto result = con.Query(ReadQuery(url));
	ASSERT_FALSE(result->HasError()) << result->GetError();
	EXPECT_EQ(result->GetValue(0, 0).GetValue<int64_t>(), 50000);
	EXPECT_EQ(result->GetValue(1, 0).GetValue<int64_t>(), 50000LL * 49999 / 2);
	EXPECT_EQ(result->GetValue(2, 0).GetValue<int64_t>(), 50000LL * 49999);
}

TEST_F(HttpsReadTest, UntrustedCertificateFailsNamingTheUrlAndTheProblem) {
	auto url = server.Url("t.parquet");
	auto result = con.Query(ReadQuery(url));
	ASSERT_TRUE(result->HasError());
	auto &error = result->GetError();
	EXPECT_NE(error.find(url), std::string::npos) << error;
	EXPECT_NE(error.find("TLS certificate not accepted"), std::string::npos) << error;
	// libcurl's own words for the problem (OpenSSL: "unable to get local issuer certificate").
	EXPECT_NE(error.find("certificate problem"), std::string::npos) << error;
	EXPECT_NE(error.find("ca_cert_file"), std::string::npos) << error;
	// A certificate failure is permanent: no retries.
	EXPECT_EQ(error.find("attempts"), std::string::npos) << error;
}

TEST_F(HttpsReadTest, CertificateForAnotherHostIsRefusedEvenWithTheCaTrusted) {
	ASSERT_FALSE(con.Query("SET ca_cert_file = '" + server.CaCertFile() + "'")->HasError());
	// The certificate names 127.0.0.1 only.
	auto url = "https://localhost:" + server.Endpoint().substr(server.Endpoint().find(':') + 1) + "/t.parquet";
	auto result = con.Query(ReadQuery(url));
	ASSERT_TRUE(result->HasError());
	EXPECT_NE(result->GetError().find(url), std::string::npos) << result->GetError();
	EXPECT_NE(result->GetError().find("localhost"), std::string::npos) << result->GetError();
	EXPECT_NE(result->GetError().find("TLS certificate not accepted"), std::string::npos) << result->GetError();
}

TEST_F(HttpsReadTest, CaFileThatDoesNotExistIsNamedInTheError) {
	auto missing = server.Root() + "/no-such-ca.pem";
	ASSERT_FALSE(con.Query("SET ca_cert_file = '" + missing + "'")->HasError());
	auto result = con.Query(ReadQuery(server.Url("t.parquet")));
	ASSERT_TRUE(result->HasError());
	EXPECT_NE(result->GetError().find(missing), std::string::npos) << result->GetError();
}

TEST_F(HttpsReadTest, VerificationCanBeTurnedOffExplicitly) {
	ASSERT_FALSE(con.Query("SET enable_server_cert_verification = false")->HasError());
	auto result = con.Query(ReadQuery(server.Url("t.parquet")));
	ASSERT_FALSE(result->HasError()) << result->GetError();
	EXPECT_EQ(result->GetValue(0, 0).GetValue<int64_t>(), 50000);
}

TEST(S3OverHttpsTest, CopyAndReadThroughATlsProxyInFrontOfS3d) {
	S3TestServer s3d;
	std::string error;
	if (!s3d.Start(error)) {
		GTEST_SKIP() << error;
	}
	ASSERT_TRUE(s3d.CreateBucket("tls", error)) << error;
	LocalWebServer proxy;
	LocalWebServer::Options options;
	options.tls = true;
	options.proxy_target = s3d.Endpoint();
	if (!proxy.Start(error, options)) {
		GTEST_SKIP() << "needs a local nginx and openssl: " << error;
	}
	duckdb::DuckDB db(nullptr);
	db.LoadStaticExtension<DucklakeExtension>();
	duckdb::Connection con(db);
	auto secret = "CREATE SECRET (TYPE s3, KEY_ID '" + std::string(S3TestServer::ACCESS_KEY) + "', SECRET '" +
	              S3TestServer::SECRET_KEY + "', ENDPOINT '" + proxy.Endpoint() + "', URL_STYLE 'path', USE_SSL true)";
	ASSERT_FALSE(con.Query(secret)->HasError());
	auto untrusted = con.Query("COPY (SELECT 1 AS x) TO 's3://tls/x.parquet'");
	ASSERT_TRUE(untrusted->HasError());
	EXPECT_NE(untrusted->GetError().find("s3://tls/x.parquet"), std::string::npos) << untrusted->GetError();
	EXPECT_NE(untrusted->GetError().find("ca_cert_file"), std::string::npos) << untrusted->GetError();

	ASSERT_FALSE(con.Query("SET ca_cert_file = '" + proxy.CaCertFile() + "'")->HasError());
	// Larger than one PUT: the multipart upload goes through TLS too.
	auto copy = con.Query("COPY (SELECT i, md5(i::VARCHAR) AS h FROM range(1000000) t(i)) TO 's3://tls/t.parquet' "
	                      "(FORMAT parquet, COMPRESSION uncompressed)");
	ASSERT_FALSE(copy->HasError()) << copy->GetError();
	auto result = con.Query("SELECT count(*), sum(i), count(DISTINCT h) FROM read_parquet('s3://tls/t.parquet')");
	ASSERT_FALSE(result->HasError()) << result->GetError();
	EXPECT_EQ(result->GetValue(0, 0).GetValue<int64_t>(), 1000000);
	EXPECT_EQ(result->GetValue(1, 0).GetValue<int64_t>(), 1000000LL * 999999 / 2);
	EXPECT_EQ(result->GetValue(2, 0).GetValue<int64_t>(), 1000000);
}

} // namespace ducklake
