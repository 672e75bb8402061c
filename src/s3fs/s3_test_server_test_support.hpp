//===----------------------------------------------------------------------===//
// S3TestServer (tests only): a ducklake-s3d started on a free loopback port over a fresh temporary
// root, with one key pair, killed when the test ends.
//
// Start() returns false with a reason when the server binary has not been built, so tests skip
// saying why. CreateBucket uses the standard S3 API (PUT /bucket), so the same tests would run
// against any S3-compatible server.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/local_web_server_test_support.hpp"

#include <string>
#include <sys/types.h>

namespace ducklake {

class S3TestServer {
public:
	static constexpr const char *ACCESS_KEY = "AKIDS3FSTEST";
	static constexpr const char *SECRET_KEY = "s3fs-test-secret-key";
	static constexpr const char *REGION = "us-east-1";

	S3TestServer() = default;
	~S3TestServer();
	bool Start(std::string &error);
	//! host:port
	std::string Endpoint() const;
	//! CREATE SECRET statement for this server (path style, no SSL).
	std::string CreateSecretSql(const std::string &name = "s3d") const;
	//! Creates the bucket through the S3 API; false with `error` on failure.
	bool CreateBucket(const std::string &bucket, std::string &error) const;
	const std::string &Root() const {
		return root;
	}

private:
	TempDirectory directory;
	std::string root;
	uint16_t port = 0;
	pid_t pid = -1;
};

} // namespace ducklake
