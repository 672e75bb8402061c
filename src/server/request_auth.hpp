//===----------------------------------------------------------------------===//
// server request authentication: SigV4 verification of header-signed and presigned requests
//
// Authenticate() rebuilds the canonical request from what arrived and compares signatures (in
// constant time). It decides the payload mode the body must then be read in - a hex SHA-256 to
// check, UNSIGNED-PAYLOAD, or one of the aws-chunked streaming modes with the context needed to
// verify each chunk signature. Requests without credentials pass only as anonymous reads (GET/HEAD)
// of buckets configured for it. Pure: the clock is a parameter.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/aws_chunked_decoder.hpp"
#include "s3/uri_encoding.hpp"
#include "server/http_exchange.hpp"
#include "server/s3_outcome.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ducklake {
namespace server {

struct AccessKey {
	std::string access_key_id;
	std::string secret_access_key;
};

struct AuthConfig {
	std::vector<AccessKey> keys;
	std::string region = "us-east-1";
	std::set<std::string> anonymous_read_buckets;
	//! Largest accepted distance between the request's date and the server clock.
	int64_t clock_skew_seconds_max = 15 * 60;
};

enum class PayloadMode {
	//! Anonymous request: the body is taken as sent.
	RAW,
	//! x-amz-content-sha256 is a hex digest the body must match.
	SIGNED_SHA256,
	UNSIGNED,
	STREAMING_SIGNED,
	STREAMING_SIGNED_TRAILER,
	STREAMING_UNSIGNED_TRAILER
};

struct AuthResult {
	bool anonymous = false;
	std::string access_key_id;
	PayloadMode payload_mode = PayloadMode::RAW;
	std::string payload_sha256_hex;
	std::optional<s3::ChunkSigningContext> chunk_signing;
};

//! `raw_path` is the path as sent (still percent-encoded); `query` the decoded query parameters;
//! `bucket` the resolved bucket (for the anonymous-read rule). Fails with ACCESS_DENIED,
//! INVALID_ACCESS_KEY_ID, SIGNATURE_DOES_NOT_MATCH, REQUEST_TIME_TOO_SKEWED,
//! AUTHORIZATION_HEADER_MALFORMED or AUTHORIZATION_QUERY_PARAMETERS_ERROR with a message that says
//! what to check.
Outcome<AuthResult> Authenticate(const HttpRequest &request, const std::string &raw_path,
                                 const std::vector<s3::QueryParameter> &query, const std::string &bucket,
                                 const AuthConfig &config, int64_t now_epoch_seconds);

} // namespace server
} // namespace ducklake
