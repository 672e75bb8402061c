//===----------------------------------------------------------------------===//
// server HTTP exchange: the request and response values the pure handler works on
//
// The handler sees an HttpRequest (method, raw target, headers, and a RequestBody it pulls the
// payload from) and returns an HttpResponse (status, headers, and a body that is either bytes in
// memory or a byte range of an open file to stream). It never touches a socket: the session fills
// the request from the wire and writes the response back; tests construct both directly.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/result.hpp"
#include "s3/sigv4_signer.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ducklake {
namespace server {

//! The request payload as a pull stream. Read() returns 0 at the end of the body and fails on a
//! broken connection or a timeout. One reader per request; not thread-safe.
class RequestBody {
public:
	virtual ~RequestBody() = default;
	virtual s3::Result<size_t> Read(char *buffer, size_t buffer_bytes) = 0;
};

//! A body held in memory, for tests and for small bodies.
class StringRequestBody : public RequestBody {
public:
	explicit StringRequestBody(std::string data_p) : data(std::move(data_p)) {
	}
	s3::Result<size_t> Read(char *buffer, size_t buffer_bytes) override;

private:
	std::string data;
	size_t position = 0;
};

struct HttpRequest {
	std::string method;
	//! The request target as received: "/bucket/key%20x?uploads".
	std::string target;
	std::vector<s3::HttpHeader> headers;
	//! Remote address for the log line.
	std::string remote;
	//! May be null for body-less requests.
	RequestBody *body = nullptr;

	//! The first header of that name (case-insensitive), or "" when absent.
	std::string Header(std::string_view name) const;
	bool HasHeader(std::string_view name) const;
};

//! An open file region to stream as the response body.
struct FileRegion {
	int fd = -1;
	uint64_t offset = 0;
	uint64_t length = 0;
	~FileRegion();
};

struct HttpResponse {
	uint16_t status = 200;
	std::vector<s3::HttpHeader> headers;
	std::string body;
	//! When set, the body is this file region (and `body` is ignored).
	std::shared_ptr<FileRegion> file;
	//! HEAD: send Content-Length of `content_length` but no body.
	bool head_only = false;
	uint64_t content_length = 0;
	//! S3 error code for the log line, empty on success.
	std::string error_code;

	void SetHeader(std::string name, std::string value);
	uint64_t BodyBytes() const {
		return file ? file->length : body.size();
	}
};

} // namespace server
} // namespace ducklake
