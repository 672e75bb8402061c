// SQLite column types and literals of inlined data tables (metadata/inlined_data.hpp). SQLite
// keeps what it is given: numbers as numbers, everything else as text in DuckDB's own format,
// which reads back by a cast to the column's type.
#include "metadata/sqlite/sqlite_metadata_connection.hpp"

#include <cmath>

namespace ducklake {

using duckdb::LogicalType;
using duckdb::LogicalTypeId;

std::string SqliteMetadataConnection::InlinedColumnType(const LogicalType &type) const {
	if (type.HasAlias()) {
		return std::string();
	}
	switch (type.id()) {
	case LogicalTypeId::BOOLEAN:
	case LogicalTypeId::TINYINT:
	case LogicalTypeId::SMALLINT:
	case LogicalTypeId::INTEGER:
	case LogicalTypeId::BIGINT:
	case LogicalTypeId::UTINYINT:
	case LogicalTypeId::USMALLINT:
	case LogicalTypeId::UINTEGER:
		return "BIGINT";
	case LogicalTypeId::FLOAT:
	case LogicalTypeId::DOUBLE:
		return "DOUBLE";
	case LogicalTypeId::BLOB:
		return "BLOB";
	case LogicalTypeId::DECIMAL:
	case LogicalTypeId::VARCHAR:
	case LogicalTypeId::DATE:
	case LogicalTypeId::TIME:
	case LogicalTypeId::TIMESTAMP:
	case LogicalTypeId::TIMESTAMP_TZ:
	case LogicalTypeId::UUID:
	case LogicalTypeId::INTERVAL:
		return "TEXT";
	default:
		return std::string();
	}
}

std::string SqliteMetadataConnection::InlinedValueLiteral(const duckdb::Value &value) const {
	switch (value.type().id()) {
	case LogicalTypeId::BOOLEAN:
		return value.GetValue<bool>() ? "1" : "0";
	case LogicalTypeId::TINYINT:
	case LogicalTypeId::SMALLINT:
	case LogicalTypeId::INTEGER:
	case LogicalTypeId::BIGINT:
	case LogicalTypeId::UTINYINT:
	case LogicalTypeId::USMALLINT:
	case LogicalTypeId::UINTEGER:
		return value.ToString();
	case LogicalTypeId::FLOAT:
	case LogicalTypeId::DOUBLE: {
		auto number = value.GetValue<double>();
		if (std::isnan(number) || std::isinf(number)) {
			return "'" + value.ToString() + "'"; // nan and infinities as text; read back by a cast
		}
		return value.ToString();
	}
	case LogicalTypeId::BLOB: {
		auto &blob = duckdb::StringValue::Get(value);
		static const char *digits = "0123456789abcdef";
		std::string hex = "X'";
		for (unsigned char byte : blob) {
			hex += digits[byte >> 4];
			hex += digits[byte & 15];
		}
		return hex + "'";
	}
	default:
		return "'" + EscapeQuotes(value.ToString()) + "'";
	}
}

} // namespace ducklake
