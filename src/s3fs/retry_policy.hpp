//===----------------------------------------------------------------------===//
// RetryPolicy: which failed requests are retried, and how long to wait before each retry.
//
// Pure functions, no I/O. Retried: transport failures that can pass (connect failure, timeout,
// connection reset), every 5xx but 501 Not Implemented (including S3's 503 SlowDown), 408 Request Timeout and 429 Too
// Many Requests. Never retried: any other 4xx (a bad signature or a missing key does not get better), a body overflow,
// TLS or URL errors. Waits grow exponentially with "equal jitter": half of the exponential step is fixed, the other
// half random, so clients that failed together do not retry together. Defaults follow httpfs (http_retries 3,
// http_retry_wait_ms 100, http_retry_backoff 4).
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/http_transport.hpp"

#include <cstdint>

namespace ducklake {

struct RetryPolicy {
	//! Retries after the first attempt (httpfs's http_retries).
	uint32_t retries_max = 3;
	//! Exponential step of the first retry.
	uint64_t wait_initial_ms = 100;
	//! Factor between consecutive steps.
	double backoff_factor = 4;
	//! No single wait is longer than this.
	uint64_t wait_max_ms = 20000;
};

//! True when a request that ended with `response` may succeed if sent again.
bool IsRetryable(const HttpResponse &response);

//! Milliseconds to wait before retry number `retry_idx` (0 for the first retry). `random_unit` is a
//! uniform random number in [0, 1); the result lies in [step / 2, step] with
//! step = min(wait_max_ms, wait_initial_ms * backoff_factor ^ retry_idx).
uint64_t RetryWaitMs(const RetryPolicy &policy, uint32_t retry_idx, double random_unit);

} // namespace ducklake
