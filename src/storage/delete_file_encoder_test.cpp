#include "storage/delete_file_encoder.hpp"

#include "duckdb.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <limits>
#include <unistd.h>

namespace ducklake {

namespace {

std::string SqlString(const std::string &value) {
	std::string result = "'";
	for (auto character : value) {
		result += character == '\'' ? std::string("''") : std::string(1, character);
	}
	return result + "'";
}

//! Compares the encoder's bytes with what DuckDB's COPY writes for the same rows.
class DeleteFileEncoderTest : public ::testing::Test {
protected:
	void SetUp() override {
		directory = std::filesystem::temp_directory_path() / ("ducklake-delete-encoder-" + std::to_string(::getpid()));
		std::filesystem::create_directories(directory);
		connection = std::make_unique<duckdb::Connection>(db);
		// One thread: a parallel COPY may cut row groups elsewhere.
		auto set = connection->Query("SET threads = 1");
		ASSERT_FALSE(set->HasError()) << set->GetError();
	}
	void TearDown() override {
		connection.reset();
		std::filesystem::remove_all(directory);
	}

	//! Positions first, first + step, ... (row_count of them) and the bytes COPY writes for them.
	struct Case {
		std::vector<int64_t> positions;
		std::string copy_bytes;
	};
	Case CopyCase(const std::string &data_file_path, int64_t row_count, int64_t first, int64_t step) {
		Case result;
		for (int64_t row_idx = 0; row_idx < row_count; row_idx++) {
			result.positions.push_back(first + row_idx * step);
		}
		auto reference = (directory / ("reference-" + std::to_string(case_idx++) + ".parquet")).string();
		auto copy =
		    connection->Query("COPY (SELECT " + SqlString(data_file_path) + " AS file_path, (" + std::to_string(first) +
		                      "::HUGEINT + range::HUGEINT * " + std::to_string(step) + ")::BIGINT AS pos FROM range(" +
		                      std::to_string(row_count) + ")) TO '" + reference +
		                      "' (FORMAT parquet, FIELD_IDS {file_path: 2147483646, pos: 2147483645})");
		EXPECT_FALSE(copy->HasError()) << copy->GetError();
		std::ifstream in(reference, std::ios::binary);
		result.copy_bytes = std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
		return result;
	}

	//! The footer length a Parquet file ends with (before the magic).
	static int64_t FooterLength(const std::string &bytes) {
		uint32_t length = 0;
		memcpy(&length, bytes.data() + bytes.size() - 8, sizeof(length));
		return length;
	}

	void ExpectSameBytesAsCopy(const std::string &data_file_path, int64_t row_count, int64_t first = 1,
	                           int64_t step = 3) {
		auto copy_case = CopyCase(data_file_path, row_count, first, step);
		auto encoded = EncodeDeleteFile(data_file_path, copy_case.positions);
		ASSERT_TRUE(encoded.has_value()) << row_count << " positions of \"" << data_file_path << "\"";
		ASSERT_FALSE(copy_case.copy_bytes.empty());
		EXPECT_TRUE(std::string(encoded->Data(), encoded->Size()) == copy_case.copy_bytes)
		    << row_count << " positions from " << first << " step " << step << " of \"" << data_file_path
		    << "\": encoded " << encoded->Size() << " bytes, COPY " << copy_case.copy_bytes.size();
		EXPECT_EQ(encoded->footer_size, FooterLength(copy_case.copy_bytes));
	}

	std::filesystem::path directory;
	duckdb::DuckDB db {nullptr};
	std::unique_ptr<duckdb::Connection> connection;
	int case_idx = 0;
};

const std::string data_file = "data/main/t/ducklake-0190-x.parquet";

} // namespace

TEST_F(DeleteFileEncoderTest, RowCountsAroundTheDictionaryAndRowGroupLimitsEncodeAsCopyWrites) {
	// 1-4 rows: `file_path` PLAIN; 5 and up: dictionary; 122880 rows per row group, so a last row
	// group of 1, 4 or 5 rows; several full row groups.
	for (int64_t row_count : {1, 2, 4, 5, 6, 1000, 2048, 2049, 122879, 122880, 122881, 122884, 122885, 250000}) {
		ExpectSameBytesAsCopy(data_file, row_count);
	}
}

TEST_F(DeleteFileEncoderTest, PathLengthsEncodeAsCopyWrites) {
	// Paths over 256 bytes get truncated string statistics (min cut at a UTF-8 character start,
	// max cut after its last byte below 0x7F, incremented).
	const std::string long_ascii = "s3://bucket/lake/" + std::string(300, 'a') + ".parquet";
	const std::string long_tail_over_7e = std::string(250, 'b') + std::string(60, '~');
	std::string long_multibyte = "data/";
	while (long_multibyte.size() < 400) {
		long_multibyte += "\xC3\xA9"; // é: the 256-byte cut falls inside a character
	}
	long_multibyte += ".parquet";
	for (auto &path : {std::string("x"), long_ascii, long_tail_over_7e, long_multibyte,
	                   std::string("data/ünïcödé/file with spaces.parquet")}) {
		for (int64_t row_count : {1, 3, 5, 122885}) {
			ExpectSameBytesAsCopy(path, row_count);
		}
	}
}

TEST_F(DeleteFileEncoderTest, ExtremePositionsEncodeAsCopyWrites) {
	auto int64_max = std::numeric_limits<int64_t>::max();
	ExpectSameBytesAsCopy(data_file, 10, int64_max - 9, 1);
	ExpectSameBytesAsCopy(data_file, 3, int64_max - 2, 1);
	ExpectSameBytesAsCopy(data_file, 1000, 0, 1000000007);       // large gaps
	ExpectSameBytesAsCopy(data_file, 130000, 0, 70000000000000); // gaps over 2^32, two row groups
	ExpectSameBytesAsCopy(data_file, 6, 0, 1);
	ExpectSameBytesAsCopy(data_file, 7, std::numeric_limits<int64_t>::min(), 3); // not a real position, same bytes
}

TEST_F(DeleteFileEncoderTest, EncodesTheOfficialExtensionsDeleteFilesByteForByte) {
	// The fixture lake written by DuckDB 1.4.4's official ducklake extension (outside the
	// repository; DUCKLAKE_SHARED_DIR names the folder that holds fixtures/).
	auto shared_dir = std::getenv("DUCKLAKE_SHARED_DIR");
	if (!shared_dir) {
		GTEST_SKIP() << "DUCKLAKE_SHARED_DIR is not set (the official fixture lake)";
	}
	auto trips = std::filesystem::path(shared_dir) / "fixtures/ducklake-0.3-official/basic/data/main/trips";
	int delete_file_count = 0;
	for (auto &entry : std::filesystem::directory_iterator(trips)) {
		auto name = entry.path().filename().string();
		if (name.size() < 15 || name.compare(name.size() - 15, 15, "-delete.parquet") != 0) {
			continue;
		}
		delete_file_count++;
		auto rows = connection->Query("SELECT file_path, pos FROM read_parquet(" + SqlString(entry.path().string()) +
		                              ") ORDER BY pos");
		ASSERT_FALSE(rows->HasError()) << rows->GetError();
		ASSERT_GT(rows->RowCount(), 0u) << name;
		std::vector<int64_t> positions;
		for (duckdb::idx_t row_idx = 0; row_idx < rows->RowCount(); row_idx++) {
			positions.push_back(rows->GetValue(1, row_idx).GetValue<int64_t>());
		}
		auto encoded = EncodeDeleteFile(rows->GetValue(0, 0).ToString(), positions);
		ASSERT_TRUE(encoded.has_value()) << name;
		std::ifstream in(entry.path(), std::ios::binary);
		std::string official((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
		EXPECT_TRUE(std::string(encoded->Data(), encoded->Size()) == official) << name;
	}
	EXPECT_GT(delete_file_count, 0) << "no delete files in " << trips;
}

TEST_F(DeleteFileEncoderTest, InputsItDoesNotReproduceAreLeftToTheWriter) {
	EXPECT_FALSE(EncodeDeleteFile(data_file, {}).has_value());
	EXPECT_FALSE(EncodeDeleteFile(data_file, DeletedPositions {1, 1, 1, 1, 1, 1}).has_value());
	EXPECT_FALSE(EncodeDeleteFile(data_file, DeletedPositions {5, 4}).has_value());
	EXPECT_TRUE(EncodeDeleteFile(data_file, DeletedPositions {-5, 4}).has_value());
	EXPECT_FALSE(
	    EncodeDeleteFile(std::string(delete_file_encoder_path_bytes_max + 1, 'p'), DeletedPositions {1}).has_value());
	EXPECT_TRUE(
	    EncodeDeleteFile(std::string(delete_file_encoder_path_bytes_max, 'p'), DeletedPositions {1}).has_value());
	// No byte below 0x7F in the first 256: DuckDB cannot truncate the max and writes no min/max.
	EXPECT_FALSE(EncodeDeleteFile(std::string(300, '\x7F'), DeletedPositions {1}).has_value());
	EXPECT_TRUE(EncodeDeleteFile("d/" + std::string(300, '\x7F'), DeletedPositions {1}).has_value());
}

} // namespace ducklake
