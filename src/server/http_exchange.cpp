#include "server/http_exchange.hpp"

#include <algorithm>
#include <cstring>
#include <strings.h>
#include <unistd.h>

namespace ducklake {
namespace server {

s3::Result<size_t> StringRequestBody::Read(char *buffer, size_t buffer_bytes) {
	size_t take = std::min(buffer_bytes, data.size() - position);
	std::memcpy(buffer, data.data() + position, take);
	position += take;
	return s3::Result<size_t>::Success(take);
}

std::string HttpRequest::Header(std::string_view name) const {
	for (auto &header : headers) {
		if (header.name.size() == name.size() && strncasecmp(header.name.data(), name.data(), name.size()) == 0) {
			return header.value;
		}
	}
	return "";
}

bool HttpRequest::HasHeader(std::string_view name) const {
	for (auto &header : headers) {
		if (header.name.size() == name.size() && strncasecmp(header.name.data(), name.data(), name.size()) == 0) {
			return true;
		}
	}
	return false;
}

FileRegion::~FileRegion() {
	if (fd >= 0) {
		close(fd);
	}
}

void HttpResponse::SetHeader(std::string name, std::string value) {
	for (auto &header : headers) {
		if (strcasecmp(header.name.c_str(), name.c_str()) == 0) {
			header.value = std::move(value);
			return;
		}
	}
	headers.push_back({std::move(name), std::move(value)});
}

} // namespace server
} // namespace ducklake
