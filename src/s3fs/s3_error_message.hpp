//===----------------------------------------------------------------------===//
// S3 error messages: the one place a failed S3 request becomes the text a user reads.
//
// Pure. The message names the operation, s3://bucket/key, the HTTP status, the S3 error code and
// message from the <Error> body (HEAD answers carry no body, so only the status), the number of
// attempts, and a hint that fixes the usual cause, quoting the endpoint, region, URL style and the
// place the credentials came from, e.g.:
//   S3 GET s3://lake/a.parquet failed: HTTP 403 SignatureDoesNotMatch (The request signature we
//   calculated does not match ...). Hint: the server computed a different signature: check the
//   secret access key (credentials from secret "s"), the region 'us-east-1', the endpoint
//   'localhost:9000' and the URL style 'vhost' (most S3-compatible servers need URL_STYLE 'path').
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/http_transport.hpp"
#include "s3fs/s3_config.hpp"

namespace ducklake {

struct S3FailureContext {
	//! "GET", "PUT", "HEAD", "LIST", "DELETE", "multipart upload", ...
	std::string operation;
	std::string bucket;
	std::string key;
	const S3Config *config = nullptr;
};

std::string DescribeS3Failure(const S3FailureContext &context, const HttpResponse &response);

//! The <Code> of an S3 error body, or empty.
std::string S3ErrorCodeOf(const HttpResponse &response);

} // namespace ducklake
