#include "s3fs/retry_policy.hpp"

#include <gtest/gtest.h>

namespace ducklake {

namespace {

HttpResponse WithStatus(int64_t status) {
	HttpResponse response;
	response.status = status;
	return response;
}

HttpResponse WithTransportError(TransportError error) {
	HttpResponse response;
	response.transport_error = error;
	return response;
}

} // namespace

TEST(RetryPolicy, ServerErrorsAndSlowDownAreRetried) {
	for (int64_t status : {500, 502, 503, 504, 599}) {
		EXPECT_TRUE(IsRetryable(WithStatus(status))) << status;
	}
}

TEST(RetryPolicy, ClientErrorsAreNeverRetriedExcept408And429) {
	for (int64_t status : {400, 401, 403, 404, 409, 412, 416}) {
		EXPECT_FALSE(IsRetryable(WithStatus(status))) << status;
	}
	EXPECT_TRUE(IsRetryable(WithStatus(408)));
	EXPECT_TRUE(IsRetryable(WithStatus(429)));
}

TEST(RetryPolicy, NotImplementedIsPermanent) {
	EXPECT_FALSE(IsRetryable(WithStatus(501)));
}

TEST(RetryPolicy, SuccessIsNotRetried) {
	EXPECT_FALSE(IsRetryable(WithStatus(200)));
	EXPECT_FALSE(IsRetryable(WithStatus(206)));
}

TEST(RetryPolicy, PassingTransportFailuresAreRetriedOthersAreNot) {
	EXPECT_TRUE(IsRetryable(WithTransportError(TransportError::CONNECT)));
	EXPECT_TRUE(IsRetryable(WithTransportError(TransportError::TIMEOUT)));
	EXPECT_TRUE(IsRetryable(WithTransportError(TransportError::CONNECTION_RESET)));
	EXPECT_FALSE(IsRetryable(WithTransportError(TransportError::BODY_OVERFLOW)));
	EXPECT_FALSE(IsRetryable(WithTransportError(TransportError::OTHER)));
}

TEST(RetryPolicy, WaitsGrowExponentiallyWithinJitterBounds) {
	RetryPolicy policy;
	policy.wait_initial_ms = 100;
	policy.backoff_factor = 4;
	policy.wait_max_ms = 100000;
	EXPECT_EQ(RetryWaitMs(policy, 0, 0.0), 50u);
	EXPECT_EQ(RetryWaitMs(policy, 0, 0.999999), 99u);
	EXPECT_EQ(RetryWaitMs(policy, 1, 0.0), 200u);
	EXPECT_EQ(RetryWaitMs(policy, 2, 0.0), 800u);
	EXPECT_EQ(RetryWaitMs(policy, 2, 0.5), 1200u);
}

TEST(RetryPolicy, WaitIsCappedByWaitMax) {
	RetryPolicy policy;
	policy.wait_initial_ms = 100;
	policy.backoff_factor = 4;
	policy.wait_max_ms = 1000;
	EXPECT_EQ(RetryWaitMs(policy, 10, 0.0), 500u);
	EXPECT_EQ(RetryWaitMs(policy, 10, 1.0), 1000u);
}

} // namespace ducklake
