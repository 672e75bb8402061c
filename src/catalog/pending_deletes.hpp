//===----------------------------------------------------------------------===//
// PendingDeletes: the rows a transaction deleted (DELETE, and the delete half of UPDATE) and
// has not committed yet.
//
// Rows are identified by the path of their data file, exactly as the scan opened it (its
// `filename` column), and their position in it (`file_row_number`). Until commit they live in
// memory: scans of the same transaction apply them (the transaction sees its own deletes) and
// nothing reaches the catalog. At commit, AddToBatch writes one positional delete file per touched
// data file holding the union of the positions deleted before (the data file's current delete
// file, which the new one ends) and now, as the official extension does, and adds the
// ducklake_delete_file rows and `deleted_from_table:<id>` changes to the batch. Rollback()
// removes the files AddToBatch wrote (a failed commit is rolled back this way).
//
// To keep the delete file writes off the commit's path, StartWrites (called when a statement's
// sink finalizes) writes the files of the data files it changed on a background thread
// (storage/background_delete_writer.hpp). AddToBatch takes such a file only when it holds exactly
// what the commit would write: the same version of the pending positions, merged with the same
// committed delete file; otherwise it removes it and writes the file itself. A background write
// that failed fails the commit with the write's own error. Files written and not taken are removed
// by Committed, Rollback and the destructor.
//
// Thread-safety: Add and Apply may be called from several executor threads at once (a lock
// guards the state); StartWrites runs in one statement's finalize at a time; AddToBatch,
// Committed and Rollback run on the committing thread alone.
// Memory: 8 bytes per deleted row until commit, from DuckDB's allocator (DeletedPositions).
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/commit_writer.hpp"
#include "metadata/metadata_connection.hpp"
#include "storage/background_delete_writer.hpp"
#include "storage/deleted_positions.hpp"
#include "storage/ducklake_scan.hpp"

#include "duckdb/common/mutex.hpp"
#include "duckdb/main/database.hpp"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ducklake {

class PendingDeletes {
public:
	//! Record `positions` of `data_file_path` (a file of table `table_id`, whose directory is
	//! `table_directory`) as deleted. Returns how many of them were not deleted already by this
	//! transaction.
	int64_t Add(int64_t table_id, const std::string &table_directory, const std::string &data_file_path,
	            DeletedPositions positions);
	//! Add this transaction's deleted positions to the scan files of `table_id` (matched by path).
	void Apply(int64_t table_id, std::vector<ScanFile> &files) const;
	//! This transaction's deleted positions of `table_id` by data file path. Shared, not copied:
	//! stored positions are never changed in place (Add replaces them), so these stay as they are.
	std::map<std::string, duckdb::shared_ptr<const DeletedPositions>> PositionsOf(int64_t table_id) const;
	//! The same for inlined rows only (paths of inlined_data_scan.hpp): a copy without the data
	//! files' positions, which may be millions.
	std::map<std::string, std::vector<int64_t>> InlinedPositionsOf(int64_t table_id) const;
	bool Empty() const;
	//! Start writing the delete files of `paths` (data files of `table_id` whose positions a
	//! statement just changed) on the background writer. `committed` holds the table's committed
	//! files as the statement's scan listed them, with their delete files' positions; a path
	//! neither there nor in `local_paths` (files this transaction wrote, which have no delete file)
	//! is left to the commit. Never throws for a failed write: the commit reports it.
	void StartWrites(duckdb::DatabaseInstance &db, int64_t table_id, const std::vector<std::string> &paths,
	                 const ScanFileIndex &committed, const std::set<std::string> &local_paths);
	//! Forget the deletes of a table (it was dropped by the same transaction).
	void DropTable(int64_t table_id);

	//! Commit step, inside the open metadata transaction of `connection` whose newest snapshot is
	//! `latest_snapshot_id`: writes the delete files, fills batch.new_delete_files and
	//! batch.ended_delete_files (ids from `next_file_id`) and returns the changes_made entries.
	//! `map_table_id` maps provisional ids of tables created by this transaction. Throws
	//! TransactionException when a data file with deleted rows is no longer in the table (a
	//! concurrent commit removed it).
	//! `check_file(table_id, data_file_id, path)` runs for each data file before its delete file is
	//! written and may throw (a concurrent delete from the same file is a conflict).
	//! `cached_files(table_id)` gives the committed files scans listed at `cached_snapshot_id`
	//! (ScanFileIndex): a current delete file found there is not read again, and when that
	//! snapshot is still the newest and the listings hold every data file deleted from, the
	//! table's data and delete files are not listed again either.
	std::vector<std::string> AddToBatch(duckdb::DatabaseInstance &db, MetadataConnection &connection,
	                                    int64_t latest_snapshot_id, CommitBatch &batch, int64_t &next_file_id,
	                                    const std::function<int64_t(int64_t)> &map_table_id,
	                                    const std::function<void(int64_t, int64_t, const std::string &)> &check_file,
	                                    const std::function<ScanFileIndex(int64_t)> &cached_files,
	                                    int64_t cached_snapshot_id);
	//! The ids of the tables with deleted rows (provisional ids for tables of this transaction).
	std::vector<int64_t> TableIds() const;
	//! A commit attempt failed and will be retried: remove the delete files AddToBatch wrote, keep
	//! the deleted positions.
	void DiscardAttempt(duckdb::DatabaseInstance &db);
	//! The commit succeeded: forget everything, keep the files.
	void Committed();
	//! Forget everything and remove the delete files AddToBatch wrote.
	void Rollback(duckdb::DatabaseInstance &db);

private:
	//! The pending positions of one data file (sorted, unique; never changed in place, so a
	//! background write may read them while later statements add more) and their version.
	struct FileDeletes {
		duckdb::shared_ptr<const DeletedPositions> positions;
		uint64_t version = 0;
	};
	struct TableDeletes {
		std::string directory;
		std::map<std::string, FileDeletes> positions_by_file;
	};
	//! The catalog ids of the committed data files `deletes` deleted from and their current delete
	//! files (delete_file_id and data_file_id only), from scan listings of the newest snapshot;
	//! files already in `data_file_by_name` (written by this transaction) are skipped. False, and
	//! nothing changed, when a listing lacks one of the files.
	static bool CommittedFilesFromListings(const ScanFileIndex &listings, const TableDeletes &deletes,
	                                       std::map<std::string, int64_t> &data_file_by_name,
	                                       std::map<int64_t, DeleteFileRecord> &current_delete_file);

	//! The job writing `file`'s pending positions (the caller adds the committed delete file's).
	static DeleteFileJob JobFor(int64_t table_id, const TableDeletes &table, const std::string &data_file_path,
	                            const FileDeletes &file);

	mutable duckdb::mutex lock;
	std::map<int64_t, TableDeletes> tables;
	uint64_t last_version = 0;
	std::vector<std::string> written_files;
	//! Created by the first StartWrites; holds the files written ahead of the commit.
	duckdb::unique_ptr<BackgroundDeleteWriter> background;
};

//! Runs beyond which SortPositions sorts instead of merging.
static constexpr size_t max_merged_runs = 64;

//! Sort `positions` and drop duplicates. The positions usually arrive as a few ascending runs (one
//! per scanning thread, each in file order): those are merged, which is much cheaper than a sort.
void SortPositions(DeletedPositions &positions);

//! The sorted union (duplicates dropped) of `runs`, each sorted here first (SortPositions), into one
//! vector allocated once: the runs of a DELETE's scanning threads are merged without concatenating
//! them first.
DeletedPositions MergeSortedRuns(std::vector<DeletedPositions> runs);

//! Merge sorted, unique `extra` into sorted, unique `target`; returns how many were new. `target`
//! is replaced by a new vector of its own kind (pending positions or a scan file's).
int64_t MergePositions(DeletedPositions &target, PositionSpan extra);
int64_t MergePositions(std::vector<int64_t> &target, PositionSpan extra);

} // namespace ducklake
