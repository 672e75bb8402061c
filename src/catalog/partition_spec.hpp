//===----------------------------------------------------------------------===//
// Partition specs: what ALTER TABLE ... SET PARTITIONED BY (...) / RESET PARTITIONED BY means for
// a DuckLake table record, and the checks other ALTERs owe to a partitioned table.
//
// Pure functions over TableRecord (no catalog, no I/O). A key is a top-level column, bare
// (transform "identity") or under one of the calendar transforms year(c), month(c), day(c),
// hour(c), which take the calendar part of the value as DuckDB's functions of those names do
// (day = day of the month, hour = hour of the day). Keys refer to columns by column_id, so they
// survive RENAME COLUMN; dropping a partition column is refused, as the official extension does.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_records.hpp"

#include "duckdb/parser/parsed_data/alter_table_info.hpp"

#include <string>
#include <vector>

namespace ducklake {

//! The partition keys `expressions` (as parsed from SET PARTITIONED BY) name on `table`, in order;
//! empty for RESET PARTITIONED BY. Throws CatalogException / BinderException naming the key and
//! what is allowed: unknown columns, nested fields, unsupported transforms or argument lists,
//! types a key cannot have, two keys with the same folder name.
std::vector<PartitionKeyRecord>
BindPartitionKeys(const TableRecord &table,
                  const duckdb::vector<duckdb::unique_ptr<duckdb::ParsedExpression>> &expressions);

//! Whether two tables are partitioned the same way (same keys in the same order).
bool SamePartitionKeys(const std::vector<PartitionKeyRecord> &left, const std::vector<PartitionKeyRecord> &right);

//! Throw when `info` would drop a column `table` is partitioned by (the error the official
//! extension gives); a no-op for every other ALTER.
void CheckPartitionColumnsKept(const TableRecord &table, const duckdb::AlterTableInfo &info);

} // namespace ducklake
