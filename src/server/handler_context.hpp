//===----------------------------------------------------------------------===//
// server handler context: what every S3 operation of S3Handler knows about its request
//
// Internal to the handler's translation units (s3_handler.cpp, object_handlers.cpp,
// multipart_handlers.cpp), with the helpers they share: payload receiving (payload_receiver.hpp)
// and the response-building conveniences.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/uri_encoding.hpp"
#include "server/payload_receiver.hpp"
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

std::string Quote(const std::string &etag);
std::string Unquote(const std::string &etag);

} // namespace server
} // namespace ducklake
