//===----------------------------------------------------------------------===//
// DucklakeTransaction: one DuckDB transaction on a DuckLake catalog.
//
// On first use it pins the newest snapshot (or the attach's SNAPSHOT_VERSION/TIME): every read
// in the transaction sees that snapshot plus the transaction's own uncommitted changes. Changes
// (schemas, tables, views, dropped objects, comments, written data files) are collected here
// and committed by Commit() as exactly one new snapshot in one metadata transaction, with the
// official changes_made text. Rollback() writes nothing to the catalog and removes the data
// files the transaction wrote. Objects created here get provisional ids (>= local_id_base) that
// Commit() replaces with ids from next_catalog_id.
//
// A transaction is used by one client thread at a time (DuckDB's rule); the insert sink that
// adds written files takes a lock because its Finalize may run on a worker thread.
//===----------------------------------------------------------------------===//
#pragma once

#include "catalog/inlined_changes.hpp"
#include "catalog/pending_deletes.hpp"
#include "metadata/commit_writer.hpp"
#include "metadata/metadata_connection.hpp"
#include "metadata/metadata_records.hpp"

#include "duckdb/common/mutex.hpp"
#include "duckdb/transaction/transaction.hpp"

#include <map>
#include <set>

namespace ducklake {

class CatalogSnapshot;
class DucklakeCatalog;
class DucklakeSchemaEntry;
class DucklakeTableEntry;

//! A Parquet file written by this transaction, not yet in the catalog.
struct WrittenDataFile {
	std::string absolute_path;
	std::string file_name; // relative to the table directory
	int64_t record_count = 0;
	int64_t file_size_bytes = 0;
	int64_t footer_size = 0;
	std::vector<FileColumnStatsRecord> column_stats;
	//! The table's partitioning when the file was written (-1 = none; a provisional id when set in
	//! this transaction) and the file's value of each key (ducklake_file_partition_value).
	int64_t partition_id = -1;
	std::vector<duckdb::Value> partition_values;
};

class DucklakeTransaction : public duckdb::Transaction {
public:
	static constexpr int64_t local_id_base = int64_t(1) << 60;

	DucklakeTransaction(DucklakeCatalog &catalog, duckdb::TransactionManager &manager, duckdb::ClientContext &context);
	~DucklakeTransaction() override;

	static DucklakeTransaction &Get(duckdb::ClientContext &context, duckdb::Catalog &catalog);
	static DucklakeTransaction &Get(duckdb::CatalogTransaction transaction);

	DucklakeCatalog &GetCatalog() {
		return catalog;
	}
	MetadataConnection &Connection();
	//! Held around metadata queries that may run on executor threads (file listings of scans).
	duckdb::mutex &MetadataLock() {
		return metadata_lock;
	}
	//! The snapshot this transaction reads (pinned on first call).
	duckdb::shared_ptr<CatalogSnapshot> Base();
	//! The snapshot named by an AT (VERSION => n | TIMESTAMP => ts) clause; throws naming the value
	//! when there is none.
	duckdb::shared_ptr<CatalogSnapshot> AtClause(const std::string &unit, const duckdb::Value &value);

	// Uncommitted changes -------------------------------------------------------------------
	DucklakeSchemaEntry &AddSchema(duckdb::CreateSchemaInfo &info);
	duckdb::optional_ptr<DucklakeSchemaEntry> GetLocalSchema(const std::string &name);
	void DropSchema(DucklakeSchemaEntry &schema, bool cascade);
	bool IsSchemaDropped(int64_t schema_id) const {
		return dropped_schemas.count(schema_id) > 0;
	}
	const std::vector<duckdb::unique_ptr<DucklakeSchemaEntry>> &LocalSchemas() const {
		return new_schemas;
	}

	//! Register a new table or view of `schema` owned by this transaction.
	duckdb::CatalogEntry &AddEntry(DucklakeSchemaEntry &schema, duckdb::unique_ptr<duckdb::CatalogEntry> entry);
	duckdb::optional_ptr<duckdb::CatalogEntry> GetLocalEntry(const std::string &schema_name, const std::string &name);
	void ScanLocalEntries(const std::string &schema_name, const std::function<void(duckdb::CatalogEntry &)> &callback);
	void DropEntry(duckdb::CatalogEntry &entry);
	bool IsEntryDropped(int64_t id) const {
		return dropped_entries.count(id) > 0;
	}
	//! Whether a committed table or view is replaced for this transaction: dropped, or altered (its
	//! new version is then found with GetLocalEntry / ScanLocalEntries).
	bool IsEntryShadowed(int64_t id) const {
		return dropped_entries.count(id) > 0 || altered_tables.count(id) > 0;
	}

	//! Replace `table` (as this transaction sees it) by its altered version `altered` (same id). A
	//! committed table is written at commit as ended and new rows (DiffTableRecords); a table created
	//! in this transaction is simply replaced. Records altered_table (created_table for a rename).
	duckdb::CatalogEntry &AlterEntry(DucklakeTableEntry &table, duckdb::unique_ptr<DucklakeTableEntry> altered);
	//! The column_id a new column of `table` gets: above every id the table ever had, committed or
	//! used earlier in this transaction.
	int64_t NextColumnId(DucklakeTableEntry &table);
	//! Remember that ids up to `max_column_id` are in use for `table_id`.
	void NoteColumnIds(int64_t table_id, int64_t max_column_id);

	//! Record a COMMENT ON: an altered_view change for views, altered_table otherwise.
	void AddTag(TagChange tag, bool is_view);
	void AddWrittenFiles(DucklakeTableEntry &table, std::vector<WrittenDataFile> files);
	std::vector<WrittenDataFile> GetWrittenFiles(int64_t table_id);
	//! Rows deleted by this transaction (DELETE and UPDATE), written at commit.
	PendingDeletes &Deletes() {
		return deletes;
	}
	//! A statement just deleted rows of `paths` (data files of `table`): start writing their delete
	//! files ahead of the commit (PendingDeletes::StartWrites). Failures surface at commit.
	void StartDeleteFileWrites(DucklakeTableEntry &table, const std::vector<std::string> &paths);
	//! Rows an INSERT kept inline (data inlining), written into the catalog at commit.
	void AddInlinedRows(DucklakeTableEntry &table, std::vector<std::vector<duckdb::Value>> rows);
	const InlinedChanges &Inlined() const {
		return inlined;
	}
	//! A Parquet file ducklake_flush_inlined_data wrote (flushed_inlined at commit).
	void AddFlushedFile(InlinedChanges::FlushedFile file);
	void SetCommitMessage(duckdb::Value author, duckdb::Value message, duckdb::Value extra_info);
	void SetOption(MetadataOptionRecord option);
	int64_t NextLocalId() {
		return next_local_id++;
	}
	bool HasChanges() const;

	//! Write everything as one snapshot. A commit that loses the race for the next snapshot id (or
	//! meets another retryable store failure) is rebased onto the newest snapshot and retried
	//! within the ducklake_max_retry_count / ducklake_retry_wait_ms / ducklake_retry_backoff
	//! settings unless a concurrent commit conflicts with it. Throws on failure, leaving the
	//! catalog unchanged.
	void Commit();
	//! Forget the changes and delete the files written by this transaction.
	void Rollback();

private:
	//! A change for changes_made: `name` is the formatted target for creations, else `id` is
	//! mapped to its committed id at commit time.
	struct ChangeEvent {
		std::string kind;
		int64_t id = -1;
		std::string name;
	};
	void AddChange(ChangeEvent event);
	//! One commit attempt: a metadata transaction that re-reads the newest snapshot, checks the
	//! commits since our snapshot for conflicts, renumbers our snapshot and ids onto the newest
	//! one and writes. Returns the new snapshot id. Throws MetadataException (retryable or not)
	//! for store failures, TransactionException for conflicts; the catalog is unchanged then.
	int64_t TryCommit();
	//! Refuse a commit whose changes contradict snapshots committed since this transaction read
	//! its snapshot (commit_conflicts.hpp): throws TransactionException naming the object and the
	//! concurrent snapshot. Returns the tables both we and a concurrent commit deleted from, whose
	//! data files the caller checks one by one.
	std::set<int64_t> CheckConflicts(const SnapshotRecord &latest);
	//! Commit the metadata transaction; when the connection breaks during COMMIT, find out on a new
	//! connection whether the snapshot landed (then it is a success).
	void CommitOrVerify(CommitWriter &writer, const CommitBatch &batch);
	bool CommitLanded(const CommitBatch &batch);
	//! `table "main"."t" (id 3)` as of our snapshot, for conflict messages.
	std::string DescribeObject(const std::string &kind, int64_t id);
	//! Part of CheckConflicts: a table this transaction altered was dropped or altered meanwhile.
	void CheckAlterConflicts(const CatalogSnapshot &latest);
	//! Columns of committed table `table_id` in `base_snapshot` that `latest_snapshot` no longer has.
	static std::set<int64_t> ColumnsDroppedSince(const CatalogSnapshot &base_snapshot,
	                                             const CatalogSnapshot &latest_snapshot, int64_t table_id);
	//! The ended and new catalog rows of every altered committed table.
	void AddAlteredTables(CommitBatch &batch);
	//! The table's stats at `latest` (the newest snapshot, inside the commit's metadata
	//! transaction): from the commit cache when this process wrote that snapshot, else read.
	TableStatsRecord StatsForCommit(CommitWriter &writer, const SnapshotRecord &latest, int64_t table_id);
	//! The inlined inserts and deletes (InlinedChanges::AddToBatch); true when the commit must
	//! raise the schema version for a new inlined data table.
	bool AddInlinedData(CommitWriter &writer, const SnapshotRecord &latest, CommitBatch &batch,
	                    const std::function<int64_t(int64_t)> &map_id, int64_t &next_file_id);

	DucklakeCatalog &catalog;
	duckdb::unique_ptr<MetadataConnection> connection;
	duckdb::mutex metadata_lock;
	duckdb::shared_ptr<CatalogSnapshot> base;
	int64_t next_local_id = local_id_base;

	std::vector<duckdb::unique_ptr<DucklakeSchemaEntry>> new_schemas;
	struct LocalEntry {
		std::string schema_name;
		duckdb::unique_ptr<duckdb::CatalogEntry> entry;
	};
	std::vector<LocalEntry> new_entries;
	//! A committed table altered by this transaction: its record at the base snapshot and the
	//! current version.
	struct AlteredEntry {
		std::string schema_name;
		TableRecord committed;
		duckdb::unique_ptr<DucklakeTableEntry> entry;
	};
	std::map<int64_t, AlteredEntry> altered_tables;
	std::map<int64_t, int64_t> max_column_ids;
	std::set<int64_t> dropped_schemas;
	std::set<int64_t> dropped_entries;   // committed table/view ids
	std::vector<int64_t> dropped_tables; // in drop order
	std::vector<int64_t> dropped_views;
	std::vector<TagChange> tags;
	std::vector<MetadataOptionRecord> options;
	duckdb::mutex files_lock;
	std::map<int64_t, std::vector<WrittenDataFile>> written_files;
	std::map<int64_t, std::vector<ColumnRecord>> written_columns;
	std::vector<ChangeEvent> changes;
	std::vector<duckdb::unique_ptr<duckdb::CatalogEntry>> dropped_local_entries; // kept alive for binders
	PendingDeletes deletes;
	InlinedChanges inlined;
	bool schema_changed = false;
	//! A COMMIT whose outcome is unknown (connection lost, and the check failed): keep the files.
	bool commit_outcome_unknown = false;
	duckdb::Value author;
	duckdb::Value commit_message;
	duckdb::Value commit_extra_info;
};

class DucklakeTransactionManager : public duckdb::TransactionManager {
public:
	DucklakeTransactionManager(duckdb::AttachedDatabase &db, DucklakeCatalog &catalog);

	duckdb::Transaction &StartTransaction(duckdb::ClientContext &context) override;
	duckdb::ErrorData CommitTransaction(duckdb::ClientContext &context, duckdb::Transaction &transaction) override;
	void RollbackTransaction(duckdb::Transaction &transaction) override;
	void Checkpoint(duckdb::ClientContext &context, bool force = false) override;

private:
	DucklakeCatalog &catalog;
	duckdb::mutex transaction_lock;
	duckdb::reference_map_t<duckdb::Transaction, duckdb::unique_ptr<DucklakeTransaction>> transactions;
};

} // namespace ducklake
