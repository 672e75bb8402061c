//===----------------------------------------------------------------------===//
// Partition rows: reading and writing the partitioning of DuckLake tables.
//
// ducklake_partition_info holds one versioned row per partitioning of a table (its
// partition_id comes from next_catalog_id); ducklake_partition_column its keys (column_id,
// transform, partition_key_index); ducklake_file_partition_value the value of each key for each
// data file written under it; ducklake_data_file.partition_id names the partitioning a file was
// written with. Rows are written as the official extension writes them: SET PARTITIONED BY ends
// the visible partition_info row and begins a new one, RESET PARTITIONED BY only ends it, and a
// dropped table's partition_info row ends with it (commit_writer.cpp).
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/commit_writer.hpp"
#include "metadata/metadata_connection.hpp"
#include "metadata/metadata_records.hpp"

#include <string>
#include <vector>

namespace ducklake {

//! Fill partition_id and partition_keys of each table in `tables` from the partitioning visible
//! at `snapshot_id`: one query whatever the number of tables. Tables without one keep -1 / {}.
void LoadPartitionKeys(MetadataConnection &connection, int64_t snapshot_id, std::vector<TableRecord> &tables);

//! The partition rows of `batch` (new partitioned tables, SET/RESET PARTITIONED BY of altered
//! tables, the partition values of new data files), beginning at batch.snapshot. Pure.
std::string PartitionRowsSQL(MetadataConnection &connection, const CommitBatch &batch);

} // namespace ducklake
