#include "metadata/ducklake_type.hpp"

#include "duckdb/common/exception.hpp"
#include "duckdb/common/string_util.hpp"

namespace ducklake {

using duckdb::LogicalType;
using duckdb::LogicalTypeId;

std::string DucklakeTypeName(const LogicalType &type, const std::string &column_name) {
	if (type.IsJSONType()) {
		return "json";
	}
	switch (type.id()) {
	case LogicalTypeId::BOOLEAN:
		return "boolean";
	case LogicalTypeId::TINYINT:
		return "int8";
	case LogicalTypeId::SMALLINT:
		return "int16";
	case LogicalTypeId::INTEGER:
		return "int32";
	case LogicalTypeId::BIGINT:
		return "int64";
	case LogicalTypeId::UTINYINT:
		return "uint8";
	case LogicalTypeId::USMALLINT:
		return "uint16";
	case LogicalTypeId::UINTEGER:
		return "uint32";
	case LogicalTypeId::UBIGINT:
		return "uint64";
	case LogicalTypeId::FLOAT:
		return "float32";
	case LogicalTypeId::DOUBLE:
		return "float64";
	case LogicalTypeId::DECIMAL:
		return "decimal(" + std::to_string(duckdb::DecimalType::GetWidth(type)) + "," +
		       std::to_string(duckdb::DecimalType::GetScale(type)) + ")";
	case LogicalTypeId::DATE:
		return "date";
	case LogicalTypeId::TIME:
		return "time";
	case LogicalTypeId::TIME_TZ:
		return "timetz";
	case LogicalTypeId::TIMESTAMP:
		return "timestamp";
	case LogicalTypeId::TIMESTAMP_TZ:
		return "timestamptz";
	case LogicalTypeId::TIMESTAMP_SEC:
		return "timestamp_s";
	case LogicalTypeId::TIMESTAMP_MS:
		return "timestamp_ms";
	case LogicalTypeId::TIMESTAMP_NS:
		return "timestamp_ns";
	case LogicalTypeId::INTERVAL:
		return "interval";
	case LogicalTypeId::VARCHAR:
		return "varchar";
	case LogicalTypeId::BLOB:
		return "blob";
	case LogicalTypeId::UUID:
		return "uuid";
	case LogicalTypeId::LIST:
		return "list";
	case LogicalTypeId::STRUCT:
		return "struct";
	case LogicalTypeId::MAP:
		return "map";
	default:
		throw duckdb::NotImplementedException(
		    "Column \"%s\" has type %s, which a DuckLake table cannot store; allowed are the DuckLake 0.3 types "
		    "(integers, floats, decimal, boolean, varchar, blob, json, uuid, date, time, timetz, timestamps, interval, "
		    "list, struct, map)",
		    column_name, type.ToString());
	}
}

LogicalType DucklakePrimitiveType(const std::string &type_name) {
	auto name = duckdb::StringUtil::Lower(type_name);
	if (name == "boolean") {
		return LogicalType::BOOLEAN;
	}
	if (name == "int8") {
		return LogicalType::TINYINT;
	}
	if (name == "int16") {
		return LogicalType::SMALLINT;
	}
	if (name == "int32") {
		return LogicalType::INTEGER;
	}
	if (name == "int64") {
		return LogicalType::BIGINT;
	}
	if (name == "int128") {
		return LogicalType::HUGEINT;
	}
	if (name == "uint8") {
		return LogicalType::UTINYINT;
	}
	if (name == "uint16") {
		return LogicalType::USMALLINT;
	}
	if (name == "uint32") {
		return LogicalType::UINTEGER;
	}
	if (name == "uint64") {
		return LogicalType::UBIGINT;
	}
	if (name == "uint128") {
		return LogicalType::UHUGEINT;
	}
	if (name == "float32") {
		return LogicalType::FLOAT;
	}
	if (name == "float64") {
		return LogicalType::DOUBLE;
	}
	if (name == "date") {
		return LogicalType::DATE;
	}
	if (name == "time") {
		return LogicalType::TIME;
	}
	if (name == "timetz") {
		return LogicalType::TIME_TZ;
	}
	if (name == "timestamp") {
		return LogicalType::TIMESTAMP;
	}
	if (name == "timestamptz") {
		return LogicalType::TIMESTAMP_TZ;
	}
	if (name == "timestamp_s") {
		return LogicalType::TIMESTAMP_S;
	}
	if (name == "timestamp_ms") {
		return LogicalType::TIMESTAMP_MS;
	}
	if (name == "timestamp_ns") {
		return LogicalType::TIMESTAMP_NS;
	}
	if (name == "interval") {
		return LogicalType::INTERVAL;
	}
	if (name == "varchar") {
		return LogicalType::VARCHAR;
	}
	if (name == "blob") {
		return LogicalType::BLOB;
	}
	if (name == "json") {
		return LogicalType::JSON();
	}
	if (name == "uuid") {
		return LogicalType::UUID;
	}
	if (duckdb::StringUtil::StartsWith(name, "decimal(") && duckdb::StringUtil::EndsWith(name, ")")) {
		auto inner = name.substr(8, name.size() - 9);
		auto parts = duckdb::StringUtil::Split(inner, ',');
		if (parts.size() == 2) {
			auto width = std::stoi(parts[0]);
			auto scale = std::stoi(parts[1]);
			if (width >= 1 && width <= 38 && scale >= 0 && scale <= width) {
				return LogicalType::DECIMAL(static_cast<uint8_t>(width), static_cast<uint8_t>(scale));
			}
		}
	}
	throw duckdb::InvalidInputException("Unknown DuckLake column type \"%s\" in the catalog", type_name);
}

bool IsDucklakeNestedType(const std::string &type_name) {
	return type_name == "list" || type_name == "struct" || type_name == "map";
}

} // namespace ducklake
