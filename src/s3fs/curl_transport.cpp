#include "s3fs/curl_transport.hpp"

#include <algorithm>
#include <cstring>
#include <curl/curl.h>
#include <mutex>

namespace ducklake {

namespace {

constexpr uint64_t TRANSFER_BUFFER_BYTES = 512 * 1024;

struct TransferState {
	const HttpRequest &request;
	HttpResponse &response;
	CURL *handle;
	uint64_t upload_offset = 0;
	bool overflowed = false;
};

size_t OnBody(char *data, size_t size, size_t count, void *user) {
	auto &state = *static_cast<TransferState *>(user);
	auto bytes = size * count;
	long status = 0;
	curl_easy_getinfo(state.handle, CURLINFO_RESPONSE_CODE, &status);
	if (state.request.response_buffer && status >= 200 && status < 300) {
		auto &written = state.response.response_buffer_bytes;
		if (written + bytes > state.request.response_buffer_size) {
			state.overflowed = true;
			return 0; // aborts the transfer
		}
		memcpy(state.request.response_buffer + written, data, bytes);
		written += bytes;
		return bytes;
	}
	state.response.body.append(data, bytes);
	return bytes;
}

size_t OnHeader(char *data, size_t size, size_t count, void *user) {
	auto &state = *static_cast<TransferState *>(user);
	auto bytes = size * count;
	std::string line(data, bytes);
	if (line.rfind("HTTP/", 0) == 0) {
		// A new status line (after a redirect or 100-continue): forget earlier headers.
		state.response.headers.clear();
		return bytes;
	}
	auto colon = line.find(':');
	if (colon == std::string::npos) {
		return bytes;
	}
	HttpHeader header;
	header.name = line.substr(0, colon);
	std::transform(header.name.begin(), header.name.end(), header.name.begin(), ::tolower);
	auto value_begin = line.find_first_not_of(" \t", colon + 1);
	auto value_end = line.find_last_not_of(" \t\r\n");
	if (value_begin != std::string::npos && value_end != std::string::npos && value_end >= value_begin) {
		header.value = line.substr(value_begin, value_end - value_begin + 1);
	}
	state.response.headers.push_back(std::move(header));
	return bytes;
}

size_t OnUpload(char *out, size_t size, size_t count, void *user) {
	auto &state = *static_cast<TransferState *>(user);
	auto remaining = state.request.body_size - state.upload_offset;
	auto bytes = std::min<uint64_t>(remaining, size * count);
	if (bytes > 0) {
		memcpy(out, state.request.body + state.upload_offset, bytes);
		state.upload_offset += bytes;
	}
	return bytes;
}

TransportError Classify(CURLcode code) {
	switch (code) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
		return TransportError::CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return TransportError::TIMEOUT;
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return TransportError::CONNECTION_RESET;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_ISSUER_ERROR:
		return TransportError::TLS_CERTIFICATE;
	default:
		return TransportError::OTHER;
	}
}

void GlobalInit() {
	static std::once_flag once;
	std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

CurlTransport::CurlTransport(CurlTransportOptions options_p) : options(options_p), pool(options_p.idle_handles_max) {
	GlobalInit();
}

HttpResponse CurlTransport::Perform(const HttpRequest &request) {
	HttpResponse response;
	CURL *handle = pool.Acquire();
	if (!handle) {
		response.transport_error = TransportError::OTHER;
		response.transport_message = "libcurl could not allocate a handle";
		return response;
	}
	TransferState state {request, response, handle};
	char error_buffer[CURL_ERROR_SIZE] = {0};
	curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
	curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
	curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout_ms));
	curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS,
	                 static_cast<long>(request.timeout_ms ? request.timeout_ms : options.request_timeout_ms));
	curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(options.low_speed_bytes_per_second));
	curl_easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_time_s));
	bool verify_tls = options.verify_tls && request.verify_tls;
	curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, verify_tls ? 1L : 0L);
	curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, verify_tls ? 2L : 0L);
	if (!request.ca_cert_file.empty()) {
		curl_easy_setopt(handle, CURLOPT_CAINFO, request.ca_cert_file.c_str());
	}
	curl_easy_setopt(handle, CURLOPT_TCP_NODELAY, 1L);
	// Larger socket reads and writes than curl's 16/64 KiB defaults: fewer system calls and callbacks
	// per MiB, which is most of the client's CPU on a fast link.
	curl_easy_setopt(handle, CURLOPT_BUFFERSIZE, static_cast<long>(TRANSFER_BUFFER_BYTES));
	curl_easy_setopt(handle, CURLOPT_UPLOAD_BUFFERSIZE, static_cast<long>(TRANSFER_BUFFER_BYTES));
	curl_easy_setopt(handle, CURLOPT_FORBID_REUSE, options.idle_handles_max == 0 ? 1L : 0L);
	curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, OnBody);
	curl_easy_setopt(handle, CURLOPT_WRITEDATA, &state);
	curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, OnHeader);
	curl_easy_setopt(handle, CURLOPT_HEADERDATA, &state);
	// Keep bytes exactly as stored: no transparent decompression.
	curl_easy_setopt(handle, CURLOPT_HTTP_CONTENT_DECODING, 0L);

	switch (request.method) {
	case HttpMethod::HEAD:
		curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
		break;
	case HttpMethod::GET:
		curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
		break;
	case HttpMethod::PUT:
		curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(handle, CURLOPT_READFUNCTION, OnUpload);
		curl_easy_setopt(handle, CURLOPT_READDATA, &state);
		curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.body_size));
		break;
	case HttpMethod::POST:
		curl_easy_setopt(handle, CURLOPT_POST, 1L);
		curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body ? request.body : "");
		curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body_size));
		break;
	case HttpMethod::DELETE:
		curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, "DELETE");
		break;
	}

	struct curl_slist *header_list = nullptr;
	bool has_content_type = false;
	for (auto &header : request.headers) {
		auto line = header.name + ": " + header.value;
		header_list = curl_slist_append(header_list, line.c_str());
		if (strcasecmp(header.name.c_str(), "content-type") == 0) {
			has_content_type = true;
		}
	}
	header_list = curl_slist_append(header_list, "Expect:");
	if (!has_content_type && request.method == HttpMethod::POST) {
		// curl would otherwise send application/x-www-form-urlencoded, which is unsigned in SigV4.
		header_list = curl_slist_append(header_list, "Content-Type:");
	}
	curl_easy_setopt(handle, CURLOPT_HTTPHEADER, header_list);

	auto code = curl_easy_perform(handle);
	curl_slist_free_all(header_list);
	long status = 0;
	curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
	response.status = status;
	if (state.overflowed) {
		response.transport_error = TransportError::BODY_OVERFLOW;
		response.transport_message =
		    "response body exceeds the " + std::to_string(request.response_buffer_size) + " bytes requested";
	} else if (code != CURLE_OK) {
		response.transport_error = Classify(code);
		response.transport_message = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
	}
	// A handle whose transfer failed may hold a broken connection: do not reuse it.
	pool.Release(handle, code == CURLE_OK);
	return response;
}

} // namespace ducklake
