//===----------------------------------------------------------------------===//
// ducklake_metadata_query(catalog, query): the rows of one read-only query against the catalog
// tables of an attached lake, whatever store holds them (DuckDB file, SQLite, PostgreSQL).
//
//   SELECT * FROM ducklake_metadata_query('lake', 'SELECT snapshot_id, changes_made
//                                                  FROM ducklake_snapshot_changes')
//
// The query is written in the store's own SQL dialect and names the catalog tables without a
// schema (the store's METADATA_SCHEMA is the default). It runs at bind time on a connection of
// its own, outside the caller's DuckLake transaction, so it sees what is committed. Column types
// come from the store (integers as BIGINT, booleans as BOOLEAN, timestamps with time zone as
// TIMESTAMP WITH TIME ZONE, ...); where the store declares none (SQLite expressions,
// PostgreSQL numeric) the values decide, and columns whose values disagree become VARCHAR.
// Anything but one read-only query is refused with an error naming it; the store is never
// changed.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_connection.hpp"

#include "duckdb/main/extension/extension_loader.hpp"

namespace ducklake {

void RegisterMetadataQueryFunction(duckdb::ExtensionLoader &loader);

//! One type per column of `rows`: the declared type, else the common type of the non-NULL
//! values (VARCHAR when they differ or all are NULL). Pure.
std::vector<duckdb::LogicalType> ResolveMetadataColumnTypes(const MetadataRows &rows);

} // namespace ducklake
