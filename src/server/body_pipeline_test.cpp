// BodyPipeline: every stage sees every byte in order whatever the piece sizes, memory stays within
// the buffers, and a failing stage is reported to the receiver, not swallowed.
#include "server/body_pipeline.hpp"

#include "server/object_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

using namespace ducklake::server;
using ducklake::s3::S3ErrorCode;

namespace {

class BodyPipelineTest : public ::testing::Test {
protected:
	void SetUp() override {
		char pattern[] = "/tmp/body_pipeline_XXXXXX";
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

BodyPipeline::Stage Collect(std::string &into) {
	return [&into](std::string_view piece) -> Outcome<bool> {
		into.append(piece);
		return true;
	};
}

} // namespace

TEST_F(BodyPipelineTest, EveryStageSeesEveryByteInOrderAcrossBufferBoundaries) {
	ObjectStore store(root);
	ASSERT_TRUE(store.Open().Ok());
	auto temp = store.CreateTempFile();
	ASSERT_TRUE(temp.Ok()) << temp.Failure().message;
	std::string expected, first, second;
	{
		// Buffers of 1000 bytes, 3 in circulation; pieces of irregular sizes straddle them.
		TempFile &file = *temp.Value();
		BodyPipeline pipeline({[&file](std::string_view piece) { return file.Write(piece.data(), piece.size()); },
		                       Collect(first), Collect(second)},
		                      1000, 3);
		for (int i = 0; i < 5000; i++) {
			std::string piece(size_t(i % 37), char('a' + i % 26));
			expected += piece;
			ASSERT_TRUE(pipeline.Write(piece).Ok());
		}
		ASSERT_TRUE(pipeline.Finish().Ok());
		// After Finish the stages are done: their results are complete while the pipeline still lives.
		EXPECT_EQ(first, expected);
	}
	EXPECT_EQ(second, expected);
	EXPECT_EQ(temp.Value()->Size(), expected.size());
	EXPECT_EQ(ReadAll(temp.Value()->Path()), expected);
}

TEST_F(BodyPipelineTest, ReceivingIntoSpaceWithPartialCommits) {
	std::string seen, expected;
	BodyPipeline pipeline({Collect(seen)}, 64, 2);
	for (int i = 0; i < 300; i++) {
		size_t space_bytes = 0;
		auto space = pipeline.Space(space_bytes);
		ASSERT_TRUE(space.Ok());
		ASSERT_GT(space_bytes, 0u);
		ASSERT_LE(space_bytes, 64u);
		size_t bytes = std::min(space_bytes, size_t(1 + i % 23));
		std::memset(space.Value(), 'A' + i % 26, bytes);
		expected.append(bytes, char('A' + i % 26));
		ASSERT_TRUE(pipeline.Commit(bytes).Ok());
	}
	ASSERT_TRUE(pipeline.Finish().Ok());
	EXPECT_EQ(seen, expected);
}

TEST_F(BodyPipelineTest, TheReceiverNeverRunsMoreThanTheBuffersAheadOfTheSlowestStage) {
	std::atomic<size_t> slow_bytes {0};
	std::string fast;
	BodyPipeline pipeline({Collect(fast),
	                       [&slow_bytes](std::string_view piece) -> Outcome<bool> {
		                       std::this_thread::sleep_for(std::chrono::microseconds(200));
		                       slow_bytes += piece.size();
		                       return true;
	                       }},
	                      100, 4);
	size_t sent = 0;
	for (int i = 0; i < 200; i++) {
		ASSERT_TRUE(pipeline.Write(std::string(50, 'x')).Ok());
		sent += 50;
		// Filled buffers not yet consumed, plus the one being filled.
		EXPECT_LE(sent - slow_bytes.load(), size_t(4 * 100));
	}
	ASSERT_TRUE(pipeline.Finish().Ok());
	EXPECT_EQ(slow_bytes.load(), sent);
	EXPECT_EQ(fast.size(), sent);
}

TEST_F(BodyPipelineTest, AWriteFailureReachesTheReceiver) {
	ObjectStore store(root);
	ASSERT_TRUE(store.Open().Ok());
	auto temp = store.CreateTempFile();
	ASSERT_TRUE(temp.Ok()) << temp.Failure().message;
	ASSERT_TRUE(temp.Value()->SyncAndClose().Ok()); // later writes to it fail
	TempFile &file = *temp.Value();
	std::string digested;
	BodyPipeline pipeline(
	    {[&file](std::string_view piece) { return file.Write(piece.data(), piece.size()); }, Collect(digested)}, 100,
	    2);
	bool failed = false;
	for (int i = 0; i < 100 && !failed; i++) {
		failed = !pipeline.Write(std::string(64, 'x')).Ok();
	}
	auto finished = pipeline.Finish();
	ASSERT_FALSE(finished.Ok());
	EXPECT_NE(finished.Failure().message.find("written after it was closed"), std::string::npos)
	    << finished.Failure().message;
}

TEST_F(BodyPipelineTest, AFailureOfTheLastPieceIsReportedByFinish) {
	size_t calls = 0;
	BodyPipeline pipeline({[&calls](std::string_view) -> Outcome<bool> {
		                      if (++calls == 3) {
			                      return Fail(S3ErrorCode::INTERNAL_ERROR, "third piece refused");
		                      }
		                      return true;
	                      }},
	                      10, 2);
	ASSERT_TRUE(pipeline.Write(std::string(25, 'x')).Ok()); // two full buffers, five bytes held back
	auto finished = pipeline.Finish();
	ASSERT_FALSE(finished.Ok());
	EXPECT_EQ(finished.Failure().message, "third piece refused");
}

TEST_F(BodyPipelineTest, AnAbandonedPipelineStopsItsStages) {
	std::string seen;
	{
		BodyPipeline pipeline({Collect(seen)}, 16, 2);
		ASSERT_TRUE(pipeline.Write(std::string(100, 'x')).Ok());
		// No Finish: the receiver failed elsewhere; the destructor joins the stage threads.
	}
	EXPECT_LE(seen.size(), 100u);
	EXPECT_EQ(seen.find_first_not_of('x'), std::string::npos);
}

TEST(BufferPoolTest, KeepsGivenBuffersUpToItsBoundAndHandsThemOutAgain) {
	BufferPool pool(8192, BodyPipeline::BUFFER_ALIGNMENT_BYTES, 2);
	char *first = pool.Take();
	char *second = pool.Take();
	char *third = pool.Take();
	for (char *buffer : {first, second, third}) {
		EXPECT_EQ(reinterpret_cast<uintptr_t>(buffer) % BodyPipeline::BUFFER_ALIGNMENT_BYTES, 0u);
		buffer[0] = buffer[8191] = 'x'; // the whole size is usable
	}
	pool.Give(first);
	pool.Give(second);
	pool.Give(third); // beyond the bound: freed
	EXPECT_EQ(pool.Retained(), 2u);
	char *again = pool.Take();
	EXPECT_TRUE(again == first || again == second);
	EXPECT_EQ(pool.Retained(), 1u);
	pool.Give(again);
}

TEST(BufferPoolTest, APipelineGivesBackWhatItBorrowed) {
	BufferPool pool(64, BodyPipeline::BUFFER_ALIGNMENT_BYTES, 8);
	std::string seen;
	{
		BodyPipeline pipeline({Collect(seen)}, pool, 3);
		ASSERT_TRUE(pipeline.Write(std::string(200, 'a')).Ok());
		ASSERT_TRUE(pipeline.Finish().Ok());
	}
	EXPECT_EQ(seen, std::string(200, 'a'));
	EXPECT_EQ(pool.Retained(), 3u);
}
