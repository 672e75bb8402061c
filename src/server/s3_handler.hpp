//===----------------------------------------------------------------------===//
// server S3Handler: the pure core of ducklake-s3d - one HTTP request in, one response out
//
// Resolves bucket and key (path-style or virtual-hosted), authenticates (request_auth.hpp), routes
// to the S3 operation and runs it against the ObjectStore and MultipartStore. It never touches a
// socket: the request body is pulled through HttpRequest::body and a GET's bytes go back as an open
// file region for the session to stream. Every failure leaves through RenderError
// (error_response.hpp), the one place S3 <Error> documents are made. Thread-safe: one handler serves
// all sessions.
//===----------------------------------------------------------------------===//
#pragma once

#include "server/http_exchange.hpp"
#include "server/multipart_store.hpp"
#include "server/object_store.hpp"
#include "server/request_auth.hpp"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace ducklake {
namespace server {

//! The largest single PUT S3 accepts.
constexpr uint64_t PUT_OBJECT_BYTES_MAX = 5ull * 1024 * 1024 * 1024;
//! Bound on XML request bodies (DeleteObjects, CompleteMultipartUpload, CreateBucket).
constexpr size_t XML_REQUEST_BYTES_MAX = 4 * 1024 * 1024;
//! Path of the health endpoint; not a valid bucket name, so it never shadows one.
constexpr const char *HEALTH_PATH = "/.s3d/health";

struct HandlerConfig {
	AuthConfig auth;
	//! Domains under which "<bucket>.<domain>" is a virtual-hosted bucket address.
	std::vector<std::string> virtual_host_domains {"localhost"};
	//! Clock for auth and timestamps; replaceable in tests.
	std::function<int64_t()> now;
};

class S3Handler {
public:
	S3Handler(HandlerConfig config, ObjectStore &objects, MultipartStore &uploads);

	//! Never throws for bad input; an unexpected exception becomes a 500 InternalError response.
	HttpResponse Handle(HttpRequest &request);

	//! Removes multipart uploads initiated more than `age_seconds` ago; returns how many. Thread-safe.
	size_t ExpireAbandonedUploads(int64_t age_seconds) {
		return uploads.ExpireOlderThan(age_seconds);
	}

	//! Set when the server is shutting down: the health endpoint then answers 503.
	void SetDraining() {
		draining = true;
	}

private:
	struct Context;
	HttpResponse Dispatch(Context &context);
	// Service and bucket level.
	HttpResponse ListBuckets(Context &context);
	HttpResponse CreateBucket(Context &context);
	HttpResponse DeleteBucket(Context &context);
	HttpResponse HeadBucket(Context &context);
	HttpResponse GetBucketLocation(Context &context);
	HttpResponse GetBucketVersioning(Context &context);
	HttpResponse GetAcl(Context &context);
	HttpResponse ListObjects(Context &context, bool v2);
	HttpResponse ListObjectVersions(Context &context);
	HttpResponse DeleteObjects(Context &context);
	HttpResponse ListMultipartUploads(Context &context);
	// Object level.
	HttpResponse PutObject(Context &context);
	HttpResponse CopyObject(Context &context);
	HttpResponse GetObject(Context &context, bool head);
	HttpResponse DeleteObject(Context &context);
	// Multipart.
	HttpResponse CreateMultipartUpload(Context &context);
	HttpResponse UploadPart(Context &context);
	HttpResponse CompleteMultipartUpload(Context &context);
	HttpResponse AbortMultipartUpload(Context &context);
	HttpResponse ListParts(Context &context);

	HandlerConfig config;
	ObjectStore &objects;
	MultipartStore &uploads;
	std::atomic<bool> draining {false};
	std::atomic<uint64_t> request_counter {0};
};

} // namespace server
} // namespace ducklake
