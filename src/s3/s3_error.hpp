//===----------------------------------------------------------------------===//
// s3 error codes: the table of S3 error codes, their HTTP status and whether a retry may help
//
// The one place that knows "NoSuchKey is a 404" and "SlowDown is a retryable 503". A server picks
// an S3ErrorCode and renders it (error_xml.hpp); a client parses the code from the <Error> body and
// asks ErrorInfoForCode whether to retry, falling back on IsRetryableHttpStatus for unknown codes.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string_view>

namespace ducklake {
namespace s3 {

enum class S3ErrorCode {
	ACCESS_DENIED,
	AUTHORIZATION_HEADER_MALFORMED,
	AUTHORIZATION_QUERY_PARAMETERS_ERROR,
	BAD_DIGEST,
	BAD_REQUEST,
	BUCKET_ALREADY_EXISTS,
	BUCKET_ALREADY_OWNED_BY_YOU,
	BUCKET_NOT_EMPTY,
	CONDITIONAL_REQUEST_CONFLICT,
	ENTITY_TOO_LARGE,
	ENTITY_TOO_SMALL,
	EXPIRED_TOKEN,
	INCOMPLETE_BODY,
	INTERNAL_ERROR,
	INVALID_ACCESS_KEY_ID,
	INVALID_ARGUMENT,
	INVALID_BUCKET_NAME,
	INVALID_CHUNK_SIZE_ERROR,
	INVALID_DIGEST,
	INVALID_PART,
	INVALID_PART_ORDER,
	INVALID_RANGE,
	INVALID_REQUEST,
	INVALID_URI,
	KEY_TOO_LONG_ERROR,
	MALFORMED_XML,
	METHOD_NOT_ALLOWED,
	MISSING_CONTENT_LENGTH,
	NO_SUCH_BUCKET,
	NO_SUCH_KEY,
	NO_SUCH_UPLOAD,
	NOT_IMPLEMENTED,
	PRECONDITION_FAILED,
	REQUEST_HEADER_SECTION_TOO_LARGE,
	REQUEST_TIMEOUT,
	REQUEST_TIME_TOO_SKEWED,
	SERVICE_UNAVAILABLE,
	SIGNATURE_DOES_NOT_MATCH,
	SLOW_DOWN,
	X_AMZ_CONTENT_SHA256_MISMATCH,
};

struct S3ErrorInfo {
	S3ErrorCode code;
	//! The <Code> text, e.g. "NoSuchKey".
	const char *name;
	uint16_t http_status;
	//! True when repeating the same request later may succeed (5xx, SlowDown, RequestTimeout, ...).
	bool retryable;
	//! S3's generic description, used as <Message> when there is nothing more specific to say.
	const char *description;
};

const S3ErrorInfo &ErrorInfo(S3ErrorCode code);
//! The table entry for a <Code> text, or nullptr when S3 code is not in the table.
const S3ErrorInfo *ErrorInfoForCode(std::string_view name);
//! Retry policy for a status without a known code: 5xx (but 501), 408 and 429 are retryable.
bool IsRetryableHttpStatus(uint16_t http_status);

} // namespace s3
} // namespace ducklake
