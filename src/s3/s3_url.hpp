//===----------------------------------------------------------------------===//
// s3 URLs: s3://bucket/key locations, endpoints, and path- vs virtual-hosted-style addressing
//
// Client side: ParseS3Url splits "s3://bucket/dir/file.parquet"; ParseEndpoint normalises what a
// user writes as an endpoint ("localhost:9000", "http://127.0.0.1:9000", "s3.amazonaws.com");
// MakeRequestTarget turns (endpoint, style, bucket, key) into the Host header, the encoded path and
// the full URL to request. Server side: ResolveRequestTarget finds bucket and key from the Host
// header and the decoded path, honouring virtual-hosted names under configured domains.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ducklake {
namespace s3 {

//! Bounds from the S3 naming rules.
constexpr size_t BUCKET_NAME_BYTES_MIN = 3;
constexpr size_t BUCKET_NAME_BYTES_MAX = 63;
constexpr size_t OBJECT_KEY_BYTES_MAX = 1024;

struct S3Location {
	std::string bucket;
	//! The object key or prefix, without a leading '/'; may be empty ("s3://bucket").
	std::string key;
};

//! Parses "s3://bucket[/key]". The key is taken verbatim (not percent-decoded: S3 keys may contain
//! '%'). Fails when the scheme is not s3:// or the bucket is empty.
Result<S3Location> ParseS3Url(std::string_view url);

//! Checks a bucket name against the S3 rules: 3-63 characters of a-z 0-9 . -, starting and ending
//! with a letter or digit, no "..", not an IPv4 address. The error names the rule broken.
Result<bool> ValidateBucketName(std::string_view bucket);

//! Checks an object key: 1..1024 bytes, no NUL. (S3 allows any UTF-8; storage layers add their own rules.)
Result<bool> ValidateObjectKey(std::string_view key);

enum class UrlStyle { PATH, VIRTUAL_HOSTED };

struct S3Endpoint {
	std::string scheme;    // "http" or "https"
	std::string host_port; // "127.0.0.1:9000" or "s3.amazonaws.com"
};

//! Parses an endpoint with or without scheme; without one, `use_ssl` picks https or http. A trailing
//! '/' is allowed; any other path, a query, or an empty host fail.
Result<S3Endpoint> ParseEndpoint(std::string_view endpoint, bool use_ssl);

struct RequestTarget {
	//! Host header value.
	std::string host;
	//! URI-encoded path, always starting with '/'.
	std::string encoded_path;
	//! scheme://host + encoded_path (no query).
	std::string url;
};

//! Where to send a request for `key` in `bucket` (key may be empty for bucket-level requests).
RequestTarget MakeRequestTarget(const S3Endpoint &endpoint, UrlStyle style, std::string_view bucket,
                                std::string_view key);

//! Server side: bucket and key of a request. `decoded_path` is the percent-decoded path ("/b/k").
//! When the Host header (port ignored) is "<bucket>.<domain>" for one of `virtual_host_domains`,
//! the whole path is the key; otherwise the first path segment is the bucket. Both may come back
//! empty (service-level request, bucket-level request).
S3Location ResolveRequestTarget(std::string_view host_header, std::string_view decoded_path,
                                const std::vector<std::string> &virtual_host_domains);

} // namespace s3
} // namespace ducklake
