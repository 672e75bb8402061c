//===----------------------------------------------------------------------===//
// ResultTable: a query result as the strings a .test file compares against.
//
// Rendering follows DuckDB's sqllogictest rules: NULL is `NULL`, the empty string is `(empty)`,
// a NUL byte inside a string is `\0`, every other value is DuckDB's Value::ToString() (integers
// as written, doubles in DuckDB's shortest round-trip form, dates ISO, nested types in DuckDB's
// literal syntax). Sorting and hashing work on these strings, as DuckDB's runner does:
//   - rowsort sorts whole rows (lexicographically by each column's string);
//   - valuesort sorts all values independently;
//   - the hash is MD5 over every value followed by '\n', in row-major order after sorting,
//     reported as "<N> values hashing to <hex>".
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb.hpp"
#include "sqllogic_parser.hpp"

#include <string>
#include <vector>

namespace ducklake::sqllogic {

using ResultRow = std::vector<std::string>;

struct ResultTable {
	std::vector<std::string> names;
	std::vector<duckdb::LogicalType> types;
	std::vector<ResultRow> rows;

	uint64_t ColumnCount() const {
		return names.size();
	}
	uint64_t ValueCount() const {
		return rows.size() * names.size();
	}
};

//! Renders one value by the rules above.
std::string RenderValue(const duckdb::Value &value);

//! Renders a successful materialized result.
ResultTable RenderResult(duckdb::MaterializedQueryResult &result);

//! Orders rows in place for a sort mode (NO_SORT leaves them alone). For VALUE_SORT the values are
//! sorted as one list and laid out again row by row in the same shape.
void SortRows(std::vector<ResultRow> &rows, SortMode mode);

//! "<N> values hashing to <md5 hex>" over the rows as they are (sort first).
std::string HashRows(const std::vector<ResultRow> &rows);

//! One row as tab-separated text, the form written in .test files.
std::string JoinRow(const ResultRow &row);

} // namespace ducklake::sqllogic
