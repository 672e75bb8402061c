#include "s3fs/retrying_transport.hpp"

#include <chrono>
#include <thread>

namespace ducklake {

RetryingTransport::RetryingTransport(HttpTransport &inner_p, RetryPolicy policy_p, SleepFunction sleep_p)
    : inner(inner_p), policy(policy_p), sleep(std::move(sleep_p)), random(std::random_device()()) {
	if (!sleep) {
		sleep = [](uint64_t wait_ms) {
			std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
		};
	}
}

double RetryingTransport::NextRandomUnit() {
	std::lock_guard<std::mutex> guard(random_lock);
	return std::uniform_real_distribution<double>(0.0, 1.0)(random);
}

HttpResponse RetryingTransport::Perform(const HttpRequest &request) {
	uint32_t attempt_count = 0;
	while (true) {
		auto response = inner.Perform(request);
		attempt_count++;
		response.attempts = attempt_count;
		if (!IsRetryable(response) || attempt_count > policy.retries_max) {
			return response;
		}
		sleep(RetryWaitMs(policy, attempt_count - 1, NextRandomUnit()));
	}
}

} // namespace ducklake
