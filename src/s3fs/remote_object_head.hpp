//===----------------------------------------------------------------------===//
// RemoteObjectHead: what s3fs learns about a remote object before reading it, and the two requests
// every remote read uses: the metadata probe (HEAD) and one range GET.
//
// Shared by the http(s) and s3 file systems; both pass a `prepare` hook that finishes the request
// (nothing for http, SigV4 signing for s3) and a `describe` hook that turns a failed response into
// the error text users see. HeadRemoteObject returns an outcome value (a missing object is an
// expected outcome, not an exception); FetchRemoteRange throws duckdb::IOException, because a
// failed read always ends the query.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/http_transport.hpp"

#include <functional>

namespace ducklake {

struct RemoteObjectHead {
	uint64_t size = 0;
	//! Empty when the server sends none; then changes cannot be detected.
	std::string etag;
	int64_t last_modified_epoch_s = 0;
	//! The error text when the probe failed.
	std::string error;
};

enum class HeadOutcome : uint8_t { FOUND, NOT_FOUND, FAILED };

using PrepareRequest = std::function<void(HttpRequest &request)>;
using DescribeFailure = std::function<std::string(const HttpRequest &request, const HttpResponse &response)>;

//! "HTTP GET <url> failed: 404 Not Found" / "... failed: connection reset (after 4 attempts)".
std::string DescribeHttpFailure(const HttpRequest &request, const HttpResponse &response);
//! What to do when the server's TLS certificate was not accepted (names the ca_cert_file in use).
std::string TlsCertificateHint(const HttpRequest &request);

//! HEADs request.url (request carries URL, timeout and base headers). Servers that refuse HEAD (405,
//! 501) are asked for byte 0 with a range GET instead, and the size taken from Content-Range.
HeadOutcome HeadRemoteObject(HttpTransport &transport, const HttpRequest &request, RemoteObjectHead &head,
                             const PrepareRequest &prepare = PrepareRequest(),
                             const DescribeFailure &describe = DescribeHttpFailure);

//! GETs [offset, offset + length) of request.url into `out`. Checks the answer is exactly that range
//! and, when head.etag is known, sends If-Match and compares the answer's ETag.
void FetchRemoteRange(HttpTransport &transport, const HttpRequest &request, const RemoteObjectHead &head,
                      uint64_t offset, uint64_t length, char *out, const PrepareRequest &prepare = PrepareRequest(),
                      const DescribeFailure &describe = DescribeHttpFailure);

//! Seconds since the epoch of an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"); 0 when unparsable.
int64_t ParseHttpDate(const std::string &text);

} // namespace ducklake
