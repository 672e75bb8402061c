#include "storage/background_delete_writer.hpp"

#include "duckdb.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

namespace ducklake {

namespace {

class BackgroundDeleteWriterTest : public ::testing::Test {
protected:
	void SetUp() override {
		directory =
		    std::filesystem::temp_directory_path() / ("ducklake-background-delete-" + std::to_string(::getpid()));
		std::filesystem::create_directories(directory);
	}
	void TearDown() override {
		std::filesystem::remove_all(directory);
	}
	std::string Directory() const {
		return directory.string() + "/";
	}
	DeleteFileJob Job(const std::string &data_file, DeletedPositions positions, uint64_t version = 1) const {
		DeleteFileJob job;
		job.table_id = 7;
		job.directory = Directory();
		job.data_file_path = data_file;
		job.version = version;
		job.pending = duckdb::make_shared_ptr<const DeletedPositions>(std::move(positions));
		return job;
	}
	size_t FileCount() const {
		size_t count = 0;
		for (auto &entry : std::filesystem::directory_iterator(directory)) {
			count += entry.is_regular_file() ? 1 : 0;
		}
		return count;
	}
	std::filesystem::path directory;
	duckdb::DuckDB db {nullptr};
};

} // namespace

TEST_F(BackgroundDeleteWriterTest, TakenFileStaysAndHoldsThePendingAndCommittedPositions) {
	PrewrittenDeleteFile result;
	{
		BackgroundDeleteWriter writer(*db.instance);
		auto job = Job("a.parquet", {1, 4});
		std::vector<int64_t> committed {0, 4, 9};
		job.committed_delete_file_id = 12;
		job.committed_positions = &committed;
		writer.Start({job});
		ASSERT_TRUE(writer.Take(7, "a.parquet", result));
		EXPECT_FALSE(writer.Take(7, "a.parquet", result)) << "a result is handed over once";
	}
	ASSERT_TRUE(result.succeeded) << result.error.Message();
	EXPECT_EQ(result.version, 1u);
	EXPECT_EQ(result.committed_delete_file_id, 12);
	EXPECT_EQ(result.written.delete_count, 4);
	EXPECT_TRUE(std::filesystem::exists(result.written.absolute_path));
	EXPECT_EQ(ReadDeletedPositions(*db.instance, result.written.absolute_path), (std::vector<int64_t> {0, 1, 4, 9}));
}

TEST_F(BackgroundDeleteWriterTest, FilesNotTakenAreRemovedByDiscardAndByTheDestructor) {
	{
		BackgroundDeleteWriter writer(*db.instance);
		writer.Start({Job("a.parquet", {1}), Job("b.parquet", {2})});
		writer.Discard();
		EXPECT_EQ(FileCount(), 0u);
		writer.Start({Job("a.parquet", {3})});
	}
	EXPECT_EQ(FileCount(), 0u);
}

TEST_F(BackgroundDeleteWriterTest, ALaterWriteOfTheSameDataFileReplacesTheEarlierOne) {
	BackgroundDeleteWriter writer(*db.instance);
	writer.Start({Job("a.parquet", {1}, 1)});
	writer.Start({Job("a.parquet", {1, 2}, 2)});
	PrewrittenDeleteFile result;
	ASSERT_TRUE(writer.Take(7, "a.parquet", result));
	EXPECT_EQ(result.version, 2u);
	EXPECT_EQ(FileCount(), 1u) << "the superseded file is removed";
}

TEST_F(BackgroundDeleteWriterTest, AFailedWriteKeepsItsErrorAndLeavesNoFile) {
	BackgroundDeleteWriter writer(*db.instance);
	auto job = Job("a.parquet", {1});
	job.directory = Directory() + "missing/";
	writer.Start({job});
	PrewrittenDeleteFile result;
	ASSERT_TRUE(writer.Take(7, "a.parquet", result));
	EXPECT_FALSE(result.succeeded);
	EXPECT_NE(result.error.RawMessage().find("Cannot write DuckLake delete file"), std::string::npos)
	    << result.error.RawMessage();
	try {
		result.error.Throw();
		FAIL() << "expected the write's error";
	} catch (duckdb::Exception &ex) {
		EXPECT_EQ(duckdb::ErrorData(ex).Type(), duckdb::ExceptionType::IO);
	}
	EXPECT_FALSE(std::filesystem::exists(directory / "missing"));
}

} // namespace ducklake
