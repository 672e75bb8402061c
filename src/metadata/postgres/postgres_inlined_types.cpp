// PostgreSQL column types and literals of inlined data tables (metadata/inlined_data.hpp).
#include "metadata/postgres/postgres_metadata_connection.hpp"

#include "duckdb/common/types/blob.hpp"

namespace ducklake {

using duckdb::LogicalType;
using duckdb::LogicalTypeId;

std::string PostgresMetadataConnection::InlinedColumnType(const LogicalType &type) const {
	if (type.HasAlias()) {
		return std::string(); // JSON and other aliases: their meaning would be lost
	}
	switch (type.id()) {
	case LogicalTypeId::BOOLEAN:
		return "BOOLEAN";
	case LogicalTypeId::TINYINT:
	case LogicalTypeId::SMALLINT:
	case LogicalTypeId::UTINYINT:
		return "SMALLINT";
	case LogicalTypeId::INTEGER:
	case LogicalTypeId::USMALLINT:
		return "INTEGER";
	case LogicalTypeId::BIGINT:
	case LogicalTypeId::UINTEGER:
		return "BIGINT";
	case LogicalTypeId::FLOAT:
		return "REAL";
	case LogicalTypeId::DOUBLE:
		return "DOUBLE PRECISION";
	case LogicalTypeId::DECIMAL:
		return "NUMERIC(" + std::to_string(duckdb::DecimalType::GetWidth(type)) + "," +
		       std::to_string(duckdb::DecimalType::GetScale(type)) + ")";
	case LogicalTypeId::VARCHAR:
		return "VARCHAR";
	case LogicalTypeId::BLOB:
		return "BYTEA";
	case LogicalTypeId::DATE:
		return "DATE";
	case LogicalTypeId::TIME:
		return "TIME";
	case LogicalTypeId::TIMESTAMP:
		return "TIMESTAMP";
	case LogicalTypeId::TIMESTAMP_TZ:
		return "TIMESTAMPTZ";
	case LogicalTypeId::UUID:
		return "UUID";
	default:
		return std::string(); // nested, unsigned 64-bit, nanosecond and other types go to Parquet
	}
}

std::string PostgresMetadataConnection::InlinedValueLiteral(const duckdb::Value &value) const {
	auto type_name = InlinedColumnType(value.type());
	if (value.type().id() == LogicalTypeId::BLOB) {
		auto &blob = duckdb::StringValue::Get(value);
		static const char *digits = "0123456789abcdef";
		std::string hex = "\\x";
		for (unsigned char byte : blob) {
			hex += digits[byte >> 4];
			hex += digits[byte & 15];
		}
		return "'" + hex + "'::BYTEA";
	}
	return "'" + EscapeQuotes(value.ToString()) + "'::" + type_name;
}

} // namespace ducklake
