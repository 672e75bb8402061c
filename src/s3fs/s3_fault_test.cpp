// Fault injection at the transport seam, end to end through DuckDB: transient faults are retried
// invisibly, and a write whose Nth request fails for good leaves neither an object nor a dangling
// multipart upload behind (SQLite's method: fail request N, for every N).
#include "extension/ducklake_extension.hpp"
#include "s3fs/curl_transport.hpp"
#include "s3fs/fault_injecting_transport.hpp"
#include "s3fs/local_web_server_test_support.hpp"
#include "s3fs/s3_client.hpp"
#include "s3fs/s3_file_system.hpp"
#include "s3fs/s3_test_server_test_support.hpp"

#include "duckdb.hpp"

#include <gtest/gtest.h>
#include <set>

namespace ducklake {

class S3FaultTest : public ::testing::Test {
protected:
	void SetUp() override {
		std::string error;
		if (!server.Start(error)) {
			GTEST_SKIP() << "needs ducklake-s3d: " << error;
		}
		ASSERT_TRUE(server.CreateBucket("lake", error)) << error;
		db.LoadStaticExtension<DucklakeExtension>();
		// Registered last, this file system takes s3:// from the extension's: same code, faulty wire.
		S3FileSystemTuning tuning;
		tuning.upload.part_size_bytes = 5ULL << 20;
		auto faulty = std::make_shared<FaultInjectingTransport>(
		    curl, [this](uint64_t number, const HttpRequest &request) { return Decide(number, request); });
		faults = faulty.get();
		duckdb::FileSystem::GetFileSystem(*db.instance)
		    .RegisterSubSystem(duckdb::make_uniq<S3FileSystem>(faulty, tuning));
		Run(server.CreateSecretSql());
		Run("SET http_retry_wait_ms = 1");
	}
	InjectedFault Decide(uint64_t number, const HttpRequest &request) {
		std::lock_guard<std::mutex> guard(rule_lock);
		return rule ? rule(number, request) : InjectedFault();
	}
	void SetRule(FaultInjectingTransport::Rule new_rule) {
		std::lock_guard<std::mutex> guard(rule_lock);
		rule = std::move(new_rule);
	}
	void Run(const std::string &sql) {
		auto result = con.Query(sql);
		ASSERT_FALSE(result->HasError()) << sql << ": " << result->GetError();
	}
	S3Client DirectClient() {
		S3Config config;
		config.key_id = S3TestServer::ACCESS_KEY;
		config.secret = S3TestServer::SECRET_KEY;
		config.endpoint = server.Endpoint();
		config.url_style = S3UrlStyle::PATH;
		config.use_ssl = false;
		return S3Client(curl, config, HttpClientSettings());
	}
	bool ObjectExists(const std::string &key) {
		auto client = DirectClient();
		RemoteObjectHead head;
		return client.Head("lake", key, head) == HeadOutcome::FOUND;
	}
	std::string PendingUploads() {
		auto client = DirectClient();
		std::vector<s3::QueryParameter> query {{"uploads", ""}};
		auto request = client.NewRequest(HttpMethod::GET, "lake", "", query);
		auto response = client.Send(request, "lake", "", query);
		EXPECT_EQ(response.status, 200) << response.body;
		return response.body;
	}

	//! ~12 MiB of incompressible Parquet: three 5 MiB parts.
	const std::string big_copy = "COPY (SELECT i, md5(i::VARCHAR) || md5((i + 1)::VARCHAR) AS h FROM range(170000) "
	                             "t(i)) TO 's3://lake/%KEY%' (COMPRESSION uncompressed)";
	std::string BigCopy(const std::string &key) {
		auto sql = big_copy;
		return sql.replace(sql.find("%KEY%"), 5, key);
	}

	S3TestServer server;
	CurlTransport curl;
	FaultInjectingTransport *faults = nullptr;
	std::mutex rule_lock;
	FaultInjectingTransport::Rule rule;
	duckdb::DuckDB db {nullptr};
	duckdb::Connection con {db};
};

TEST_F(S3FaultTest, TransientFaultsAreRetriedInvisibly) {
	// The first attempt of every distinct request fails (503 SlowDown or a reset, alternately); its
	// retry goes through. Keyed by request, not by arrival order, so parallel ranges and parts
	// cannot make one request fail more often than that.
	std::set<std::string> seen;
	uint64_t failed = 0;
	SetRule([&](uint64_t, const HttpRequest &request) {
		std::string identity = std::string(HttpMethodName(request.method)) + " " + request.url;
		for (auto &header : request.headers) {
			if (header.name == "Range") {
				identity += " " + header.value;
			}
		}
		if (!seen.insert(identity).second) {
			return InjectedFault();
		}
		return failed++ % 2 == 0
		           ? InjectedFault::Status(503, "<Error><Code>SlowDown</Code><Message>Reduce</Message></Error>")
		           : InjectedFault::Reset();
	});
	Run(BigCopy("retried.parquet"));
	auto result = con.Query("SELECT count(*), sum(i) FROM read_parquet('s3://lake/retried.parquet')");
	ASSERT_FALSE(result->HasError()) << result->GetError();
	EXPECT_EQ(result->GetValue(0, 0).ToString(), "170000");
	EXPECT_EQ(result->GetValue(1, 0).ToString(), "14449915000");
	EXPECT_GT(faults->InjectedCount(), 4u);
}

TEST_F(S3FaultTest, ForbiddenIsNotRetried) {
	std::atomic<uint64_t> puts {0};
	SetRule([&](uint64_t, const HttpRequest &request) {
		if (request.method == HttpMethod::PUT) {
			puts++;
			return InjectedFault::Status(403, "<Error><Code>AccessDenied</Code><Message>no</Message></Error>");
		}
		return InjectedFault();
	});
	auto result = con.Query("COPY (SELECT 1 AS x) TO 's3://lake/forbidden.parquet'");
	ASSERT_TRUE(result->HasError());
	EXPECT_NE(result->GetError().find("HTTP 403 AccessDenied"), std::string::npos) << result->GetError();
	EXPECT_EQ(puts.load(), 1u);
}

TEST_F(S3FaultTest, FailingAnyRequestOfAWriteLeavesNothingBehind) {
	Run("SET http_retries = 0");
	// The check below must be able to see a dangling upload.
	auto client = DirectClient();
	auto probe_id = client.CreateMultipartUpload("lake", "probe.bin");
	ASSERT_NE(PendingUploads().find("<Upload>"), std::string::npos) << PendingUploads();
	ASSERT_TRUE(client.AbortMultipartUpload("lake", "probe.bin", probe_id));
	ASSERT_EQ(PendingUploads().find("<Upload>"), std::string::npos) << PendingUploads();
	// Count the requests of a clean multipart write first.
	auto before = faults->RequestCount();
	Run(BigCopy("clean.parquet"));
	auto request_count = faults->RequestCount() - before;
	ASSERT_GE(request_count, 5u) << "expected create + 3 parts + complete";
	for (uint64_t failing = 1; failing <= request_count; failing++) {
		auto start = faults->RequestCount();
		SetRule([start, failing](uint64_t number, const HttpRequest &request) {
			if (number == start + failing && request.method != HttpMethod::DELETE) {
				return InjectedFault::Status(500, "<Error><Code>InternalError</Code><Message>x</Message></Error>");
			}
			return InjectedFault();
		});
		auto key = "fault" + std::to_string(failing) + ".parquet";
		auto result = con.Query(BigCopy(key));
		EXPECT_TRUE(result->HasError()) << "request " << failing << " failed, yet the COPY succeeded";
		SetRule(nullptr);
		EXPECT_FALSE(ObjectExists(key)) << "request " << failing << " failed, yet " << key << " is visible";
		EXPECT_EQ(PendingUploads().find("<Upload>"), std::string::npos)
		    << "request " << failing << " failed and left a multipart upload: " << PendingUploads();
	}
	EXPECT_TRUE(ObjectExists("clean.parquet"));
}

TEST_F(S3FaultTest, SmallWriteFailureLeavesNoObject) {
	Run("SET http_retries = 1");
	SetRule([](uint64_t, const HttpRequest &request) {
		return request.method == HttpMethod::PUT ? InjectedFault::Timeout() : InjectedFault();
	});
	auto result = con.Query("COPY (SELECT 1 AS x) TO 's3://lake/small.parquet'");
	ASSERT_TRUE(result->HasError());
	EXPECT_NE(result->GetError().find("after 2 attempts"), std::string::npos) << result->GetError();
	SetRule(nullptr);
	EXPECT_FALSE(ObjectExists("small.parquet"));
}

TEST_F(S3FaultTest, ADeleteFileWriteThatFailsFailsTheCommitAndLeavesNothing) {
	// A DELETE writes its delete file in the background as soon as the statement ends; a failed
	// write must still fail the COMMIT with the write's message, and leave no file and no catalog row.
	TempDirectory metadata;
	Run("ATTACH 'ducklake:" + metadata.Path() + "/metadata.ducklake' AS lake (DATA_PATH 's3://lake/data/')");
	Run("CREATE TABLE lake.t AS SELECT range AS i FROM range(1000)");
	auto delete_objects = [&]() {
		auto result = con.Query("SELECT count(*) FROM glob('s3://lake/data/**/*-delete.parquet')");
		EXPECT_FALSE(result->HasError()) << result->GetError();
		return result->HasError() ? int64_t(-1) : result->GetValue(0, 0).GetValue<int64_t>();
	};
	std::atomic<uint64_t> refused {0};
	SetRule([&](uint64_t, const HttpRequest &request) {
		if (request.method != HttpMethod::DELETE && request.method != HttpMethod::GET &&
		    request.method != HttpMethod::HEAD && request.url.find("-delete.parquet") != std::string::npos) {
			refused++;
			return InjectedFault::Status(403, "<Error><Code>AccessDenied</Code><Message>no</Message></Error>");
		}
		return InjectedFault();
	});
	Run("BEGIN");
	Run("DELETE FROM lake.t WHERE i % 10 = 3");
	auto commit = con.Query("COMMIT");
	SetRule(nullptr);
	ASSERT_TRUE(commit->HasError()) << "the delete file could not be written, yet the commit succeeded";
	EXPECT_NE(commit->GetError().find("Cannot write DuckLake delete file"), std::string::npos) << commit->GetError();
	EXPECT_NE(commit->GetError().find("AccessDenied"), std::string::npos) << commit->GetError();
	EXPECT_GT(refused.load(), 0u);
	EXPECT_EQ(delete_objects(), 0);
	auto rows = con.Query("SELECT count(*) FROM lake.t");
	ASSERT_FALSE(rows->HasError()) << rows->GetError();
	EXPECT_EQ(rows->GetValue(0, 0).ToString(), "1000");
	auto catalog_rows =
	    con.Query("SELECT count(*) FROM ducklake_metadata_query('lake', 'SELECT * FROM ducklake_delete_file')");
	ASSERT_FALSE(catalog_rows->HasError()) << catalog_rows->GetError();
	EXPECT_EQ(catalog_rows->GetValue(0, 0).ToString(), "0");

	// Without faults: a rolled back DELETE leaves no file, a committed one leaves exactly one.
	Run("BEGIN");
	Run("DELETE FROM lake.t WHERE i % 10 = 3");
	Run("ROLLBACK");
	EXPECT_EQ(delete_objects(), 0);
	Run("BEGIN");
	Run("DELETE FROM lake.t WHERE i % 10 = 3");
	Run("DELETE FROM lake.t WHERE i % 10 = 4");
	Run("COMMIT");
	EXPECT_EQ(delete_objects(), 1) << "the first statement's background file is superseded and removed";
	rows = con.Query("SELECT count(*) FROM lake.t");
	ASSERT_FALSE(rows->HasError()) << rows->GetError();
	EXPECT_EQ(rows->GetValue(0, 0).ToString(), "800");
}

} // namespace ducklake
