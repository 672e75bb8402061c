//===----------------------------------------------------------------------===//
// HttpTransport: the one seam through which s3fs reaches the network.
//
// A transport performs one HTTP request and reports what happened as a value: a transport-level
// failure (connect, timeout, reset) or an HTTP status with headers and body. It never throws for
// network or HTTP errors, so callers (the retry layer, the file systems) decide what is fatal.
// Implementations: CurlTransport (libcurl, pooled keep-alive connections), RetryingTransport (bounded
// retries around another transport) and FaultInjectingTransport (tests). All are thread-safe:
// Perform may be called from many threads at once.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ducklake {

enum class HttpMethod : uint8_t { HEAD, GET, PUT, POST, DELETE };

//! "GET", "PUT", ... as sent on the wire.
const char *HttpMethodName(HttpMethod method);

struct HttpHeader {
	std::string name;
	std::string value;
};

struct HttpRequest {
	HttpMethod method = HttpMethod::GET;
	//! Absolute URL, already percent-encoded.
	std::string url;
	std::vector<HttpHeader> headers;
	//! Request body (PUT/POST). Not owned: it must stay valid until Perform returns.
	const char *body = nullptr;
	uint64_t body_size = 0;
	//! When set, a 2xx response body is written here instead of HttpResponse::body. A body longer than
	//! response_buffer_size fails the request with TransportError::BODY_OVERFLOW.
	char *response_buffer = nullptr;
	uint64_t response_buffer_size = 0;
	//! Whole-request timeout for this request; 0 uses the transport's default.
	uint64_t timeout_ms = 0;
	//! https: verify the server's certificate and host name (httpfs's enable_server_cert_verification).
	bool verify_tls = true;
	//! https: trust the CAs in this PEM file instead of the system's (httpfs's ca_cert_file); empty: system.
	std::string ca_cert_file;
};

enum class TransportError : uint8_t {
	NONE,
	//! DNS failure or connection refused: nothing was sent.
	CONNECT,
	//! Connect or transfer timeout.
	TIMEOUT,
	//! The peer closed or reset the connection mid-request.
	CONNECTION_RESET,
	//! The 2xx body did not fit HttpRequest::response_buffer.
	BODY_OVERFLOW,
	//! The server's TLS certificate was not accepted (untrusted, wrong host, unreadable CA file).
	TLS_CERTIFICATE,
	//! Anything else libcurl reports (TLS handshake failure, malformed URL, ...).
	OTHER
};

const char *TransportErrorName(TransportError error);

struct HttpResponse {
	TransportError transport_error = TransportError::NONE;
	//! Human-readable detail of a transport error.
	std::string transport_message;
	//! HTTP status; 0 when no response arrived.
	int64_t status = 0;
	//! Response headers with lower-cased names.
	std::vector<HttpHeader> headers;
	//! The body, unless it went to HttpRequest::response_buffer.
	std::string body;
	//! Bytes written into HttpRequest::response_buffer.
	uint64_t response_buffer_bytes = 0;
	//! How many attempts were made (set by RetryingTransport; 1 otherwise).
	uint32_t attempts = 1;

	//! The header's value, or nullptr. `lower_name` must be lower case.
	const std::string *FindHeader(const std::string &lower_name) const;
	bool Succeeded() const {
		return transport_error == TransportError::NONE && status >= 200 && status < 300;
	}
};

class HttpTransport {
public:
	virtual ~HttpTransport() = default;
	//! Performs one request. Never throws for network or HTTP failures: they are in the response.
	virtual HttpResponse Perform(const HttpRequest &request) = 0;
};

} // namespace ducklake
