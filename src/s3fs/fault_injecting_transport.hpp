//===----------------------------------------------------------------------===//
// FaultInjectingTransport: a test seam that makes chosen requests fail.
//
// Wraps a real transport. Requests are numbered from 1 in the order they arrive; before each one
// the rule is asked whether to fail it, and how: answer with an HTTP status (e.g. 503 SlowDown)
// without sending anything, or report a connection reset or a timeout. Requests the rule lets
// through go to the inner transport unchanged. SQLite's fault method in tests: fail request N, rerun
// for N = 1, 2, ... and check that nothing half-done is visible. Thread-safe.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/http_transport.hpp"

#include <atomic>
#include <functional>

namespace ducklake {

struct InjectedFault {
	enum class Kind : uint8_t { NONE, STATUS, CONNECTION_RESET, TIMEOUT };
	Kind kind = Kind::NONE;
	int64_t status = 0;
	std::string body;

	static InjectedFault Status(int64_t status, std::string body = std::string());
	static InjectedFault Reset();
	static InjectedFault Timeout();
};

class FaultInjectingTransport : public HttpTransport {
public:
	//! `request_number` counts from 1 over all requests through this transport.
	using Rule = std::function<InjectedFault(uint64_t request_number, const HttpRequest &request)>;

	FaultInjectingTransport(HttpTransport &inner, Rule rule);
	HttpResponse Perform(const HttpRequest &request) override;
	uint64_t RequestCount() const {
		return request_count.load();
	}
	uint64_t InjectedCount() const {
		return injected_count.load();
	}

private:
	HttpTransport &inner;
	Rule rule;
	std::atomic<uint64_t> request_count {0};
	std::atomic<uint64_t> injected_count {0};
};

} // namespace ducklake
