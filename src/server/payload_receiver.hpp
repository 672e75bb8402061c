//===----------------------------------------------------------------------===//
// server payload receiver: a request body, in any of the SigV4 payload modes, into a temporary
// file (PutObject, UploadPart) or memory (XML bodies), with every digest it declares verified
//
// Small bodies are hashed and written on the receiving thread. Large ones go through a
// BodyPipeline: the socket is read straight into the pipeline's buffers while the file write, the
// MD5 (the ETag) and the other digests (x-amz-content-sha256, x-amz-checksum-*) run on threads of
// their own. Either way nothing is verified, and so nothing can be committed, before the whole body
// has arrived and every digest is complete.
//===----------------------------------------------------------------------===//
#pragma once

#include "server/object_store.hpp"
#include "server/request_auth.hpp"
#include "server/s3_outcome.hpp"

#include <string>
#include <vector>

namespace ducklake {
namespace server {

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

//! The payload bytes the request announces (x-amz-decoded-content-length for aws-chunked bodies,
//! else Content-Length); 0 when it announces none.
uint64_t AnnouncedPayloadBytes(const HttpRequest &request);

//! Reads a small body (XML) into memory, bounded by XML_REQUEST_BYTES_MAX.
Outcome<std::string> ReadSmallBody(const HttpRequest &request, const AuthResult &auth);

} // namespace server
} // namespace ducklake
