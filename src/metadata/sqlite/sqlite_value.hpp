//===----------------------------------------------------------------------===//
// SQLite values -> duckdb::Value, and the timestamp text DuckLake keeps in SQLite.
//
// SQLite stores every value in one of five storage classes whatever a column's declared type,
// so the declared type (sqlite3_column_decltype: the catalog DDL uses DuckDB's type names)
// decides the duckdb::Value: BIGINT columns give BIGINT, BOOLEAN (stored as 0/1) gives BOOLEAN,
// UUID and TIMESTAMP WITH TIME ZONE (stored as text) give UUID and TIMESTAMP_TZ. Expressions
// have no declared type; their storage class decides (INTEGER -> BIGINT, REAL -> DOUBLE,
// TEXT -> VARCHAR, BLOB -> BLOB).
//
// Timestamps with time zone are stored as UTC text "YYYY-MM-DD HH:MM:SS.ffffff+00": fixed
// width, so text comparison in SQL orders them in time.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/common/types.hpp"
#include "duckdb/common/types/timestamp.hpp"
#include "duckdb/common/types/value.hpp"

#include <string>

namespace ducklake {

//! The DuckDB type a column declared as `declared_type` holds; INVALID when the declaration
//! says nothing (no declared type, or one we do not know), so the storage class decides.
duckdb::LogicalType SqliteDeclaredTypeToLogicalType(const std::string &declared_type);

//! UTC text of a timestamp, fixed width with microseconds: "2025-03-01 12:00:00.000000+00".
std::string FormatSqliteTimestamp(duckdb::timestamp_t timestamp);

//! The stored text converted to `type` (from SqliteDeclaredTypeToLogicalType). Throws
//! duckdb::ConversionException naming the text and type when it does not parse.
duckdb::Value SqliteTextToValue(const std::string &text, const duckdb::LogicalType &type);

} // namespace ducklake
