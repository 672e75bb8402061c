// FileRemover: every name handed over is unlinked, in the background, at once when the queue is full,
// and at the latest when the remover goes.
#include "server/file_remover.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace ducklake::server;

namespace {

class FileRemoverTest : public ::testing::Test {
protected:
	void SetUp() override {
		char pattern[] = "/tmp/s3d_file_remover_test_XXXXXX";
		directory = mkdtemp(pattern);
	}
	void TearDown() override {
		std::error_code error;
		std::filesystem::remove_all(directory, error);
	}
	std::string MakeFile(const std::string &name) {
		std::string path = directory + "/" + name;
		std::ofstream(path) << "bytes of " << name;
		EXPECT_TRUE(std::filesystem::exists(path));
		return path;
	}
	std::string directory;
};

} // namespace

TEST_F(FileRemoverTest, QueuedFilesAreGoneAfterDrain) {
	FileRemover remover(16);
	std::vector<std::string> paths;
	for (int file_idx = 0; file_idx < 10; file_idx++) {
		paths.push_back(MakeFile("f" + std::to_string(file_idx)));
		remover.Remove(paths.back());
	}
	remover.Drain();
	for (auto &path : paths) {
		EXPECT_FALSE(std::filesystem::exists(path)) << path;
	}
}

TEST_F(FileRemoverTest, FullQueueRemovesOnTheCallersThread) {
	FileRemover remover(0);
	std::string path = MakeFile("now");
	remover.Remove(path);
	EXPECT_FALSE(std::filesystem::exists(path)); // no Drain: it was removed before Remove returned
}

TEST_F(FileRemoverTest, DestructorRemovesWhatIsQueued) {
	std::vector<std::string> paths;
	{
		FileRemover remover(64);
		for (int file_idx = 0; file_idx < 40; file_idx++) {
			paths.push_back(MakeFile("g" + std::to_string(file_idx)));
			remover.Remove(paths.back());
		}
	}
	for (auto &path : paths) {
		EXPECT_FALSE(std::filesystem::exists(path)) << path;
	}
}

TEST_F(FileRemoverTest, MissingFilesAreNoError) {
	FileRemover remover(4);
	remover.Remove(directory + "/never-existed");
	std::string path = MakeFile("after");
	remover.Remove(path);
	remover.Drain();
	EXPECT_FALSE(std::filesystem::exists(path));
}
