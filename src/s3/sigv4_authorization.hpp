//===----------------------------------------------------------------------===//
// s3 SigV4 authorization parsing: the Authorization header and X-Amz-Credential
//
// A server receives "AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request,
// SignedHeaders=host;x-amz-date,Signature=<64 hex>" (or the same facts as presigned query
// parameters) and needs them as values before it can rebuild the canonical request. Parsing is
// strict: unknown algorithm, a scope that does not end in aws4_request, an empty signed-header
// list or a signature that is not 64 hex digits fail with a message naming the part.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/result.hpp"
#include "s3/sigv4_signer.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ducklake {
namespace s3 {

//! Bound on the Authorization header we are willing to parse.
constexpr size_t AUTHORIZATION_HEADER_BYTES_MAX = 8192;

struct ParsedCredential {
	std::string access_key_id;
	CredentialScope scope;
};

struct ParsedAuthorization {
	ParsedCredential credential;
	//! Lower-case, in the order given (S3 requires them sorted; we re-sort when signing).
	std::vector<std::string> signed_headers;
	std::string signature;
};

//! Parses "AKID/YYYYMMDD/region/service/aws4_request".
Result<ParsedCredential> ParseCredential(std::string_view credential);
//! Parses a SigV4 Authorization header value (components may be separated by ',' and spaces).
Result<ParsedAuthorization> ParseAuthorizationHeader(std::string_view value);
//! Splits "host;x-amz-date" into names; fails on an empty list or empty name.
Result<std::vector<std::string>> ParseSignedHeaders(std::string_view list);
//! True for exactly 64 lower-case hex digits.
bool IsSignatureHex(std::string_view text);
//! Constant-time comparison for signatures, so timing does not reveal the matching prefix.
bool SignaturesEqual(std::string_view left, std::string_view right);

} // namespace s3
} // namespace ducklake
