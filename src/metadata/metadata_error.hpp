//===----------------------------------------------------------------------===//
// MetadataException: a failed metadata statement, with what the caller may do about it.
//
// Backends throw it (never a bare IOException) for failures of the metadata database, so that
// the commit retry loop can tell a lost race from a real error without reading message text.
// It is an IOException, so DuckDB reports it to users as an IO Error with our message.
//
//   RETRYABLE_CONFLICT  another writer won (unique violation on the snapshot id, serialization
//                       failure, deadlock, database busy): roll back, re-read, try again.
//   CONNECTION_LOST     the connection broke (server restart, network): the transaction is gone;
//                       the next statement reconnects.
//   PERMANENT           anything else (syntax, permissions, wrong password, missing table).
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/common/exception.hpp"

#include <string>

namespace ducklake {

enum class MetadataErrorKind { PERMANENT, RETRYABLE_CONFLICT, CONNECTION_LOST };

class MetadataException : public duckdb::IOException {
public:
	//! code: the backend's error code as text (a PostgreSQL SQLSTATE, a SQLite result code name).
	MetadataException(MetadataErrorKind kind_p, std::string code_p, const std::string &message)
	    : duckdb::IOException(message), kind(kind_p), code(std::move(code_p)) {
	}

	MetadataErrorKind Kind() const {
		return kind;
	}
	bool IsRetryable() const {
		return kind != MetadataErrorKind::PERMANENT;
	}
	const std::string &Code() const {
		return code;
	}

private:
	MetadataErrorKind kind;
	std::string code;
};

} // namespace ducklake
