//===----------------------------------------------------------------------===//
// CommitWriter: writes one DuckLake commit (one new snapshot and everything it changed) into
// the metadata tables inside one metadata transaction.
//
// Protocol: Begin() opens the metadata transaction and returns the newest snapshot, from which
// the caller allocates ids (snapshot_id = newest + 1, catalog and file ids from the counters)
// and builds a CommitBatch; Write() adds its rows; Commit() makes them visible at once. Any
// failure before Commit() returns leaves the catalog exactly as it was (call Abort()). The
// ducklake_snapshot PRIMARY KEY makes a concurrent committer of the same snapshot id fail.
//
// On a store with direct access (direct_commit_access.hpp) the newest snapshot is not read when
// the store knows it is the caller's base snapshot, and the rows every commit writes (snapshot,
// changes, table stats, inlined rows) are appended instead of inserted by SQL, and the table stats
// rows they replace deleted without SQL: the same rows.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/direct_commit_access.hpp"
#include "metadata/metadata_connection.hpp"
#include "metadata/metadata_records.hpp"

#include <string>
#include <vector>

namespace ducklake {

//! A tag change (COMMENT ON): value NULL removes the tag.
struct TagChange {
	int64_t object_id = -1; // table/view id (ducklake_tag) or table id (ducklake_column_tag)
	int64_t column_id = -1; // -1 = object tag, else a column tag
	std::string key;
	duckdb::Value value;
};

//! An ALTER of a committed table: the rows it ends and the rows it adds. A changed column keeps
//! its column_id (old row ended, new row inserted); a dropped one only has its rows ended, its
//! column tags ended and its ducklake_table_column_stats rows removed.
struct AlteredTable {
	int64_t table_id = -1;
	bool renamed = false;
	TableRecord table;                       // the new ducklake_table row when renamed (same id, uuid and path)
	std::vector<int64_t> ended_column_ids;   // changed or dropped columns
	std::vector<int64_t> dropped_column_ids; // columns no longer in the table
	std::vector<ColumnRecord> new_columns;   // changed and added columns
	//! SET / RESET PARTITIONED BY: the visible ducklake_partition_info row is ended and, unless
	//! partition_keys is empty (RESET), a new one with id partition_id and its keys begins.
	bool partition_changed = false;
	int64_t partition_id = -1;
	std::vector<PartitionKeyRecord> partition_keys;
};

//! Rows of one inlined data table that a commit inserts, beginning at the commit's snapshot.
struct InlinedRowsInsert {
	std::string table_name;
	std::vector<int64_t> row_ids;
	std::vector<std::vector<duckdb::Value>> rows; // values of the table's columns in order
};

struct CommitBatch {
	SnapshotRecord snapshot; // the new ducklake_snapshot row (snapshot_time is set by the store)
	std::string changes_made;
	duckdb::Value author;
	duckdb::Value commit_message;
	duckdb::Value commit_extra_info;
	bool schema_changed = false; // adds a ducklake_schema_versions row

	std::vector<SchemaRecord> new_schemas;
	std::vector<TableRecord> new_tables; // with columns and partition keys
	std::vector<ViewRecord> new_views;
	std::vector<int64_t> dropped_schemas;
	std::vector<int64_t> dropped_tables;
	std::vector<int64_t> dropped_views;
	std::vector<TagChange> tags;
	std::vector<DataFileRecord> new_data_files; // with column_stats
	std::vector<DeleteFileRecord> new_delete_files;
	std::vector<int64_t> ended_delete_files;     // delete_file_ids replaced by a newer delete file
	std::vector<TableStatsRecord> table_stats;   // full new values, replacing the old rows
	std::vector<MetadataOptionRecord> options;   // upserted ducklake_metadata rows
	std::vector<AlteredTable> altered_tables;    // written after table_stats
	std::string inlined_data_sql;                // inlined data tables created, rows ended (metadata/inlined_data.hpp)
	std::vector<InlinedRowsInsert> inlined_rows; // written after inlined_data_sql
};

class CommitWriter {
public:
	explicit CommitWriter(MetadataConnection &connection);

	//! base_snapshot_id: the snapshot the caller's changes are based on (-1: none); when the store
	//! knows that it is still the newest, it is returned without a read.
	SnapshotRecord Begin(int64_t base_snapshot_id = -1);
	//! The table's stats as of the open metadata transaction.
	TableStatsRecord ReadTableStats(int64_t table_id);
	//! Returns the ducklake_snapshot row written; its snapshot_time is NULL when the store set it
	//! (NOW() in the SQL).
	SnapshotRecord Write(const CommitBatch &batch);
	void Commit();
	void Abort();

	//! The SQL Write() runs, for tests and diagnostics.
	std::string GenerateSQL(const CommitBatch &batch) const;
	//! Only the ducklake_metadata upserts of batch.options (options are written without a snapshot).
	std::string GenerateOptionsSQL(const CommitBatch &batch) const;

private:
	//! The parts of GenerateSQL, in the order they run.
	//! Ends (sets end_snapshot to the batch's snapshot) the live rows of `table` matching `condition`.
	std::string EndRowsSQL(const CommitBatch &batch, const std::string &table, const std::string &condition) const;
	std::string SnapshotRowsSQL(const CommitBatch &batch) const;
	std::string ObjectRowsSQL(const CommitBatch &batch) const;
	//! The table stats rows are deleted and inserted again.
	std::string TableStatsSQL(const CommitBatch &batch) const;
	//! The ducklake_table / ducklake_column / tag / stats rows of batch.altered_tables.
	std::string GenerateAlterSQL(const CommitBatch &batch) const;
	//! Write() on a store with direct access.
	SnapshotRecord WriteDirect(DirectCommitAccess &direct, const CommitBatch &batch);

	MetadataConnection &connection;
	bool open = false;
};

} // namespace ducklake
