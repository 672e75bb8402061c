//===----------------------------------------------------------------------===//
// CurlTransport: HttpTransport over libcurl with keep-alive connections from a CurlHandlePool.
//
// Every request has a connect timeout and a total timeout; a transfer that stalls below
// low_speed_bytes_per_second for low_speed_time_s is also cut off. curl's own retries and
// "Expect: 100-continue" are disabled: retrying is RetryingTransport's job and not every
// S3-compatible server answers 100-continue. Thread-safe.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/curl_handle_pool.hpp"
#include "s3fs/http_transport.hpp"

namespace ducklake {

struct CurlTransportOptions {
	uint64_t connect_timeout_ms = 10000;
	//! Whole-request bound (httpfs's http_timeout, 30 s, is per request as well).
	uint64_t request_timeout_ms = 30000;
	uint64_t low_speed_bytes_per_second = 1;
	uint64_t low_speed_time_s = 30;
	//! Idle keep-alive handles kept for reuse; 0 disables keep-alive.
	uint64_t idle_handles_max = 64;
	//! Verify TLS certificates (never turned off silently).
	bool verify_tls = true;
};

class CurlTransport : public HttpTransport {
public:
	explicit CurlTransport(CurlTransportOptions options = CurlTransportOptions());
	HttpResponse Perform(const HttpRequest &request) override;
	CurlHandlePool &Pool() {
		return pool;
	}

private:
	CurlTransportOptions options;
	CurlHandlePool pool;
};

} // namespace ducklake
