//===----------------------------------------------------------------------===//
// s3 SigV4: AWS Signature Version 4 for S3, header and presigned-URL forms
//
// The pieces follow the AWS description step by step so each can be tested on its own:
//   CanonicalRequest -> StringToSign -> DeriveSigningKey -> SignatureHex -> AuthorizationHeaderValue
// S3's rules (which differ from other AWS services): the path is URI-encoded once and never
// normalised; every signed request carries x-amz-content-sha256 (a hex SHA-256 of the body, or one
// of the payload-mode constants below); presigned URLs sign the payload as UNSIGNED-PAYLOAD.
//
// The client-side helpers (SignRequestHeaders, PresignQueryString) compose those pieces; a server
// verifies by rebuilding the same canonical request from what it received (see
// sigv4_authorization.hpp for parsing the Authorization header and X-Amz-Credential).
// Everything here is pure and thread-safe.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/uri_encoding.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ducklake {
namespace s3 {

constexpr const char *SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";
//! x-amz-content-sha256 values other than a hex digest.
constexpr const char *UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
constexpr const char *STREAMING_SIGNED_PAYLOAD = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
constexpr const char *STREAMING_SIGNED_PAYLOAD_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
constexpr const char *STREAMING_UNSIGNED_PAYLOAD_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
//! The longest X-Amz-Expires S3 accepts for a presigned URL: 7 days.
constexpr int64_t PRESIGN_EXPIRES_SECONDS_MAX = 7 * 24 * 3600;

struct HttpHeader {
	std::string name;
	std::string value;
};

//! "<day>/<region>/<service>/aws4_request", e.g. 20130524/us-east-1/s3/aws4_request.
struct CredentialScope {
	std::string day; // YYYYMMDD
	std::string region;
	std::string service = "s3";

	std::string ToString() const;
};

struct CanonicalRequestParts {
	std::string method;
	//! The path exactly as signed: URI-encoded once with '/' kept (see CanonicalUri), e.g. "/test%24file.text".
	std::string encoded_path;
	//! Decoded query parameters in any order. A presigned request's X-Amz-Signature must not be here.
	std::vector<QueryParameter> query;
	//! Request headers in any case and order; only those named in signed_headers are used.
	std::vector<HttpHeader> headers;
	//! Lower-case names of the headers to sign, any order.
	std::vector<std::string> signed_headers;
	//! Hex SHA-256 of the body or one of the payload-mode constants.
	std::string payload_hash;
};

//! The canonical URI of a decoded object path ("/bucket/my key" -> "/bucket/my%20key").
std::string CanonicalUri(std::string_view decoded_path);
//! Names and values UriEncoded (slash too), sorted by name then value, joined "a=1&b=".
std::string CanonicalQueryString(const std::vector<QueryParameter> &query);
//! "name:value\n" per signed header, sorted; values trimmed with inner runs of spaces collapsed, and
//! repeated headers joined with ','. A signed header missing from `headers` is signed as empty.
std::string CanonicalHeaders(const std::vector<HttpHeader> &headers, const std::vector<std::string> &signed_headers);
//! Sorted, lower-case, ';'-joined header names.
std::string SignedHeadersList(const std::vector<std::string> &signed_headers);
std::string CanonicalRequest(const CanonicalRequestParts &parts);
std::string StringToSign(std::string_view amz_date, const CredentialScope &scope, std::string_view canonical_request);
//! The raw 32-byte key HMAC(HMAC(HMAC(HMAC("AWS4"+secret, day), region), service), "aws4_request").
std::string DeriveSigningKey(std::string_view secret_access_key, const CredentialScope &scope);
//! Lower-case hex HMAC-SHA256 of the string to sign under the signing key.
std::string SignatureHex(std::string_view signing_key, std::string_view string_to_sign);
std::string AuthorizationHeaderValue(std::string_view access_key_id, const CredentialScope &scope,
                                     std::string_view signed_headers_list, std::string_view signature_hex);

//! String to sign of one chunk of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body; `previous_signature` is
//! the seed (request) signature for the first chunk, then each chunk's own signature.
std::string ChunkStringToSign(std::string_view amz_date, const CredentialScope &scope,
                              std::string_view previous_signature, std::string_view chunk_sha256_hex);
//! String to sign of the trailer of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER body.
std::string TrailerStringToSign(std::string_view amz_date, const CredentialScope &scope,
                                std::string_view previous_signature, std::string_view trailer_sha256_hex);

//! Client side: what to sign and where it goes.
struct SigV4Credentials {
	std::string access_key_id;
	std::string secret_access_key;
	//! Temporary credentials; sent as x-amz-security-token (or X-Amz-Security-Token when presigning).
	std::string session_token;
};

struct SigningRequest {
	std::string method;
	//! The Host header as sent: "bucket.s3.amazonaws.com" or "127.0.0.1:9000" (port when non-default).
	std::string host;
	std::string encoded_path;
	std::vector<QueryParameter> query;
	//! Extra headers to send and sign (range, content-type, content-md5, x-amz-meta-*, ...).
	std::vector<HttpHeader> headers;
	//! Hex SHA-256 of the body, EMPTY_SHA256_HEX, or UNSIGNED_PAYLOAD / a streaming mode.
	std::string payload_hash;
};

//! Signs `request` at `now_epoch_seconds`; returns the headers to add to it: x-amz-date,
//! x-amz-content-sha256, x-amz-security-token (with a session token) and authorization. Signed are
//! host, those three x-amz headers and every header in request.headers.
std::vector<HttpHeader> SignRequestHeaders(const SigningRequest &request, const SigV4Credentials &credentials,
                                           std::string_view region, int64_t now_epoch_seconds);

//! Presigns `request` (its payload_hash is ignored: presigned URLs are UNSIGNED-PAYLOAD); returns
//! the complete encoded query string to append after '?', the request's own query included and
//! X-Amz-Signature last. `expires_seconds` must be in [1, PRESIGN_EXPIRES_SECONDS_MAX].
std::string PresignQueryString(const SigningRequest &request, const SigV4Credentials &credentials,
                               std::string_view region, int64_t now_epoch_seconds, int64_t expires_seconds);

} // namespace s3
} // namespace ducklake
