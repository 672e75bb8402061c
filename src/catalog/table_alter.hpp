//===----------------------------------------------------------------------===//
// ALTER TABLE on a DuckLake table.
//
// AlterDucklakeTable looks the table up as the transaction sees it, applies the change to its
// record (column_changes.hpp), checks it against the data where the format needs it (SET NOT
// NULL refuses a column holding NULLs) and hands the new version of the table to the
// transaction, which writes it at commit in the same snapshot as the transaction's other
// changes. Nothing is written before commit; a rollback forgets the change.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_records.hpp"

#include "duckdb/catalog/catalog_transaction.hpp"
#include "duckdb/parser/parsed_data/alter_table_info.hpp"
#include "duckdb/parser/parsed_data/create_table_info.hpp"

namespace ducklake {

class DucklakeSchemaEntry;

//! Run one ALTER TABLE (`info`) on a table of `schema`. Throws a CatalogException naming the
//! table or column when the change is not allowed; does nothing for IF EXISTS on a missing table.
void AlterDucklakeTable(DucklakeSchemaEntry &schema, duckdb::CatalogTransaction transaction,
                        duckdb::AlterTableInfo &info);

//! The CreateTableInfo of a table record: its columns (with defaults and comments), a NOT NULL
//! constraint per top-level column with nulls_allowed = false, and its comment.
duckdb::unique_ptr<duckdb::CreateTableInfo> TableInfoOf(duckdb::SchemaCatalogEntry &schema, const TableRecord &record);

} // namespace ducklake
