#include "s3/s3_error.hpp"

namespace ducklake {
namespace s3 {

static const S3ErrorInfo ERROR_TABLE[] = {
    {S3ErrorCode::ACCESS_DENIED, "AccessDenied", 403, false, "Access Denied"},
    {S3ErrorCode::AUTHORIZATION_HEADER_MALFORMED, "AuthorizationHeaderMalformed", 400, false,
     "The authorization header you provided is invalid."},
    {S3ErrorCode::AUTHORIZATION_QUERY_PARAMETERS_ERROR, "AuthorizationQueryParametersError", 400, false,
     "Error parsing the X-Amz-Credential parameter or the presigned URL query parameters."},
    {S3ErrorCode::BAD_DIGEST, "BadDigest", 400, false,
     "The Content-MD5 or checksum you specified did not match what we received."},
    {S3ErrorCode::BAD_REQUEST, "BadRequest", 400, false, "The request is malformed."},
    {S3ErrorCode::BUCKET_ALREADY_EXISTS, "BucketAlreadyExists", 409, false,
     "The requested bucket name is not available."},
    {S3ErrorCode::BUCKET_ALREADY_OWNED_BY_YOU, "BucketAlreadyOwnedByYou", 409, false,
     "The bucket you tried to create already exists, and you own it."},
    {S3ErrorCode::BUCKET_NOT_EMPTY, "BucketNotEmpty", 409, false, "The bucket you tried to delete is not empty."},
    {S3ErrorCode::CONDITIONAL_REQUEST_CONFLICT, "ConditionalRequestConflict", 409, true,
     "A conflicting operation occurred. If using PutObject you can retry the request."},
    {S3ErrorCode::ENTITY_TOO_LARGE, "EntityTooLarge", 400, false,
     "Your proposed upload exceeds the maximum allowed size."},
    {S3ErrorCode::ENTITY_TOO_SMALL, "EntityTooSmall", 400, false,
     "Your proposed upload is smaller than the minimum allowed object size."},
    {S3ErrorCode::EXPIRED_TOKEN, "ExpiredToken", 400, false, "The provided token has expired."},
    {S3ErrorCode::INCOMPLETE_BODY, "IncompleteBody", 400, false,
     "You did not provide the number of bytes specified by the Content-Length HTTP header."},
    {S3ErrorCode::INTERNAL_ERROR, "InternalError", 500, true, "We encountered an internal error. Please try again."},
    {S3ErrorCode::INVALID_ACCESS_KEY_ID, "InvalidAccessKeyId", 403, false,
     "The AWS access key ID you provided does not exist in our records."},
    {S3ErrorCode::INVALID_ARGUMENT, "InvalidArgument", 400, false, "Invalid Argument"},
    {S3ErrorCode::INVALID_BUCKET_NAME, "InvalidBucketName", 400, false, "The specified bucket is not valid."},
    {S3ErrorCode::INVALID_CHUNK_SIZE_ERROR, "InvalidChunkSizeError", 403, false,
     "Only the last chunk is allowed to have a size less than 8192 bytes."},
    {S3ErrorCode::INVALID_DIGEST, "InvalidDigest", 400, false,
     "The Content-MD5 or checksum you specified is not valid."},
    {S3ErrorCode::INVALID_PART, "InvalidPart", 400, false,
     "One or more of the specified parts could not be found, or its entity tag did not match."},
    {S3ErrorCode::INVALID_PART_ORDER, "InvalidPartOrder", 400, false, "The list of parts was not in ascending order."},
    {S3ErrorCode::INVALID_RANGE, "InvalidRange", 416, false, "The requested range is not satisfiable"},
    {S3ErrorCode::INVALID_REQUEST, "InvalidRequest", 400, false, "Invalid Request"},
    {S3ErrorCode::INVALID_URI, "InvalidURI", 400, false, "Couldn't parse the specified URI."},
    {S3ErrorCode::KEY_TOO_LONG_ERROR, "KeyTooLongError", 400, false, "Your key is too long"},
    {S3ErrorCode::MALFORMED_XML, "MalformedXML", 400, false,
     "The XML you provided was not well-formed or did not validate against our published schema."},
    {S3ErrorCode::METHOD_NOT_ALLOWED, "MethodNotAllowed", 405, false,
     "The specified method is not allowed against this resource."},
    {S3ErrorCode::MISSING_CONTENT_LENGTH, "MissingContentLength", 411, false,
     "You must provide the Content-Length HTTP header."},
    {S3ErrorCode::NO_SUCH_BUCKET, "NoSuchBucket", 404, false, "The specified bucket does not exist"},
    {S3ErrorCode::NO_SUCH_KEY, "NoSuchKey", 404, false, "The specified key does not exist."},
    {S3ErrorCode::NO_SUCH_UPLOAD, "NoSuchUpload", 404, false,
     "The specified multipart upload does not exist. The upload ID might be invalid, or the upload might have "
     "been aborted or completed."},
    {S3ErrorCode::NOT_IMPLEMENTED, "NotImplemented", 501, false,
     "A header or query you provided implies functionality that is not implemented."},
    {S3ErrorCode::PRECONDITION_FAILED, "PreconditionFailed", 412, false,
     "At least one of the preconditions you specified did not hold."},
    {S3ErrorCode::REQUEST_HEADER_SECTION_TOO_LARGE, "RequestHeaderSectionTooLarge", 400, false,
     "Your request header section exceeds the maximum allowed size."},
    {S3ErrorCode::REQUEST_TIMEOUT, "RequestTimeout", 400, true,
     "Your socket connection to the server was not read from or written to within the timeout period."},
    {S3ErrorCode::REQUEST_TIME_TOO_SKEWED, "RequestTimeTooSkewed", 403, false,
     "The difference between the request time and the server's time is too large."},
    {S3ErrorCode::SERVICE_UNAVAILABLE, "ServiceUnavailable", 503, true, "Please reduce your request rate."},
    {S3ErrorCode::SIGNATURE_DOES_NOT_MATCH, "SignatureDoesNotMatch", 403, false,
     "The request signature we calculated does not match the signature you provided. Check your key and signing "
     "method."},
    {S3ErrorCode::SLOW_DOWN, "SlowDown", 503, true, "Please reduce your request rate."},
    {S3ErrorCode::X_AMZ_CONTENT_SHA256_MISMATCH, "XAmzContentSHA256Mismatch", 400, false,
     "The provided 'x-amz-content-sha256' header does not match what was computed."},
};

const S3ErrorInfo &ErrorInfo(S3ErrorCode code) {
	for (auto &entry : ERROR_TABLE) {
		if (entry.code == code) {
			return entry;
		}
	}
	// Every enumerator has a row (checked by a unit test); this is unreachable for valid enum values.
	return ERROR_TABLE[static_cast<size_t>(S3ErrorCode::INTERNAL_ERROR)];
}

const S3ErrorInfo *ErrorInfoForCode(std::string_view name) {
	for (auto &entry : ERROR_TABLE) {
		if (name == entry.name) {
			return &entry;
		}
	}
	return nullptr;
}

bool IsRetryableHttpStatus(uint16_t http_status) {
	return http_status == 408 || http_status == 429 || (http_status >= 500 && http_status != 501);
}

} // namespace s3
} // namespace ducklake
