#include "s3fs/fault_injecting_transport.hpp"
#include "s3fs/retrying_transport.hpp"

#include <gtest/gtest.h>

namespace ducklake {

namespace {

//! Answers every request with 200 and counts them: the "server" behind the fault injector.
class CountingTransport : public HttpTransport {
public:
	HttpResponse Perform(const HttpRequest &request) override {
		calls++;
		HttpResponse response;
		response.status = 200;
		response.body = "ok";
		return response;
	}
	uint64_t calls = 0;
};

struct RetryFixture {
	explicit RetryFixture(FaultInjectingTransport::Rule rule, uint32_t retries_max = 3)
	    : faults(server, std::move(rule)),
	      retrying(faults, Policy(retries_max), [this](uint64_t wait_ms) { waits.push_back(wait_ms); }) {
	}
	static RetryPolicy Policy(uint32_t retries_max) {
		RetryPolicy policy;
		policy.retries_max = retries_max;
		policy.wait_initial_ms = 100;
		policy.backoff_factor = 4;
		return policy;
	}
	CountingTransport server;
	FaultInjectingTransport faults;
	std::vector<uint64_t> waits;
	RetryingTransport retrying;
};

HttpRequest Get() {
	HttpRequest request;
	request.url = "http://127.0.0.1:1/object";
	return request;
}

} // namespace

TEST(RetryingTransport, SlowDownAtRequestOneIsRetriedAndSucceeds) {
	RetryFixture fixture([](uint64_t number, const HttpRequest &) {
		return number == 1 ? InjectedFault::Status(503, "<Error><Code>SlowDown</Code></Error>") : InjectedFault();
	});
	auto response = fixture.retrying.Perform(Get());
	EXPECT_EQ(response.status, 200);
	EXPECT_EQ(response.attempts, 2u);
	EXPECT_EQ(fixture.server.calls, 1u);
	ASSERT_EQ(fixture.waits.size(), 1u);
	EXPECT_GE(fixture.waits[0], 50u);
	EXPECT_LE(fixture.waits[0], 100u);
}

TEST(RetryingTransport, ResetsAndTimeoutsAreRetriedWithGrowingWaits) {
	RetryFixture fixture([](uint64_t number, const HttpRequest &) {
		if (number == 1) {
			return InjectedFault::Reset();
		}
		if (number == 2) {
			return InjectedFault::Timeout();
		}
		return InjectedFault();
	});
	auto response = fixture.retrying.Perform(Get());
	EXPECT_TRUE(response.Succeeded());
	EXPECT_EQ(response.attempts, 3u);
	ASSERT_EQ(fixture.waits.size(), 2u);
	EXPECT_GE(fixture.waits[1], 200u);
	EXPECT_LE(fixture.waits[1], 400u);
}

TEST(RetryingTransport, GivesUpAfterRetriesMaxAndReturnsTheLastFailure) {
	RetryFixture fixture([](uint64_t, const HttpRequest &) { return InjectedFault::Status(500); }, 2);
	auto response = fixture.retrying.Perform(Get());
	EXPECT_EQ(response.status, 500);
	EXPECT_EQ(response.attempts, 3u);
	EXPECT_EQ(fixture.faults.RequestCount(), 3u);
	EXPECT_EQ(fixture.server.calls, 0u);
	EXPECT_EQ(fixture.waits.size(), 2u);
}

TEST(RetryingTransport, ForbiddenIsNeverRetried) {
	RetryFixture fixture([](uint64_t, const HttpRequest &) { return InjectedFault::Status(403); });
	auto response = fixture.retrying.Perform(Get());
	EXPECT_EQ(response.status, 403);
	EXPECT_EQ(response.attempts, 1u);
	EXPECT_TRUE(fixture.waits.empty());
}

TEST(RetryingTransport, TooManyRequestsAndRequestTimeoutAreRetried) {
	RetryFixture fixture([](uint64_t number, const HttpRequest &) {
		return number == 1 ? InjectedFault::Status(429) : number == 2 ? InjectedFault::Status(408) : InjectedFault();
	});
	auto response = fixture.retrying.Perform(Get());
	EXPECT_EQ(response.status, 200);
	EXPECT_EQ(response.attempts, 3u);
}

TEST(RetryingTransport, ZeroRetriesMeansOneAttempt) {
	RetryFixture fixture([](uint64_t, const HttpRequest &) { return InjectedFault::Status(503); }, 0);
	auto response = fixture.retrying.Perform(Get());
	EXPECT_EQ(response.status, 503);
	EXPECT_EQ(response.attempts, 1u);
}

} // namespace ducklake
