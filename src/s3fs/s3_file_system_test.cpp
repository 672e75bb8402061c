#include "extension/ducklake_extension.hpp"
#include "s3fs/curl_transport.hpp"
#include "s3fs/s3_client.hpp"
#include "s3fs/s3_file_system.hpp"
#include "s3fs/s3_test_server_test_support.hpp"
#include "support/loopback_port.hpp"

#include "duckdb.hpp"
#include "duckdb/main/client_context_file_opener.hpp"

#include <gtest/gtest.h>

namespace ducklake {

class S3FileSystemTest : public ::testing::Test {
protected:
	void SetUp() override {
		std::string error;
		if (!server.Start(error)) {
			GTEST_SKIP() << "needs ducklake-s3d: " << error;
		}
		ASSERT_TRUE(server.CreateBucket("lake", error)) << error;
		db.LoadStaticExtension<DucklakeExtension>();
		Run(server.CreateSecretSql());
	}
	void Run(const std::string &sql) {
		auto result = con.Query(sql);
		ASSERT_FALSE(result->HasError()) << sql << ": " << result->GetError();
	}
	std::string QueryError(const std::string &sql) {
		auto result = con.Query(sql);
		EXPECT_TRUE(result->HasError()) << sql << " should have failed";
		return result->HasError() ? result->GetError() : std::string();
	}
	std::string Scalar(const std::string &sql) {
		auto result = con.Query(sql);
		EXPECT_FALSE(result->HasError()) << sql << ": " << result->GetError();
		return result->HasError() ? std::string() : result->GetValue(0, 0).ToString();
	}
	S3Client DirectClient() {
		S3Config config;
		config.key_id = S3TestServer::ACCESS_KEY;
		config.secret = S3TestServer::SECRET_KEY;
		config.endpoint = server.Endpoint();
		config.url_style = S3UrlStyle::PATH;
		config.use_ssl = false;
		return S3Client(transport, config, HttpClientSettings());
	}
	duckdb::FileSystem &Fs() {
		return duckdb::FileSystem::GetFileSystem(*db.instance);
	}

	S3TestServer server;
	CurlTransport transport;
	duckdb::DuckDB db {nullptr};
	duckdb::Connection con {db};
};

TEST_F(S3FileSystemTest, CopyToS3ThenReadParquetMatchesTheSource) {
	Run("COPY (SELECT i, i % 7 AS g, 'name ' || i AS s FROM range(200000) t(i)) TO 's3://lake/t.parquet'");
	EXPECT_EQ(Scalar("SELECT count(*) || ',' || sum(i) || ',' || sum(g) || ',' || max(s) FROM "
	                 "read_parquet('s3://lake/t.parquet')"),
	          Scalar("SELECT count(*) || ',' || sum(i) || ',' || sum(i % 7) || ',' || max('name ' || i) FROM "
	                 "range(200000) t(i)"));
}

TEST_F(S3FileSystemTest, CsvRoundTripAndFilteredRead) {
	Run("COPY (SELECT i, i * i AS sq FROM range(1000) t(i)) TO 's3://lake/csv/squares.csv' (HEADER)");
	EXPECT_EQ(Scalar("SELECT sq FROM read_csv('s3://lake/csv/squares.csv') WHERE i = 999"), "998001");
}

TEST_F(S3FileSystemTest, GlobStarStaysInOneLevelAndDoubleStarRecurses) {
	Run("COPY (SELECT 1 AS x) TO 's3://lake/g/a.parquet'");
	Run("COPY (SELECT 2 AS x) TO 's3://lake/g/b.parquet'");
	Run("COPY (SELECT 4 AS x) TO 's3://lake/g/sub/c.parquet'");
	Run("COPY (SELECT 8 AS x) TO 's3://lake/g/sub/deeper/d.parquet'");
	Run("COPY (SELECT 16 AS x) TO 's3://lake/g/e.csv'");
	EXPECT_EQ(Scalar("SELECT sum(x) FROM read_parquet('s3://lake/g/*.parquet')"), "3");
	EXPECT_EQ(Scalar("SELECT sum(x) FROM read_parquet('s3://lake/g/**/*.parquet')"), "15");
	EXPECT_EQ(Scalar("SELECT sum(x) FROM read_parquet('s3://lake/g/*/*.parquet')"), "4");
	EXPECT_EQ(Scalar("SELECT count(*) FROM glob('s3://lake/g/**')"), "5");
	EXPECT_EQ(Scalar("SELECT string_agg(file, ',' ORDER BY file) FROM glob('s3://lake/g/[ab].parquet')"),
	          "s3://lake/g/a.parquet,s3://lake/g/b.parquet");
	auto error = QueryError("SELECT * FROM read_parquet('s3://lake/g/*.nothing')");
	EXPECT_NE(error.find("No files found"), std::string::npos) << error;
}

TEST_F(S3FileSystemTest, GlobAndListingFollowPagination) {
	auto client = DirectClient();
	const int object_count = 23;
	for (int object_idx = 0; object_idx < object_count; object_idx++) {
		client.PutObject("lake", "many/o" + std::to_string(object_idx) + ".txt", "x", 1);
	}
	client.PutObject("lake", "many/sub/deep.txt", "x", 1);
	// Pages of 5 keys: page size - 1, page size and page size + 1 are all crossed.
	S3FileSystemTuning tuning;
	tuning.list_page_keys = 5;
	std::shared_ptr<HttpTransport> shared = std::make_shared<CurlTransport>();
	S3FileSystem fs(shared, tuning);
	duckdb::ClientContextFileOpener opener(*con.context);
	EXPECT_EQ(fs.Glob("s3://lake/many/*.txt", &opener).size(), static_cast<size_t>(object_count));
	EXPECT_EQ(fs.Glob("s3://lake/many/**/*.txt", &opener).size(), static_cast<size_t>(object_count + 1));
	EXPECT_EQ(fs.Glob("s3://lake/many/o1?.txt", &opener).size(), 10u);
	size_t listed = 0;
	fs.ListFiles(
	    "s3://lake/many/", [&](const std::string &, bool) { listed++; }, &opener);
	EXPECT_EQ(listed, static_cast<size_t>(object_count + 1));
	tuning.list_pages_max = 2;
	S3FileSystem bounded(shared, tuning);
	EXPECT_THROW(bounded.Glob("s3://lake/many/*.txt", &opener), std::exception);
}

TEST_F(S3FileSystemTest, LargeWriteUsesParallelMultipartAndReadsBackExactly) {
	// ~48 MiB of incompressible data: three 16 MiB parts.
	Run("COPY (SELECT i, md5(i::VARCHAR) || md5((i * 7)::VARCHAR) AS h FROM range(700000) t(i)) TO "
	    "'s3://lake/big.parquet' (COMPRESSION uncompressed)");
	auto handle = Fs().OpenFile("s3://lake/big.parquet", duckdb::FileFlags::FILE_FLAGS_READ);
	EXPECT_GT(handle->GetFileSize(), 32u << 20);
	// Multipart objects carry S3's "md5-of-md5s-N" ETag.
	EXPECT_NE(Fs().GetVersionTag(*handle).find("-"), std::string::npos) << Fs().GetVersionTag(*handle);
	EXPECT_EQ(Scalar("SELECT count(*) || ',' || sum(i) || ',' || count(DISTINCT h) FROM "
	                 "read_parquet('s3://lake/big.parquet')"),
	          "700000,244999650000,700000");
}

TEST_F(S3FileSystemTest, ObjectReplacedWhileOpenIsAnError) {
	auto client = DirectClient();
	std::string first(3 << 20, 'a');
	client.PutObject("lake", "changing.bin", first.data(), first.size());
	auto handle = Fs().OpenFile("s3://lake/changing.bin", duckdb::FileFlags::FILE_FLAGS_READ);
	std::string buffer(10, '\0');
	handle->Read(&buffer[0], buffer.size(), 0);
	std::string second(3 << 20, 'b');
	client.PutObject("lake", "changing.bin", second.data(), second.size());
	try {
		handle->Read(&buffer[0], buffer.size(), 2 << 20);
		FAIL() << "reading a replaced object must fail";
	} catch (std::exception &error) {
		EXPECT_NE(std::string(error.what()).find("changed while it was being read"), std::string::npos) << error.what();
	}
}

TEST_F(S3FileSystemTest, KeysWithSpacesPlusAndUnicodeRoundTrip) {
	Run("COPY (SELECT 42 AS answer) TO 's3://lake/odd dir/a+b ü=1.parquet'");
	EXPECT_EQ(Scalar("SELECT answer FROM read_parquet('s3://lake/odd dir/a+b ü=1.parquet')"), "42");
	EXPECT_EQ(Scalar("SELECT count(*) FROM glob('s3://lake/odd dir/*.parquet')"), "1");
}

TEST_F(S3FileSystemTest, EmptyObjectHasSizeZero) {
	auto client = DirectClient();
	client.PutObject("lake", "empty.bin", "", 0);
	auto handle = Fs().OpenFile("s3://lake/empty.bin", duckdb::FileFlags::FILE_FLAGS_READ);
	EXPECT_EQ(handle->GetFileSize(), 0u);
	char byte;
	EXPECT_EQ(handle->Read(&byte, 1), 0);
}

TEST_F(S3FileSystemTest, DirectoryOperationsOnAFlatNamespace) {
	auto client = DirectClient();
	for (auto key : {"d/x.txt", "d/y.txt", "d/sub/z.txt", "other/w.txt"}) {
		client.PutObject("lake", key, "1", 1);
	}
	auto &fs = Fs();
	EXPECT_TRUE(fs.DirectoryExists("s3://lake/d"));
	EXPECT_TRUE(fs.DirectoryExists("s3://lake/d/"));
	EXPECT_FALSE(fs.DirectoryExists("s3://lake/nothing"));
	EXPECT_TRUE(fs.FileExists("s3://lake/d/x.txt"));
	EXPECT_FALSE(fs.FileExists("s3://lake/d/missing.txt"));
	std::vector<std::string> entries;
	fs.ListFiles("s3://lake/d",
	             [&](const std::string &name, bool is_dir) { entries.push_back(name + (is_dir ? "/" : "")); });
	std::sort(entries.begin(), entries.end());
	EXPECT_EQ(entries, (std::vector<std::string> {"sub/", "x.txt", "y.txt"}));
	fs.CreateDirectory("s3://lake/newdir");
	fs.MoveFile("s3://lake/d/y.txt", "s3://lake/moved/y.txt");
	EXPECT_FALSE(fs.FileExists("s3://lake/d/y.txt"));
	EXPECT_TRUE(fs.FileExists("s3://lake/moved/y.txt"));
	fs.RemoveDirectory("s3://lake/d");
	EXPECT_FALSE(fs.DirectoryExists("s3://lake/d"));
	EXPECT_TRUE(fs.FileExists("s3://lake/other/w.txt"));
	fs.RemoveFile("s3://lake/other/w.txt");
	EXPECT_FALSE(fs.FileExists("s3://lake/other/w.txt"));
}

TEST_F(S3FileSystemTest, MissingObjectNamesBucketKeyAndStatus) {
	auto error = QueryError("SELECT * FROM read_parquet('s3://lake/absent.parquet')");
	EXPECT_NE(error.find("s3://lake/absent.parquet"), std::string::npos) << error;
	EXPECT_NE(error.find("404"), std::string::npos) << error;
}

TEST_F(S3FileSystemTest, WrongSecretIsSignatureDoesNotMatchWithAHint) {
	Run("CREATE OR REPLACE SECRET s3d (TYPE s3, KEY_ID '" + std::string(S3TestServer::ACCESS_KEY) +
	    "', SECRET 'wrong', ENDPOINT '" + server.Endpoint() + "', URL_STYLE 'path', USE_SSL false)");
	auto error = QueryError("COPY (SELECT 1) TO 's3://lake/denied.parquet'");
	EXPECT_NE(error.find("S3 PUT s3://lake/denied.parquet failed: HTTP 403 SignatureDoesNotMatch"), std::string::npos)
	    << error;
	EXPECT_NE(error.find("check the secret access key"), std::string::npos) << error;
	EXPECT_NE(error.find("URL style 'path'"), std::string::npos) << error;
}

TEST_F(S3FileSystemTest, MissingBucketIsNoSuchBucket) {
	auto error = QueryError("COPY (SELECT 1) TO 's3://no-such-bucket/x.parquet'");
	EXPECT_NE(error.find("HTTP 404 NoSuchBucket"), std::string::npos) << error;
	EXPECT_NE(error.find("bucket 'no-such-bucket' does not exist"), std::string::npos) << error;
}

TEST_F(S3FileSystemTest, UnreachableEndpointSaysSo) {
	Run("SET http_retries = 0");
	Run("CREATE OR REPLACE SECRET s3d (TYPE s3, KEY_ID 'a', SECRET 'b', ENDPOINT '127.0.0.1:" +
	    std::to_string(FindFreeLoopbackPort()) + "', URL_STYLE 'path', USE_SSL false)");
	auto error = QueryError("SELECT * FROM read_parquet('s3://lake/t.parquet')");
	EXPECT_NE(error.find("cannot connect to the endpoint"), std::string::npos) << error;
}

TEST_F(S3FileSystemTest, AppendingAndRandomWritesAreRefused) {
	auto handle = Fs().OpenFile("s3://lake/seq.bin",
	                            duckdb::FileFlags::FILE_FLAGS_WRITE | duckdb::FileFlags::FILE_FLAGS_FILE_CREATE_NEW);
	char data[4] = {1, 2, 3, 4};
	handle->file_system.Write(*handle, data, 4, 0);
	EXPECT_THROW(handle->file_system.Write(*handle, data, 4, 100), std::exception);
	handle->Close();
	EXPECT_EQ(Fs().OpenFile("s3://lake/seq.bin", duckdb::FileFlags::FILE_FLAGS_READ)->GetFileSize(), 4u);
	EXPECT_THROW(
	    Fs().OpenFile("s3://lake/seq.bin", duckdb::FileFlags::FILE_FLAGS_WRITE | duckdb::FileFlags::FILE_FLAGS_APPEND),
	    std::exception);
}

TEST_F(S3FileSystemTest, AbandonedWriteLeavesNoObject) {
	{
		auto handle = Fs().OpenFile("s3://lake/abandoned.bin", duckdb::FileFlags::FILE_FLAGS_WRITE |
		                                                           duckdb::FileFlags::FILE_FLAGS_FILE_CREATE_NEW);
		std::string data(40 << 20, 'q'); // enough to start a multipart upload
		handle->file_system.Write(*handle, &data[0], static_cast<int64_t>(data.size()), 0);
		// destroyed without Close: the upload is aborted
	}
	EXPECT_FALSE(Fs().FileExists("s3://lake/abandoned.bin"));
}

} // namespace ducklake
