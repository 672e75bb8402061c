//===----------------------------------------------------------------------===//
// PostgreSQL text-format values -> duckdb::Value.
//
// Pure: the type OID of a result column and the text libpq returns pick the duckdb::Value, so
// catalog code reads the same Values from PostgreSQL as from a DuckDB file (int8 -> BIGINT,
// bool -> BOOLEAN, uuid -> UUID, timestamptz -> TIMESTAMP WITH TIME ZONE, ...). Types we do not
// know come back as VARCHAR holding PostgreSQL's text.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/common/types.hpp"
#include "duckdb/common/types/value.hpp"

#include <cstdint>
#include <string>

namespace ducklake {

//! Built-in type OIDs of PostgreSQL (stable across versions: pg_type.dat).
namespace postgres_oid {
constexpr uint32_t BOOL = 16;
constexpr uint32_t BYTEA = 17;
constexpr uint32_t NAME = 19;
constexpr uint32_t INT8 = 20;
constexpr uint32_t INT2 = 21;
constexpr uint32_t INT4 = 23;
constexpr uint32_t TEXT = 25;
constexpr uint32_t OID = 26;
constexpr uint32_t FLOAT4 = 700;
constexpr uint32_t FLOAT8 = 701;
constexpr uint32_t BPCHAR = 1042;
constexpr uint32_t VARCHAR = 1043;
constexpr uint32_t DATE = 1082;
constexpr uint32_t TIMESTAMP = 1114;
constexpr uint32_t TIMESTAMPTZ = 1184;
constexpr uint32_t NUMERIC = 1700;
constexpr uint32_t UUID = 2950;
} // namespace postgres_oid

//! The DuckDB type a column of this PostgreSQL type becomes (VARCHAR when unknown; NUMERIC
//! becomes DOUBLE unless every value is integral, see PostgresTextToValue).
duckdb::LogicalType PostgresTypeToLogicalType(uint32_t type_oid);

//! Convert one non-NULL text value. NUMERIC values without a fractional part that fit in
//! int64 become BIGINT (sum() over bigint columns returns numeric in PostgreSQL). Throws
//! duckdb::ConversionException naming the text and the type when the text does not parse.
duckdb::Value PostgresTextToValue(uint32_t type_oid, const char *text, size_t length);

} // namespace ducklake
