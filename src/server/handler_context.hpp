//===----------------------------------------------------------------------===//
// server handler context: what every S3 operation of S3Handler knows about its request
//
// Internal to the handler's translation units (s3_handler.cpp, object_handlers.cpp,
// multipart_handlers.cpp), with the helpers they share: receiving a payload in any of the SigV4
// payload modes into a temporary file with its digests verified, reading a bounded XML body, and
// the response-building conveniences.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/uri_encoding.hpp"
#include "server/s3_handler.hpp"

#include <string>
#include <vector>

namespace ducklake {
namespace server {

struct S3Handler::Context {
	explicit Context(HttpRequest &request_p) : request(request_p) {
	}
	HttpRequest &request;
	std::string raw_path;
	std::vector<s3::QueryParameter> query;
	std::string bucket;
	std::string key;
	AuthResult auth;
	std::string request_id;
	int64_t now = 0;

	bool Has(const char *name) const {
		for (auto &parameter : query) {
			if (parameter.name == name) {
				return true;
			}
		}
		return false;
	}
	std::string Get(const char *name) const {
		for (auto &parameter : query) {
			if (parameter.name == name) {
				return parameter.value;
			}
		}
		return "";
	}
	HttpResponse Error(const S3Failure &failure) const;
	HttpResponse Error(s3::S3ErrorCode code, std::string message) const {
		return Error(Fail(code, std::move(message)));
	}
};

//! What ReceivePayload learned while writing the body to the temporary file.
struct ReceivedPayload {
	std::string md5_hex;
	//! x-amz-checksum-<algorithm> name and base64 value, verified; empty when none was sent.
	std::vector<s3::HttpHeader> checksums;
};

//! Reads the whole request body into `destination` according to the auth payload mode, verifying
//! x-amz-content-sha256, aws-chunked signatures, Content-MD5 and x-amz-checksum-* (header or
//! trailer). Fails with BAD_DIGEST, X_AMZ_CONTENT_SHA256_MISMATCH, INCOMPLETE_BODY,
//! ENTITY_TOO_LARGE, SIGNATURE_DOES_NOT_MATCH, INVALID_DIGEST or INVALID_REQUEST.
//! `destination` is left open and not yet synced: ObjectStore::CommitObject and
//! MultipartStore::PutPart make it durable.
Outcome<ReceivedPayload> ReceivePayload(const HttpRequest &request, const AuthResult &auth, TempFile &destination,
                                        uint64_t bytes_max);

//! Reads a small body (XML) into memory, bounded by XML_REQUEST_BYTES_MAX.
Outcome<std::string> ReadSmallBody(const HttpRequest &request, const AuthResult &auth);

std::string Quote(const std::string &etag);
std::string Unquote(const std::string &etag);

} // namespace server
} // namespace ducklake
