#include "metadata/sqlite/sqlite_value.hpp"

#include "duckdb/common/exception/conversion_exception.hpp"
#include "duckdb/common/string_util.hpp"
#include "duckdb/common/types/date.hpp"
#include "duckdb/common/types/time.hpp"

#include <cstdio>

namespace ducklake {

using duckdb::LogicalType;

LogicalType SqliteDeclaredTypeToLogicalType(const std::string &declared_type) {
	auto upper = duckdb::StringUtil::Upper(declared_type);
	if (upper.empty()) {
		return LogicalType::INVALID;
	}
	if (upper == "BOOLEAN" || upper == "BOOL") {
		return LogicalType::BOOLEAN;
	}
	if (upper == "UUID") {
		return LogicalType::UUID;
	}
	if (upper == "TIMESTAMP WITH TIME ZONE" || upper == "TIMESTAMPTZ") {
		return LogicalType::TIMESTAMP_TZ;
	}
	if (upper == "TIMESTAMP") {
		return LogicalType::TIMESTAMP;
	}
	if (upper == "DATE") {
		return LogicalType::DATE;
	}
	// SQLite's own affinity rules (datatype3.html section 3.1), in their order.
	if (upper.find("INT") != std::string::npos) {
		return LogicalType::BIGINT;
	}
	if (upper.find("CHAR") != std::string::npos || upper.find("CLOB") != std::string::npos ||
	    upper.find("TEXT") != std::string::npos) {
		return LogicalType::VARCHAR;
	}
	if (upper.find("BLOB") != std::string::npos) {
		return LogicalType::BLOB;
	}
	if (upper.find("REAL") != std::string::npos || upper.find("FLOA") != std::string::npos ||
	    upper.find("DOUB") != std::string::npos) {
		return LogicalType::DOUBLE;
	}
	return LogicalType::INVALID;
}

std::string FormatSqliteTimestamp(duckdb::timestamp_t timestamp) {
	duckdb::date_t date;
	duckdb::dtime_t time;
	duckdb::Timestamp::Convert(timestamp, date, time);
	int32_t year, month, day, hour, minute, second, micros;
	duckdb::Date::Convert(date, year, month, day);
	duckdb::Time::Convert(time, hour, minute, second, micros);
	char buffer[64];
	snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d %02d:%02d:%02d.%06d+00", year, month, day, hour, minute, second,
	         micros);
	return buffer;
}

duckdb::Value SqliteTextToValue(const std::string &text, const LogicalType &type) {
	if (type.id() == duckdb::LogicalTypeId::VARCHAR || type.id() == duckdb::LogicalTypeId::INVALID) {
		return duckdb::Value(text);
	}
	duckdb::Value result;
	std::string error;
	if (!duckdb::Value(text).DefaultTryCastAs(type, result, &error, true)) {
		throw duckdb::ConversionException("SQLite metadata store holds '%s', which is not a valid %s", text,
		                                  type.ToString());
	}
	return result;
}

} // namespace ducklake
