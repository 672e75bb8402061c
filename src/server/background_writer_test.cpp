// BackgroundWriter: bytes arrive in order and whole whatever the piece sizes; a failing write is
// reported, not swallowed.
#include "server/background_writer.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace ducklake::server;

namespace {

class BackgroundWriterTest : public ::testing::Test {
protected:
	void SetUp() override {
		char pattern[] = "/tmp/background_writer_XXXXXX";
		ASSERT_NE(mkdtemp(pattern), nullptr);
		root = pattern;
	}
	void TearDown() override {
		system(("rm -rf '" + root + "'").c_str());
	}
	std::string root;
};

std::string ReadAll(const std::string &path) {
	std::ifstream in(path, std::ios::binary);
	std::stringstream bytes;
	bytes << in.rdbuf();
	return bytes.str();
}

} // namespace

TEST_F(BackgroundWriterTest, WritesEveryByteInOrderAcrossBufferBoundaries) {
	ObjectStore store(root);
	ASSERT_TRUE(store.Open().Ok());
	auto temp = store.CreateTempFile();
	ASSERT_TRUE(temp.Ok()) << temp.Failure().message;
	std::string expected;
	{
		// Buffers of 1000 bytes, 3 in circulation; pieces of irregular sizes straddle them.
		BackgroundWriter writer(*temp.Value(), 1000, 3);
		for (int i = 0; i < 5000; i++) {
			std::string piece(size_t(i % 37), char('a' + i % 26));
			expected += piece;
			ASSERT_TRUE(writer.Write(piece).Ok());
		}
		ASSERT_TRUE(writer.Finish().Ok());
	}
	EXPECT_EQ(temp.Value()->Size(), expected.size());
	EXPECT_EQ(ReadAll(temp.Value()->Path()), expected);
}

TEST_F(BackgroundWriterTest, AWriteFailureReachesTheReceiver) {
	ObjectStore store(root);
	ASSERT_TRUE(store.Open().Ok());
	auto temp = store.CreateTempFile();
	ASSERT_TRUE(temp.Ok()) << temp.Failure().message;
	ASSERT_TRUE(temp.Value()->SyncAndClose().Ok()); // later writes to it fail
	BackgroundWriter writer(*temp.Value(), 100, 2);
	bool failed = false;
	for (int i = 0; i < 100 && !failed; i++) {
		failed = !writer.Write(std::string(64, 'x')).Ok();
	}
	auto finished = writer.Finish();
	ASSERT_FALSE(finished.Ok());
	EXPECT_NE(finished.Failure().message.find("written after it was closed"), std::string::npos)
	    << finished.Failure().message;
}
