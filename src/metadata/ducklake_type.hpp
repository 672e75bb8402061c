//===----------------------------------------------------------------------===//
// DuckLake type names: the lower-case type strings of ducklake_column.column_type (spec 0.3)
// and their DuckDB LogicalTypes.
//
// Pure functions. Nested types are stored as one column per node ("list" with child "element",
// "struct" with one child per field, "map" with children "key" and "value"); these functions
// name one node and leave the tree to the caller.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/common/types.hpp"

#include <string>

namespace ducklake {

//! The DuckLake name of a DuckDB type ("int32", "decimal(18,3)", "list", ...). Throws
//! NotImplementedException naming the type and column for types the format cannot store (ENUM,
//! UNION, fixed-size ARRAY, BIT, VARINT, ...).
std::string DucklakeTypeName(const duckdb::LogicalType &type, const std::string &column_name);

//! The DuckDB type of a non-nested DuckLake type name. Throws InvalidInputException naming the
//! string for an unknown name. "list", "struct" and "map" are rejected: build them from children.
duckdb::LogicalType DucklakePrimitiveType(const std::string &type_name);

//! True for "list", "struct" and "map".
bool IsDucklakeNestedType(const std::string &type_name);

} // namespace ducklake
