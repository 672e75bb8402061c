#include "extension/ducklake_extension.hpp"
#include "s3fs/local_web_server_test_support.hpp"

#include "duckdb.hpp"

#include <gtest/gtest.h>
#include <thread>

namespace ducklake {

class HttpFileSystemTest : public ::testing::Test {
protected:
	void SetUp() override {
		std::string error;
		if (!server.Start(error)) {
			GTEST_SKIP() << "needs a local nginx: " << error;
		}
		db.LoadStaticExtension<DucklakeExtension>();
	}
	std::string WriteParquet(const std::string &name, int64_t rows) {
		auto path = server.Root() + "/" + name;
		auto result = con.Query("COPY (SELECT i, i * 2 AS j, 'row ' || i AS s FROM range(" + std::to_string(rows) +
		                        ") t(i)) TO '" + path + "' (FORMAT parquet, ROW_GROUP_SIZE 10000)");
		EXPECT_FALSE(result->HasError()) << result->GetError();
		return server.Url(name);
	}
	LocalWebServer server;
	duckdb::DuckDB db {nullptr};
	duckdb::Connection con {db};
};

TEST_F(HttpFileSystemTest, ReadParquetOverHttpMatchesTheLocalFile) {
	auto url = WriteParquet("t.parquet", 100000);
	auto remote = con.Query("SELECT count(*), sum(i), sum(j), max(s) FROM read_parquet('" + url + "')");
	ASSERT_FALSE(remote->HasError()) << remote->GetError();
	auto local =
	    con.Query("SELECT count(*), sum(i), sum(j), max(s) FROM read_parquet('" + server.Root() + "/t.parquet')");
	ASSERT_FALSE(local->HasError()) << local->GetError();
	for (duckdb::idx_t column_idx = 0; column_idx < 4; column_idx++) {
		EXPECT_EQ(remote->GetValue(column_idx, 0), local->GetValue(column_idx, 0));
	}
	EXPECT_EQ(remote->GetValue(0, 0).GetValue<int64_t>(), 100000);
}

TEST_F(HttpFileSystemTest, ReadCsvOverHttps) {
	server.WriteFile("data/a.csv", "x,y\n1,one\n2,two\n3,three\n");
	auto result =
	    con.Query("SELECT sum(x), string_agg(y, '|' ORDER BY x) FROM read_csv('" + server.Url("data/a.csv") + "')");
	ASSERT_FALSE(result->HasError()) << result->GetError();
	EXPECT_EQ(result->GetValue(0, 0).ToString(), "6");
	EXPECT_EQ(result->GetValue(1, 0).ToString(), "one|two|three");
}

TEST_F(HttpFileSystemTest, MissingFileNamesTheUrlAndStatus) {
	auto url = server.Url("nothing.parquet");
	auto result = con.Query("SELECT * FROM read_parquet('" + url + "')");
	ASSERT_TRUE(result->HasError());
	EXPECT_NE(result->GetError().find(url), std::string::npos) << result->GetError();
	EXPECT_NE(result->GetError().find("404"), std::string::npos) << result->GetError();
}

TEST_F(HttpFileSystemTest, WritingToHttpIsRefusedAsReadOnly) {
	auto result = con.Query("COPY (SELECT 1) TO '" + server.Url("out.parquet") + "'");
	ASSERT_TRUE(result->HasError());
	EXPECT_NE(result->GetError().find("read-only"), std::string::npos) << result->GetError();
}

TEST_F(HttpFileSystemTest, FileReplacedWhileOpenIsAnErrorNotAMix) {
	std::string first(3 << 20, 'a');
	server.WriteFile("changing.bin", first);
	auto &fs = duckdb::FileSystem::GetFileSystem(*db.instance);
	auto handle = fs.OpenFile(server.Url("changing.bin"), duckdb::FileFlags::FILE_FLAGS_READ);
	ASSERT_EQ(handle->GetFileSize(), first.size());
	std::string buffer(100, '\0');
	handle->Read(&buffer[0], buffer.size(), 0);
	EXPECT_EQ(buffer, std::string(100, 'a'));
	server.WriteFile("changing.bin", std::string((3 << 20) + 1, 'b'));
	try {
		handle->Read(&buffer[0], buffer.size(), 2 << 20);
		FAIL() << "a read after the file was replaced must fail";
	} catch (std::exception &error) {
		EXPECT_NE(std::string(error.what()).find("changed while it was being read"), std::string::npos) << error.what();
	}
}

TEST_F(HttpFileSystemTest, ServerIgnoringRangeRequestsIsAnError) {
	// nginx with max_ranges 0 answers range requests with the whole file, like python's http.server.
	std::string data(2 << 20, 'z');
	server.WriteFile("norange/big.bin", data);
	auto &fs = duckdb::FileSystem::GetFileSystem(*db.instance);
	auto handle = fs.OpenFile(server.Url("norange/big.bin"), duckdb::FileFlags::FILE_FLAGS_READ);
	std::string buffer(10, '\0');
	try {
		handle->Read(&buffer[0], buffer.size(), 100);
		FAIL() << "expected an error";
	} catch (std::exception &error) {
		EXPECT_NE(std::string(error.what()).find("ignored the Range header"), std::string::npos) << error.what();
	}
}

TEST_F(HttpFileSystemTest, ConcurrentReadersOfOneHandleGetTheirOwnBytes) {
	std::string data(8 << 20, '\0');
	for (size_t byte_idx = 0; byte_idx < data.size(); byte_idx++) {
		data[byte_idx] = static_cast<char>((byte_idx / 7) % 256);
	}
	server.WriteFile("shared.bin", data);
	auto &fs = duckdb::FileSystem::GetFileSystem(*db.instance);
	auto handle = fs.OpenFile(server.Url("shared.bin"), duckdb::FileFlags::FILE_FLAGS_READ);
	const int thread_count = 4;
	std::vector<std::thread> threads;
	std::atomic<int> mismatches {0};
	for (int thread_idx = 0; thread_idx < thread_count; thread_idx++) {
		threads.emplace_back([&, thread_idx] {
			const uint64_t read_count = 20;
			for (uint64_t read_idx = 0; read_idx < read_count; read_idx++) {
				uint64_t offset = (thread_idx * 1000003ULL + read_idx * 300007ULL) % (data.size() - 5000);
				std::string buffer(5000, '\0');
				handle->Read(&buffer[0], buffer.size(), offset);
				if (buffer != data.substr(offset, buffer.size())) {
					mismatches++;
				}
			}
		});
	}
	for (auto &thread : threads) {
		thread.join();
	}
	EXPECT_EQ(mismatches.load(), 0);
}

TEST_F(HttpFileSystemTest, HttpSettingsAreRegisteredWithHttpfsDefaults) {
	auto result = con.Query("SELECT current_setting('http_retries'), current_setting('http_timeout'), "
	                        "current_setting('s3_region') IS NULL");
	ASSERT_FALSE(result->HasError()) << result->GetError();
	EXPECT_EQ(result->GetValue(0, 0).ToString(), "3");
	EXPECT_EQ(result->GetValue(1, 0).ToString(), "30");
	EXPECT_EQ(result->GetValue(2, 0).ToString(), "true");
}

} // namespace ducklake
