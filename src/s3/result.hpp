//===----------------------------------------------------------------------===//
// s3::Result
//
// The outcome of a pure protocol step: either a value or one message that names the bad input and
// what is allowed. Parsers and validators in src/s3 return it instead of throwing, so a caller
// decides at its own edge whether a failure becomes an S3 <Error>, a DuckDB exception or a retry.
//===----------------------------------------------------------------------===//
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace ducklake {
namespace s3 {

template <class T>
class Result {
public:
	static Result Success(T value) {
		Result result;
		result.value = std::move(value);
		return result;
	}
	static Result Failure(std::string message) {
		Result result;
		result.error = std::move(message);
		return result;
	}

	bool Ok() const {
		return value.has_value();
	}
	//! The value; only valid when Ok().
	const T &Value() const {
		return *value;
	}
	T &Value() {
		return *value;
	}
	//! The message; empty when Ok().
	const std::string &Error() const {
		return error;
	}

private:
	std::optional<T> value;
	std::string error;
};

} // namespace s3
} // namespace ducklake
