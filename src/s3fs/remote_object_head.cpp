#include "s3fs/remote_object_head.hpp"

#include "duckdb/common/exception.hpp"

#include <curl/curl.h>

namespace ducklake {

namespace {

bool ParseUnsigned(const std::string &text, uint64_t &result) {
	if (text.empty() || text.size() > 19) {
		return false;
	}
	result = 0;
	for (auto c : text) {
		if (c < '0' || c > '9') {
			return false;
		}
		result = result * 10 + static_cast<uint64_t>(c - '0');
	}
	return true;
}

//! "bytes 0-0/12345" -> 12345
bool ParseContentRangeTotal(const std::string &text, uint64_t &total) {
	auto slash = text.rfind('/');
	return slash != std::string::npos && ParseUnsigned(text.substr(slash + 1), total);
}

void FillHead(const HttpResponse &response, RemoteObjectHead &head) {
	if (auto etag = response.FindHeader("etag")) {
		head.etag = *etag;
	}
	if (auto modified = response.FindHeader("last-modified")) {
		head.last_modified_epoch_s = ParseHttpDate(*modified);
	}
}

} // namespace

int64_t ParseHttpDate(const std::string &text) {
	auto seconds = curl_getdate(text.c_str(), nullptr);
	return seconds < 0 ? 0 : static_cast<int64_t>(seconds);
}

std::string DescribeHttpFailure(const HttpRequest &request, const HttpResponse &response) {
	std::string message = std::string("HTTP ") + HttpMethodName(request.method) + " " + request.url + " failed: ";
	if (response.transport_error != TransportError::NONE) {
		message += std::string(TransportErrorName(response.transport_error)) + " (" + response.transport_message + ")";
	} else {
		message += "status " + std::to_string(response.status);
	}
	if (response.attempts > 1) {
		message += " after " + std::to_string(response.attempts) + " attempts";
	}
	if (response.transport_error == TransportError::TLS_CERTIFICATE) {
		message += ". Hint: " + TlsCertificateHint(request);
	}
	return message;
}

std::string TlsCertificateHint(const HttpRequest &request) {
	if (!request.ca_cert_file.empty()) {
		return "the server's certificate is not signed by a CA in ca_cert_file '" + request.ca_cert_file +
		       "' (or that file is not a readable PEM file): point ca_cert_file at the CA that signed it";
	}
	return "the server's certificate is not signed by a CA this system trusts: trust its CA with "
	       "SET ca_cert_file = '<CA certificate in PEM>' (or, for a test server only, "
	       "SET enable_server_cert_verification = false)";
}

HeadOutcome HeadRemoteObject(HttpTransport &transport, const HttpRequest &request_p, RemoteObjectHead &head,
                             const PrepareRequest &prepare, const DescribeFailure &describe) {
	HttpRequest request = request_p;
	request.method = HttpMethod::HEAD;
	if (prepare) {
		prepare(request);
	}
	auto response = transport.Perform(request);
	if (response.transport_error == TransportError::NONE && (response.status == 405 || response.status == 501)) {
		request = request_p;
		request.method = HttpMethod::GET;
		request.headers.push_back({"Range", "bytes=0-0"});
		if (prepare) {
			prepare(request);
		}
		response = transport.Perform(request);
		auto content_range = response.FindHeader("content-range");
		if (response.Succeeded() && response.status == 206 && content_range &&
		    ParseContentRangeTotal(*content_range, head.size)) {
			FillHead(response, head);
			return HeadOutcome::FOUND;
		}
	}
	if (response.Succeeded()) {
		auto length = response.FindHeader("content-length");
		if (!length || !ParseUnsigned(*length, head.size)) {
			head.error = "HTTP HEAD " + request.url +
			             " answered without a Content-Length, so the file size is unknown; the server must send one";
			return HeadOutcome::FAILED;
		}
		FillHead(response, head);
		return HeadOutcome::FOUND;
	}
	head.error = describe(request, response);
	if (response.transport_error == TransportError::NONE && response.status == 404) {
		return HeadOutcome::NOT_FOUND;
	}
	return HeadOutcome::FAILED;
}

void FetchRemoteRange(HttpTransport &transport, const HttpRequest &request_p, const RemoteObjectHead &head,
                      uint64_t offset, uint64_t length, char *out, const PrepareRequest &prepare,
                      const DescribeFailure &describe) {
	HttpRequest request = request_p;
	request.method = HttpMethod::GET;
	request.headers.push_back({"Range", "bytes=" + std::to_string(offset) + "-" + std::to_string(offset + length - 1)});
	if (!head.etag.empty()) {
		request.headers.push_back({"If-Match", head.etag});
	}
	request.response_buffer = out;
	request.response_buffer_size = length;
	if (prepare) {
		prepare(request);
	}
	auto response = transport.Perform(request);
	bool whole_object = offset == 0 && length == head.size;
	if (response.status == 200 && !whole_object &&
	    (response.Succeeded() || response.transport_error == TransportError::BODY_OVERFLOW)) {
		throw duckdb::IOException("HTTP GET " + request.url +
		                          " ignored the Range header (answered 200 with the whole file); reading needs a "
		                          "server that supports range requests");
	}
	if (response.status == 412) {
		throw duckdb::IOException(request.url + " changed while it was being read (its ETag is no longer " + head.etag +
		                          "); rerun the query to read the new version");
	}
	if (!response.Succeeded()) {
		throw duckdb::IOException(describe(request, response));
	}
	auto etag = response.FindHeader("etag");
	if (!head.etag.empty() && etag && *etag != head.etag) {
		throw duckdb::IOException(request.url + " changed while it was being read (ETag " + head.etag + " became " +
		                          *etag + "); rerun the query to read the new version");
	}
	if (response.response_buffer_bytes != length) {
		throw duckdb::IOException("HTTP GET " + request.url + " returned " +
		                          std::to_string(response.response_buffer_bytes) + " bytes for a range of " +
		                          std::to_string(length) + " at offset " + std::to_string(offset));
	}
}

} // namespace ducklake
