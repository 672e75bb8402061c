#include "s3fs/fault_injecting_transport.hpp"

namespace ducklake {

InjectedFault InjectedFault::Status(int64_t status, std::string body) {
	InjectedFault fault;
	fault.kind = Kind::STATUS;
	fault.status = status;
	fault.body = std::move(body);
	return fault;
}

InjectedFault InjectedFault::Reset() {
	InjectedFault fault;
	fault.kind = Kind::CONNECTION_RESET;
	return fault;
}

InjectedFault InjectedFault::Timeout() {
	InjectedFault fault;
	fault.kind = Kind::TIMEOUT;
	return fault;
}

FaultInjectingTransport::FaultInjectingTransport(HttpTransport &inner_p, Rule rule_p)
    : inner(inner_p), rule(std::move(rule_p)) {
}

HttpResponse FaultInjectingTransport::Perform(const HttpRequest &request) {
	auto request_number = ++request_count;
	auto fault = rule ? rule(request_number, request) : InjectedFault();
	HttpResponse response;
	switch (fault.kind) {
	case InjectedFault::Kind::NONE:
		return inner.Perform(request);
	case InjectedFault::Kind::STATUS:
		response.status = fault.status;
		response.body = fault.body;
		break;
	case InjectedFault::Kind::CONNECTION_RESET:
		response.transport_error = TransportError::CONNECTION_RESET;
		response.transport_message = "injected connection reset";
		break;
	case InjectedFault::Kind::TIMEOUT:
		response.transport_error = TransportError::TIMEOUT;
		response.transport_message = "injected timeout";
		break;
	}
	injected_count++;
	return response;
}

} // namespace ducklake
