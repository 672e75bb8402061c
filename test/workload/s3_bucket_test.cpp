// Making sure of a bucket against a real ducklake-s3d on a free loopback port: created once,
// then found; wrong keys and an unreachable server are clear errors.
#include "workload/s3_bucket.hpp"
#include "support/loopback_port.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace ducklake {

namespace {

constexpr int s3d_start_attempts_max = 100;
constexpr int s3d_start_poll_ms = 100;

} // namespace

class S3BucketTest : public ::testing::Test {
protected:
	void SetUp() override {
#ifndef DUCKLAKE_S3D_PATH
		GTEST_SKIP() << "this build has no ducklake-s3d target";
#else
		char pattern[] = "/tmp/ducklake-bucket-XXXXXX";
		ASSERT_NE(mkdtemp(pattern), nullptr);
		root = pattern;
		port = FindFreeLoopbackPort();
		auto listen = "127.0.0.1:" + std::to_string(port);
		child = fork();
		if (child == 0) {
			if (!freopen("/dev/null", "w", stderr)) {
				_exit(126);
			}
			execl(DUCKLAKE_S3D_PATH, DUCKLAKE_S3D_PATH, "--root", root.c_str(), "--listen", listen.c_str(),
			      "--access-key", "tester", "--secret-key", "tester-secret", static_cast<char *>(nullptr));
			_exit(127);
		}
		for (int attempt = 0; attempt < s3d_start_attempts_max && !LoopbackPortAccepts(port); attempt++) {
			std::this_thread::sleep_for(std::chrono::milliseconds(s3d_start_poll_ms));
		}
		ASSERT_TRUE(LoopbackPortAccepts(port)) << "ducklake-s3d did not start on port " << port;
#endif
	}

	void TearDown() override {
		if (child > 0) {
			kill(child, SIGTERM);
			int status = 0;
			waitpid(child, &status, 0);
		}
		if (!root.empty()) {
			std::error_code ignored;
			std::filesystem::remove_all(root, ignored);
		}
	}

	S3BucketTarget Target(const std::string &secret) {
		S3BucketTarget target;
		target.endpoint = "127.0.0.1:" + std::to_string(port);
		target.bucket = "lake";
		target.access_key_id = "tester";
		target.secret_access_key = secret;
		return target;
	}

	std::string root;
	int port = 0;
	pid_t child = -1;
};

TEST_F(S3BucketTest, CreatedOnceThenFound) {
	auto first = EnsureS3Bucket(Target("tester-secret"));
	EXPECT_EQ(first.error, "");
	EXPECT_EQ(first.outcome, S3BucketOutcome::CREATED);
	auto second = EnsureS3Bucket(Target("tester-secret"));
	EXPECT_EQ(second.error, "");
	EXPECT_EQ(second.outcome, S3BucketOutcome::EXISTED);
}

TEST_F(S3BucketTest, WrongSecretIsRefusedByName) {
	auto result = EnsureS3Bucket(Target("not-the-secret"));
	EXPECT_EQ(result.outcome, S3BucketOutcome::FAILED);
	EXPECT_NE(result.error.find("checking bucket \"lake\" at 127.0.0.1:"), std::string::npos) << result.error;
	EXPECT_NE(result.error.find("HTTP 403 (wrong access key or secret?)"), std::string::npos) << result.error;
}

TEST(S3BucketOf, TakesTheBucketOfAnS3Url) {
	EXPECT_EQ(S3BucketOf("s3://lake/data/"), "lake");
	EXPECT_EQ(S3BucketOf("s3://lake"), "lake");
	EXPECT_EQ(S3BucketOf("/local/path"), "");
}

TEST(S3BucketUnreachable, NamesTheEndpoint) {
	S3BucketTarget target;
	target.endpoint = "127.0.0.1:1";
	target.bucket = "lake";
	auto result = EnsureS3Bucket(target);
	EXPECT_EQ(result.outcome, S3BucketOutcome::FAILED);
	EXPECT_NE(result.error.find("cannot reach bucket \"lake\" at 127.0.0.1:1"), std::string::npos) << result.error;
}

} // namespace ducklake
