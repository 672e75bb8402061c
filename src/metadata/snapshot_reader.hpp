//===----------------------------------------------------------------------===//
// SnapshotReader: read-only queries that resolve a snapshot and load the catalog objects
// (schemas, tables with columns and comments, views) visible at it.
//
// A row is visible at snapshot S when begin_snapshot <= S AND (end_snapshot IS NULL OR
// end_snapshot > S). Loading a catalog takes a fixed number of queries whatever the number of
// tables. Errors from the store propagate as IOException; "no such snapshot" is a return value.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_connection.hpp"
#include "metadata/metadata_records.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace ducklake {

//! SQL predicate for rows visible at `snapshot_id` (columns begin_snapshot/end_snapshot).
std::string VisibleAt(int64_t snapshot_id, const std::string &alias = "");

class SnapshotReader {
public:
	explicit SnapshotReader(MetadataConnection &connection);

	//! The newest committed snapshot. Throws when the catalog has none (corrupt catalog).
	SnapshotRecord LatestSnapshot();
	//! The id of the newest committed snapshot, by the cheapest query every store answers from its
	//! primary key (a snapshot row never changes, so callers holding the row for that id can skip
	//! reading it again). Throws when the catalog has none.
	int64_t LatestSnapshotId();
	//! The snapshot with this id; false when there is none.
	bool SnapshotById(int64_t snapshot_id, SnapshotRecord &result);
	//! The newest snapshot committed at or before `timestamp` (a TIMESTAMPTZ value); false when none.
	bool SnapshotAtTimestamp(const duckdb::Value &timestamp, SnapshotRecord &result);
	//! All snapshots with their change rows, ordered by id.
	std::vector<SnapshotRecord> ListSnapshots();

	//! Schemas, tables (with comments and partition keys; with their columns when `with_columns`)
	//! and views visible at `snapshot`.
	CatalogRecords LoadCatalog(const SnapshotRecord &snapshot, bool with_columns = true);
	//! The columns (with comments) visible at `snapshot_id` of table `table_id`, or of every table
	//! when `table_id` is -1, by table id, each in column_order. Two queries.
	std::unordered_map<int64_t, std::vector<ColumnRecord>> LoadColumns(int64_t snapshot_id, int64_t table_id);

	//! ducklake_metadata rows (global and scoped options).
	std::vector<MetadataOptionRecord> ListOptions();

	//! ducklake_table_stats of the given table (exists=false when it has none).
	TableStatsRecord TableStats(int64_t table_id);
	//! The highest column_id the table ever had (ended rows included: ids are never reused); 0
	//! when it has no column rows.
	int64_t MaxColumnId(int64_t table_id);

private:
	SnapshotRecord ReadSnapshotRow(const std::vector<duckdb::Value> &row);

	MetadataConnection &connection;
};

} // namespace ducklake
