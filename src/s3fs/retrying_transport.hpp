//===----------------------------------------------------------------------===//
// RetryingTransport: sends a request through another transport and retries it per RetryPolicy.
//
// At most 1 + policy.retries_max attempts; the waits come from RetryWaitMs. The last response is
// returned as is, with `attempts` set. The request body must be replayable (it is: HttpRequest only
// points at memory). The inner transport is borrowed and must outlive this one. The sleep function
// is injectable so tests check the waits without sleeping. Thread-safe if the inner transport is.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/retry_policy.hpp"

#include <functional>
#include <mutex>
#include <random>

namespace ducklake {

class RetryingTransport : public HttpTransport {
public:
	using SleepFunction = std::function<void(uint64_t wait_ms)>;

	RetryingTransport(HttpTransport &inner, RetryPolicy policy, SleepFunction sleep = SleepFunction());
	HttpResponse Perform(const HttpRequest &request) override;
	const RetryPolicy &Policy() const {
		return policy;
	}

private:
	double NextRandomUnit();

	HttpTransport &inner;
	RetryPolicy policy;
	SleepFunction sleep;
	std::mutex random_lock;
	std::mt19937_64 random;
};

} // namespace ducklake
