//===----------------------------------------------------------------------===//
// Makes sure an S3 bucket exists, for the demo and the local stack: HEAD the bucket, and PUT it
// when the answer is 404. Requests are path-style (http://endpoint/bucket), signed with SigV4
// by libcurl, and bounded in time. Works against any S3-compatible server (ducklake-s3d, MinIO,
// AWS); relies on nothing server-specific. Thread-safe: one curl handle per call.
//===----------------------------------------------------------------------===//

#pragma once

#include <cstdint>
#include <string>

namespace ducklake {

struct S3BucketTarget {
	//! host:port, or a URL with http:// or https://; http:// is assumed when no scheme is given
	std::string endpoint;
	std::string bucket;
	std::string access_key_id;
	std::string secret_access_key;
	std::string region = "us-east-1";
	int64_t request_timeout_ms = 10000;
};

enum class S3BucketOutcome { EXISTED, CREATED, FAILED };

struct S3BucketResult {
	S3BucketOutcome outcome = S3BucketOutcome::FAILED;
	//! for FAILED: names the endpoint, bucket and the HTTP status or transport error
	std::string error;
};

S3BucketResult EnsureS3Bucket(const S3BucketTarget &target);

//! The bucket of `s3://bucket/prefix`, or "" when `url` is not an s3:// URL with a bucket.
std::string S3BucketOf(const std::string &url);

} // namespace ducklake
