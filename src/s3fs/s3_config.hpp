//===----------------------------------------------------------------------===//
// S3Config: where and as whom s3fs talks to S3, resolved from layered sources.
//
// Pure. The DuckDB adapter (s3_config_reader) collects the layers in priority order:
//   1. the s3 secret whose SCOPE is the longest prefix of the path (CREATE SECRET (TYPE s3, ...)),
//   2. the s3_* settings (SET s3_region = ...),
//   3. the environment (AWS_ACCESS_KEY_ID, AWS_REGION, AWS_ENDPOINT_URL, ...),
//   4. the AWS_PROFILE (or default) profile of ~/.aws/credentials and ~/.aws/config,
// and ResolveS3Config merges them. Region, endpoint, URL style and SSL are taken field by field
// from the first layer that sets them. Credentials are taken as a unit (key id, secret, session
// token) from the first layer that has a key id, so a key id never pairs with another layer's
// secret. No credentials at all means anonymous (unsigned) requests, as httpfs does.
// Defaults are httpfs's: region us-east-1, endpoint s3.amazonaws.com, vhost URLs, SSL on.
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ducklake {

enum class S3UrlStyle : uint8_t { VHOST, PATH };

struct S3ConfigLayer {
	//! Names the layer in errors: `secret "mine"`, `SET s3_*`, `environment`, `profile "dev"`.
	std::string source;
	std::optional<std::string> key_id;
	std::optional<std::string> secret;
	std::optional<std::string> session_token;
	std::optional<std::string> region;
	std::optional<std::string> endpoint;
	std::optional<std::string> url_style;
	std::optional<bool> use_ssl;
};

struct S3Config {
	std::string key_id;
	std::string secret;
	std::string session_token;
	//! The layer the credentials came from, or empty when anonymous.
	std::string credentials_source;
	std::string region = "us-east-1";
	//! host[:port], no scheme.
	std::string endpoint = "s3.amazonaws.com";
	S3UrlStyle url_style = S3UrlStyle::VHOST;
	bool use_ssl = true;

	bool Anonymous() const {
		return key_id.empty();
	}
	//! "https" or "http".
	std::string Scheme() const {
		return use_ssl ? "https" : "http";
	}
	//! Whether request bodies are signed with their SHA-256 (x-amz-content-sha256) rather than sent as
	//! UNSIGNED-PAYLOAD. The payload hash guards a body against changes in transit; TLS already does
	//! that, and loopback traffic never leaves the machine, so only plain http to another host pays
	//! for hashing every byte (on both ends: the server must verify it).
	bool SignsPayload() const {
		return !use_ssl && !IsLoopbackEndpoint(endpoint);
	}
	//! True for localhost, 127.0.0.0/8 and [::1], with or without a port.
	static bool IsLoopbackEndpoint(const std::string &host_port);
};

//! Merges `layers` (highest priority first) into `result`. Returns an error message naming the
//! offending layer and value (empty on success).
std::string ResolveS3Config(const std::vector<S3ConfigLayer> &layers, S3Config &result);

//! Parses an endpoint: `host[:port]` or `http[s]://host[:port][/]`. Sets `host_port`, and `use_ssl`
//! when the text has a scheme. Returns an error message (empty on success).
std::string ParseS3Endpoint(const std::string &text, std::string &host_port, std::optional<bool> &use_ssl);

//! "vhost" or "path" (case-insensitive) -> style. Returns an error message (empty on success).
std::string ParseS3UrlStyle(const std::string &text, S3UrlStyle &style);

} // namespace ducklake
