//===----------------------------------------------------------------------===//
// Partition filters: the bounds a scan's filter on one column puts on the partition values of the
// files it needs (metadata/partition_bounds.hpp checks them in the listing query).
//
// Pure. A comparison with a constant on a column implies:
// - for an identity key on an integer column, the same comparison on the value;
// - for an identity key on a VARCHAR, DATE, TIMESTAMP or BOOLEAN column, equality of the value's
//   text (equality only: text order is not the column's order on every metadata store);
// - for a year key on a DATE or TIMESTAMP column, the year of the constant bounds the value the
//   same way (year is monotonic); for month, day and hour keys, only equality says anything.
// Filters it cannot read (OR, IS NULL, functions) add nothing: those files stay listed.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_records.hpp"
#include "metadata/partition_bounds.hpp"

#include "duckdb/planner/table_filter.hpp"

#include <vector>

namespace ducklake {

//! Add to `bounds` what `filter` on column `column_id` (of `type`) implies for the keys among
//! `keys` that partition that column.
void CollectPartitionBounds(const duckdb::TableFilter &filter, int64_t column_id, const duckdb::LogicalType &type,
                            const std::vector<PartitionKeyRecord> &keys, std::vector<PartitionBound> &bounds);

} // namespace ducklake
