//===----------------------------------------------------------------------===//
// PartitionedWrite: the plan fragment that writes a partitioned DuckLake table's new rows, split
// into one Parquet file per partition in hive-style folders.
//
// A projection appends one computed column per partition key to the table's columns (the column
// itself for identity, DuckDB's year/month/day/hour of it for the calendar transforms); DuckDB's
// partitioned copy splits the rows by those columns, names folders `<key>=<value>/` in key order
// (key = the column's name for identity, the transform otherwise), writes only the table's
// columns into the files and returns one statistics row per file whose partition_keys map holds
// the key values as text, in key order. Memory stays bounded: each thread buffers at most
// partitioned_write_flush_threshold rows before handing them to the partitions' writers, and at
// most partitioned_write_max_open_files files are open at once (a partition whose writer was
// closed continues in a new file). A partition's rows go to one file per flush cycle of its
// writer, not rotated by target_file_size (DuckDB 1.4's partitioned copy does not rotate).
//===----------------------------------------------------------------------===//
#pragma once

#include "storage/parquet_write.hpp"

namespace ducklake {

//! The hive folder name of `key` on `table`: the column's current name for identity, else the
//! transform ("year=2024/month=5/zone=7/").
std::string PartitionFolderName(const TableRecord &table, const PartitionKeyRecord &key);

//! Plan the write of `child` (the table's top-level columns in table order) into `directory`,
//! split by `table.partition_keys` (not empty).
duckdb::PhysicalOperator &PlanPartitionedParquetWrite(duckdb::ClientContext &context,
                                                      duckdb::PhysicalPlanGenerator &planner,
                                                      duckdb::PhysicalOperator &child, const std::string &directory,
                                                      const TableRecord &table, const ParquetWriteOptions &options);

//! The path of a written file relative to the table directory: its last `key_count` folders and
//! its name (values are URL-encoded in folder names, so none holds a '/').
std::string PartitionedFilePath(const std::string &absolute_path, size_t key_count);

//! The partition values of a written file from the copy's partition_keys map, in key order.
std::vector<duckdb::Value> PartitionValuesOf(const duckdb::Value &partition_keys);

} // namespace ducklake
