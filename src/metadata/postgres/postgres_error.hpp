//===----------------------------------------------------------------------===//
// PostgreSQL error classification: SQLSTATE -> MetadataErrorKind.
//
// Pure: decided by the five-character SQLSTATE alone, never by message text (which is
// translated with lc_messages and changes between server versions).
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_error.hpp"

#include <string>

namespace ducklake {

//! 23505 unique_violation, 40001 serialization_failure, 40P01 deadlock_detected -> RETRYABLE_CONFLICT;
//! class 08 (connection exceptions), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
//! cannot_connect_now -> CONNECTION_LOST; everything else (including an empty SQLSTATE) -> PERMANENT.
MetadataErrorKind ClassifySqlState(const std::string &sqlstate);

//! "retryable conflict", "connection lost" or "error", for messages.
const char *MetadataErrorKindName(MetadataErrorKind kind);

} // namespace ducklake
