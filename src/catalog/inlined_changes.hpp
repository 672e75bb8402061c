//===----------------------------------------------------------------------===//
// InlinedChanges: a transaction's uncommitted inlined inserts, and the commit step that writes
// them and the deletes of inlined rows into the catalog (metadata/inlined_data.hpp).
//
// Inserted rows stay in memory until commit. Scans of the transaction see them as one inlined
// pseudo-file per table (LocalPath) whose row numbers are the rows' indexes, so a DELETE or
// UPDATE of them records those indexes in PendingDeletes like positions in a data file; the
// commit leaves such rows out. Deletes of committed inlined rows are recorded the same way
// under the committed pseudo-file's path, with row_ids as positions, and end the rows.
//
// At commit the rows of a table go into its newest inlined data table when the table's columns
// did not change since that table's schema version; otherwise a new one is created, named with
// the commit's schema version, which is then one higher even without other DDL (as the official
// extension does; no ducklake_schema_versions row is added for it). A table created with
// inlining on gets its inlined data table at once. Row ids continue the table's next_row_id;
// ducklake_table_stats and ducklake_table_column_stats count the rows as a file's would.
//
// Thread-safety: AddRows may run on an executor thread (a lock guards the rows); the rest runs
// on the transaction's thread.
//===----------------------------------------------------------------------===//
#pragma once

#include "catalog/commit_cache.hpp"
#include "catalog/pending_deletes.hpp"
#include "metadata/commit_writer.hpp"
#include "metadata/metadata_connection.hpp"
#include "metadata/metadata_records.hpp"
#include "storage/ducklake_scan.hpp"

#include "duckdb/common/mutex.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ducklake {

class InlinedChanges {
public:
	//! The scan path of the transaction's own inlined rows of `table_id`.
	static std::string LocalPath(int64_t table_id);

	//! Rows an INSERT kept inline for table `table_id` whose columns are `columns` (values of the
	//! top-level columns in order). Throws when the table's columns changed since earlier rows.
	void AddRows(int64_t table_id, const std::vector<ColumnRecord> &columns,
	             std::vector<std::vector<duckdb::Value>> rows);
	//! The transaction's inlined rows of `table_id` as a scan pseudo-file typed as
	//! `table_columns`; false when there are none.
	bool LocalScanFile(int64_t table_id, const std::vector<ColumnRecord> &table_columns, ScanFile &file) const;
	void DropTable(int64_t table_id);
	bool Empty() const;

	//! The changes_made kinds of the committed tables whose inlined rows this transaction deletes
	//! (`inlined_delete`), by table id.
	static std::vector<int64_t> InlinedDeleteTables(const PendingDeletes &deletes);

	//! What the commit step needs from the transaction.
	struct CommitContext {
		MetadataConnection &connection;
		CommitWriter &writer;
		const SnapshotRecord &latest;
		//! The schema version the commit writes (latest + 1) when it must be new.
		int64_t new_schema_version;
		//! Whether the commit already changes the schema (DDL).
		bool schema_changed;
		const PendingDeletes &deletes;
		std::function<int64_t(int64_t)> map_table_id;
		//! Where the commit takes data file ids from (advanced for flushed files).
		int64_t *next_file_id;
		CommitCache &cache;
		//! The table's stats at the newest snapshot.
		std::function<TableStatsRecord(int64_t)> read_stats;
		//! Whether the table (provisional or committed id) was created or altered in this transaction.
		std::function<bool(int64_t)> columns_changed_here;
		//! Tables created in this transaction whose inlining limit is above 0, with their columns
		//! (committed ids).
		std::vector<std::pair<int64_t, std::vector<ColumnRecord>>> new_inlining_tables;
	};
	//! Add the SQL (batch.inlined_data_sql), rows (batch.inlined_rows) and stats
	//! (batch.table_stats) of the inlined inserts and deletes; returns true when the commit must raise the schema
	//! version because it creates an inlined data table.
	bool AddToBatch(CommitContext &context, CommitBatch &batch);

	//! A Parquet file that ducklake_flush_inlined_data wrote from committed inlined rows.
	struct FlushedFile {
		int64_t table_id = -1;
		std::string absolute_path;
		std::string file_name; // relative to the table directory (partition folders included)
		//! The table's partitioning and the file's values, by key (-1 and none: not partitioned).
		int64_t partition_id = -1;
		std::vector<duckdb::Value> partition_values;
		int64_t record_count = 0;
		int64_t file_size_bytes = 0;
		int64_t footer_size = 0;
		int64_t row_id_start = 0; // the smallest row id; the file carries each row's own
		std::vector<FileColumnStatsRecord> column_stats;
		//! The inlined rows it holds, by inlined data table: ended by the commit.
		std::map<std::string, std::vector<int64_t>> flushed_rows;
	};
	void AddFlushedFile(FlushedFile file);
	//! Paths of the flushed files (removed when the transaction rolls back).
	std::vector<std::string> FlushedPaths() const;

	//! The commit succeeded, or the transaction ends: forget the rows and flushed files.
	void Clear();

private:
	struct TableRows {
		std::vector<ColumnRecord> columns;
		std::vector<std::vector<duckdb::Value>> rows;
	};
	mutable duckdb::mutex lock;
	std::map<int64_t, TableRows> tables;
	std::vector<FlushedFile> flushed;
};

} // namespace ducklake
