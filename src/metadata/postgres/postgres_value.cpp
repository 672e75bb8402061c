#include "metadata/postgres/postgres_value.hpp"

#include "duckdb/common/exception.hpp"
#include "duckdb/common/exception/conversion_exception.hpp"

#include <cerrno>
#include <cstdlib>

namespace ducklake {

using duckdb::LogicalType;
using duckdb::Value;

LogicalType PostgresTypeToLogicalType(uint32_t type_oid) {
	switch (type_oid) {
	case postgres_oid::BOOL:
		return LogicalType::BOOLEAN;
	case postgres_oid::BYTEA:
		return LogicalType::BLOB;
	case postgres_oid::INT8:
	case postgres_oid::OID:
		return LogicalType::BIGINT;
	case postgres_oid::INT4:
		return LogicalType::INTEGER;
	case postgres_oid::INT2:
		return LogicalType::SMALLINT;
	case postgres_oid::FLOAT4:
		return LogicalType::FLOAT;
	case postgres_oid::FLOAT8:
	case postgres_oid::NUMERIC:
		return LogicalType::DOUBLE;
	case postgres_oid::DATE:
		return LogicalType::DATE;
	case postgres_oid::TIMESTAMP:
		return LogicalType::TIMESTAMP;
	case postgres_oid::TIMESTAMPTZ:
		return LogicalType::TIMESTAMP_TZ;
	case postgres_oid::UUID:
		return LogicalType::UUID;
	default:
		return LogicalType::VARCHAR;
	}
}

namespace {

bool ParseInt64(const char *text, size_t length, int64_t &result) {
	if (length == 0) {
		return false;
	}
	errno = 0;
	char *end = nullptr;
	long long parsed = std::strtoll(text, &end, 10);
	if (errno != 0 || end != text + length) {
		return false;
	}
	result = parsed;
	return true;
}

int HexDigit(char c) {
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

[[noreturn]] void ThrowUnparseable(const std::string &text, const LogicalType &type) {
	throw duckdb::ConversionException("PostgreSQL returned '%s', which is not a valid %s", text, type.ToString());
}

} // namespace

Value PostgresTextToValue(uint32_t type_oid, const char *text, size_t length) {
	// The catalog is mostly bigint, text and bool: those take no detour through casts.
	switch (type_oid) {
	case postgres_oid::INT8:
	case postgres_oid::OID: {
		int64_t parsed;
		if (!ParseInt64(text, length, parsed)) {
			ThrowUnparseable(std::string(text, length), LogicalType::BIGINT);
		}
		return Value::BIGINT(parsed);
	}
	case postgres_oid::TEXT:
	case postgres_oid::VARCHAR:
		return Value(std::string(text, length));
	case postgres_oid::BOOL:
		if (length == 1 && (text[0] == 't' || text[0] == 'f')) {
			return Value::BOOLEAN(text[0] == 't');
		}
		ThrowUnparseable(std::string(text, length), LogicalType::BOOLEAN);
	default:
		break;
	}
	std::string text_string(text, length);
	auto type = PostgresTypeToLogicalType(type_oid);
	switch (type_oid) {
	case postgres_oid::INT4:
	case postgres_oid::INT2: {
		int64_t parsed;
		if (!ParseInt64(text, length, parsed)) {
			ThrowUnparseable(text_string, type);
		}
		return Value::BIGINT(parsed).DefaultCastAs(type);
	}
	case postgres_oid::NUMERIC: {
		int64_t parsed;
		if (ParseInt64(text, length, parsed)) {
			return Value::BIGINT(parsed);
		}
		break;
	}
	case postgres_oid::BYTEA: {
		// Hex output format (bytea_output = 'hex', the default since PostgreSQL 9.0): \x0a1b...
		if (length < 2 || text[0] != '\\' || text[1] != 'x' || length % 2 != 0) {
			ThrowUnparseable(text_string, type);
		}
		std::string bytes;
		for (size_t char_idx = 2; char_idx < length; char_idx += 2) {
			int high = HexDigit(text[char_idx]);
			int low = HexDigit(text[char_idx + 1]);
			if (high < 0 || low < 0) {
				ThrowUnparseable(text_string, type);
			}
			bytes.push_back(static_cast<char>(high * 16 + low));
		}
		return Value::BLOB_RAW(bytes);
	}
	default:
		break;
	}
	if (type.id() == duckdb::LogicalTypeId::VARCHAR) {
		return Value(std::move(text_string));
	}
	Value result;
	std::string error;
	if (!Value(text_string).DefaultTryCastAs(type, result, &error, true)) {
		ThrowUnparseable(text_string, type);
	}
	return result;
}

} // namespace ducklake
