#include "s3fs/retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace ducklake {

bool IsRetryable(const HttpResponse &response) {
	switch (response.transport_error) {
	case TransportError::CONNECT:
	case TransportError::TIMEOUT:
	case TransportError::CONNECTION_RESET:
		return true;
	case TransportError::BODY_OVERFLOW:
	case TransportError::TLS_CERTIFICATE:
	case TransportError::OTHER:
		return false;
	case TransportError::NONE:
		break;
	}
	// 501 Not Implemented is permanent: the server will never support the request.
	if (response.status >= 500 && response.status <= 599 && response.status != 501) {
		return true;
	}
	return response.status == 408 || response.status == 429;
}

uint64_t RetryWaitMs(const RetryPolicy &policy, uint32_t retry_idx, double random_unit) {
	double step = static_cast<double>(policy.wait_initial_ms) * std::pow(policy.backoff_factor, retry_idx);
	step = std::min(step, static_cast<double>(policy.wait_max_ms));
	random_unit = std::min(std::max(random_unit, 0.0), 1.0);
	return static_cast<uint64_t>(step / 2 + step / 2 * random_unit);
}

} // namespace ducklake
