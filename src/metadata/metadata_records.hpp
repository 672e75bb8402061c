//===----------------------------------------------------------------------===//
// Metadata records: plain values for the rows of the DuckLake 0.3 catalog tables.
//
// Every metadata backend (DuckDB file, later SQLite and PostgreSQL) reads into and writes from
// these structs, so the catalog layer never sees SQL rows. Nullable catalog columns are held as
// duckdb::Value (SQL NULL = a NULL Value); everything else is a plain C++ value. A record is a
// copy: changing it never changes the catalog.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/common/types/value.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ducklake {

//! One row of ducklake_snapshot (+ its ducklake_snapshot_changes row when read for listings).
struct SnapshotRecord {
	int64_t snapshot_id = -1;
	duckdb::Value snapshot_time; // TIMESTAMP WITH TIME ZONE
	int64_t schema_version = 0;
	int64_t next_catalog_id = 0;
	int64_t next_file_id = 0;
	// From ducklake_snapshot_changes; only filled by listings.
	duckdb::Value changes_made;
	duckdb::Value author;
	duckdb::Value commit_message;
	duckdb::Value commit_extra_info;
};

struct SchemaRecord {
	int64_t schema_id = -1;
	std::string schema_uuid;
	int64_t begin_snapshot = -1;
	std::string name;
	std::string path;
	bool path_is_relative = true;
};

//! One row of ducklake_column. Nested types are a tree: children carry parent_column.
struct ColumnRecord {
	int64_t column_id = -1;
	int64_t column_order = 0;
	std::string name;
	std::string type; // DuckLake type name, e.g. "int32", "struct"
	duckdb::Value initial_default;
	duckdb::Value default_value;
	bool nulls_allowed = true;
	int64_t parent_column = -1; // -1 = top-level
	duckdb::Value comment;      // from ducklake_column_tag key 'comment'
};

//! One key of a table's partitioning (ducklake_partition_column): the partition value of a row is
//! `transform` applied to column `column_id`. Transforms: identity, year, month, day, hour.
struct PartitionKeyRecord {
	int64_t partition_key_index = 0;
	int64_t column_id = -1;
	std::string transform;
};

struct TableRecord {
	int64_t table_id = -1;
	std::string table_uuid;
	int64_t begin_snapshot = -1;
	int64_t schema_id = -1;
	std::string name;
	std::string path;
	bool path_is_relative = true;
	duckdb::Value comment;             // from ducklake_tag key 'comment'
	std::vector<ColumnRecord> columns; // all columns (top-level and nested), by column_order
	//! The ducklake_partition_info row visible for the table (-1 = not partitioned) and its keys, by
	//! partition_key_index. Files written while it holds are split by these keys.
	int64_t partition_id = -1;
	std::vector<PartitionKeyRecord> partition_keys;
};

struct ViewRecord {
	int64_t view_id = -1;
	std::string view_uuid;
	int64_t begin_snapshot = -1;
	int64_t schema_id = -1;
	std::string name;
	std::string dialect;
	std::string sql;
	std::string column_aliases;
	duckdb::Value comment;
};

//! The catalog objects visible at one snapshot.
struct CatalogRecords {
	SnapshotRecord snapshot;
	std::vector<SchemaRecord> schemas;
	std::vector<TableRecord> tables;
	std::vector<ViewRecord> views;
};

//! Per-file, per-leaf-column statistics (ducklake_file_column_stats).
struct FileColumnStatsRecord {
	int64_t column_id = -1;
	duckdb::Value column_size_bytes;
	duckdb::Value value_count;
	duckdb::Value null_count;
	duckdb::Value min_value; // VARCHAR
	duckdb::Value max_value; // VARCHAR
	duckdb::Value contains_nan;
};

//! One row of ducklake_data_file, plus its column stats when listed for pruning.
struct DataFileRecord {
	int64_t data_file_id = -1;
	int64_t table_id = -1;
	int64_t begin_snapshot = -1;
	std::string path;
	bool path_is_relative = true;
	int64_t record_count = 0;
	int64_t file_size_bytes = 0;
	duckdb::Value footer_size;
	int64_t row_id_start = 0;
	duckdb::Value partition_id;
	std::vector<FileColumnStatsRecord> column_stats;
	//! ducklake_file_partition_value rows of a new file, by partition_key_index (NULL = NULL value).
	std::vector<duckdb::Value> partition_values;
};

//! One row of ducklake_delete_file.
struct DeleteFileRecord {
	int64_t delete_file_id = -1;
	int64_t table_id = -1;
	int64_t data_file_id = -1;
	std::string path;
	bool path_is_relative = true;
	int64_t delete_count = 0;
	int64_t file_size_bytes = 0; // only filled for new delete files
	duckdb::Value footer_size;   // only filled for new delete files
};

//! ducklake_table_stats + ducklake_table_column_stats of one table.
struct TableColumnStatsRecord {
	int64_t column_id = -1;
	duckdb::Value contains_null;
	duckdb::Value contains_nan;
	duckdb::Value min_value;
	duckdb::Value max_value;
};

struct TableStatsRecord {
	int64_t table_id = -1;
	int64_t record_count = 0;
	int64_t next_row_id = 0;
	int64_t file_size_bytes = 0;
	bool exists = false; // false when the table has no ducklake_table_stats row yet
	std::vector<TableColumnStatsRecord> columns;
};

//! One ducklake_metadata row (options and format facts).
struct MetadataOptionRecord {
	std::string key;
	std::string value;
	duckdb::Value scope;    // NULL, 'schema' or 'table'
	duckdb::Value scope_id; // id of the schema/table for scoped options
};

} // namespace ducklake
