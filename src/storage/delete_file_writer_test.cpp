#include "storage/delete_file_writer.hpp"

#include "storage/ducklake_scan.hpp"

#include "duckdb.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <gtest/gtest.h>
#include <regex>
#include <unistd.h>

namespace ducklake {

namespace {

class DeleteFileWriterTest : public ::testing::Test {
protected:
	void SetUp() override {
		directory = std::filesystem::temp_directory_path() / ("ducklake-delete-writer-" + std::to_string(::getpid()));
		std::filesystem::create_directories(directory);
	}
	void TearDown() override {
		std::filesystem::remove_all(directory);
	}
	std::string Directory() const {
		return directory.string() + "/";
	}
	std::filesystem::path directory;
	duckdb::DuckDB db {nullptr};
};

} // namespace

TEST(DeleteFileName, IsTheSpecPattern) {
	EXPECT_EQ(DeleteFileName("0190-ab"), "ducklake-0190-ab-delete.parquet");
}

TEST_F(DeleteFileWriterTest, WritesSortedPositionsWithFieldIdsAndTheDataFilePath) {
	auto written =
	    WriteDeleteFile(*db.instance, Directory(), "data/main/t/ducklake-x.parquet", DeletedPositions {2, 7, 11});
	EXPECT_TRUE(std::regex_match(written.file_name,
	                             std::regex("ducklake-[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"
	                                        "-delete\\.parquet")));
	EXPECT_EQ(written.absolute_path, Directory() + written.file_name);
	EXPECT_EQ(written.delete_count, 3);
	EXPECT_EQ(written.file_size_bytes, static_cast<int64_t>(std::filesystem::file_size(written.absolute_path)));
	EXPECT_GT(written.footer_size, 0);
	EXPECT_EQ(ReadDeletedPositions(*db.instance, written.absolute_path), (std::vector<int64_t> {2, 7, 11}));

	duckdb::Connection con(db);
	auto schema = con.Query("SELECT name, field_id FROM parquet_schema('" + written.absolute_path +
	                        "') WHERE field_id IS NOT NULL ORDER BY field_id DESC");
	ASSERT_FALSE(schema->HasError()) << schema->GetError();
	ASSERT_EQ(schema->RowCount(), 2u);
	EXPECT_EQ(schema->GetValue(0, 0).ToString(), "file_path");
	EXPECT_EQ(schema->GetValue(1, 0).GetValue<int64_t>(), 2147483646);
	EXPECT_EQ(schema->GetValue(0, 1).ToString(), "pos");
	EXPECT_EQ(schema->GetValue(1, 1).GetValue<int64_t>(), 2147483645);
	auto paths = con.Query("SELECT DISTINCT file_path FROM read_parquet('" + written.absolute_path + "')");
	ASSERT_EQ(paths->RowCount(), 1u);
	EXPECT_EQ(paths->GetValue(0, 0).ToString(), "data/main/t/ducklake-x.parquet");
}

TEST_F(DeleteFileWriterTest, UnwritableDirectoryFailsNamingTheFileAndLeavesNothing) {
	try {
		WriteDeleteFile(*db.instance, Directory() + "missing/", "d.parquet", DeletedPositions {1});
		FAIL() << "expected an IOException";
	} catch (duckdb::Exception &ex) {
		EXPECT_NE(std::string(ex.what()).find("Cannot write DuckLake delete file"), std::string::npos) << ex.what();
	}
	EXPECT_FALSE(std::filesystem::exists(directory / "missing"));
}

TEST_F(DeleteFileWriterTest, WritesTheSameBytesAsACopyWithTheParquetDefaults) {
	// The writer narrows the dictionary size limit to save memory; the file must not change. Sizes
	// around the row group size (122880) cover a last row group of 1 to 4 rows, where it must not.
	duckdb::Connection con(db);
	ASSERT_FALSE(con.Query("SET threads = 1")->HasError());
	auto read_bytes = [](const std::string &path) {
		std::ifstream in(path, std::ios::binary);
		return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	};
	const std::string data_file = "data/main/t/ducklake-0190-x.parquet";
	for (int64_t row_count : {1, 4, 5, 6, 1000, 122880, 122881, 122884, 122885, 250000}) {
		std::vector<int64_t> positions;
		for (int64_t row_idx = 0; row_idx < row_count; row_idx++) {
			positions.push_back(row_idx * 3 + 1);
		}
		auto written = WriteDeleteFile(*db.instance, Directory(), data_file, positions);
		auto reference = Directory() + "reference-" + std::to_string(row_count) + ".parquet";
		auto copy =
		    con.Query("COPY (SELECT '" + data_file + "' AS file_path, (range * 3 + 1)::BIGINT AS pos FROM range(" +
		              std::to_string(row_count) + ")) TO '" + reference +
		              "' (FORMAT parquet, FIELD_IDS {file_path: 2147483646, pos: 2147483645})");
		ASSERT_FALSE(copy->HasError()) << copy->GetError();
		EXPECT_EQ(read_bytes(written.absolute_path), read_bytes(reference)) << row_count << " positions";
	}
}

TEST_F(DeleteFileWriterTest, ReportsWhatTheCopyWriterReportsAndReadsBack) {
	auto read_bytes = [](const std::string &path) {
		std::ifstream in(path, std::ios::binary);
		return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	};
	for (int64_t row_count : {1, 5, 122885}) {
		std::vector<int64_t> positions;
		for (int64_t row_idx = 0; row_idx < row_count; row_idx++) {
			positions.push_back(row_idx * 1000003);
		}
		auto written = WriteDeleteFile(*db.instance, Directory(), "data/f.parquet", positions);
		auto copied = WriteDeleteFileWithParquetCopy(*db.instance, Directory(), "data/f.parquet", positions);
		EXPECT_NE(written.absolute_path, copied.absolute_path);
		EXPECT_EQ(written.delete_count, copied.delete_count);
		EXPECT_EQ(written.file_size_bytes, copied.file_size_bytes) << row_count;
		EXPECT_EQ(written.footer_size, copied.footer_size) << row_count;
		EXPECT_EQ(written.file_size_bytes, static_cast<int64_t>(std::filesystem::file_size(written.absolute_path)));
		EXPECT_TRUE(read_bytes(written.absolute_path) == read_bytes(copied.absolute_path)) << row_count;
		EXPECT_EQ(ReadDeletedPositions(*db.instance, written.absolute_path), positions);
	}
}

TEST_F(DeleteFileWriterTest, APathTheEncoderLeavesOutIsWrittenByTheCopyWriter) {
	// No byte below 0x7F in the first 256 bytes: DuckDB writes no min/max for it, the encoder
	// leaves it to DuckDB's writer.
	const std::string data_file = std::string(300, '\x7F');
	auto written = WriteDeleteFile(*db.instance, Directory(), data_file, DeletedPositions {3, 9});
	EXPECT_EQ(written.file_size_bytes, static_cast<int64_t>(std::filesystem::file_size(written.absolute_path)));
	EXPECT_GT(written.footer_size, 0);
	EXPECT_EQ(ReadDeletedPositions(*db.instance, written.absolute_path), (std::vector<int64_t> {3, 9}));
	duckdb::Connection con(db);
	auto paths = con.Query("SELECT DISTINCT file_path FROM read_parquet('" + written.absolute_path + "')");
	ASSERT_FALSE(paths->HasError()) << paths->GetError();
	ASSERT_EQ(paths->RowCount(), 1u);
	EXPECT_EQ(paths->GetValue(0, 0).ToString(), data_file);
}

TEST_F(DeleteFileWriterTest, TheCopyWriterFailsTheSameWayAndLeavesNothing) {
	try {
		WriteDeleteFileWithParquetCopy(*db.instance, Directory() + "missing/", "d.parquet", DeletedPositions {1});
		FAIL() << "expected an IOException";
	} catch (duckdb::Exception &ex) {
		EXPECT_NE(std::string(ex.what()).find("Cannot write DuckLake delete file"), std::string::npos) << ex.what();
	}
	EXPECT_FALSE(std::filesystem::exists(directory / "missing"));
}

} // namespace ducklake
