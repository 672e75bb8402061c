#include "s3fs/http_transport.hpp"

namespace ducklake {

const char *HttpMethodName(HttpMethod method) {
	switch (method) {
	case HttpMethod::HEAD:
		return "HEAD";
	case HttpMethod::GET:
		return "GET";
	case HttpMethod::PUT:
		return "PUT";
	case HttpMethod::POST:
		return "POST";
	case HttpMethod::DELETE:
		return "DELETE";
	}
	return "GET";
}

const char *TransportErrorName(TransportError error) {
	switch (error) {
	case TransportError::NONE:
		return "none";
	case TransportError::CONNECT:
		return "connection failed";
	case TransportError::TIMEOUT:
		return "timed out";
	case TransportError::CONNECTION_RESET:
		return "connection reset";
	case TransportError::BODY_OVERFLOW:
		return "response larger than expected";
	case TransportError::TLS_CERTIFICATE:
		return "TLS certificate not accepted";
	case TransportError::OTHER:
		return "transport error";
	}
	return "transport error";
}

const std::string *HttpResponse::FindHeader(const std::string &lower_name) const {
	for (auto &header : headers) {
		if (header.name == lower_name) {
			return &header.value;
		}
	}
	return nullptr;
}

} // namespace ducklake
