//===----------------------------------------------------------------------===//
// server Outcome: a value, or the S3 error code and message that a request should fail with
//
// The store and the handlers speak in S3 terms: a missing object is NO_SUCH_KEY with a message
// naming bucket and key. The error renderer (error_response.hpp) turns the failure into <Error> XML.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/s3_error.hpp"

#include <optional>
#include <string>
#include <utility>

namespace ducklake {
namespace server {

struct S3Failure {
	s3::S3ErrorCode code = s3::S3ErrorCode::INTERNAL_ERROR;
	std::string message;
};

template <class T>
class Outcome {
public:
	Outcome(T value_p) : value(std::move(value_p)) { // NOLINT: implicit on purpose, success is the common path
	}
	Outcome(S3Failure failure_p) : failure(std::move(failure_p)) { // NOLINT
	}
	bool Ok() const {
		return value.has_value();
	}
	const T &Value() const {
		return *value;
	}
	T &Value() {
		return *value;
	}
	const S3Failure &Failure() const {
		return failure;
	}

private:
	std::optional<T> value;
	S3Failure failure;
};

inline S3Failure Fail(s3::S3ErrorCode code, std::string message) {
	return S3Failure {code, std::move(message)};
}

} // namespace server
} // namespace ducklake
