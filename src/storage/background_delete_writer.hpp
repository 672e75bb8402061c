//===----------------------------------------------------------------------===//
// BackgroundDeleteWriter: writes a transaction's delete files ahead of its commit.
//
// When a DELETE (or UPDATE, MERGE) statement finishes, the positions it deleted are final until
// the transaction's next statement, so their delete files can be written while the client goes
// on to COMMIT and the commit reads the metadata store. Start() hands over one batch of files
// (one per touched data file) to a single thread of the writer's own; the commit Take()s each
// file it can use and writes the others itself.
//
// A written file is only a candidate: it names nothing in the catalog until the commit puts it in
// its batch. Whatever was written and not taken is removed by Discard() and by the destructor,
// so a rollback, a failed commit or a superseded write leaves no file behind. A failed write
// leaves no file (WriteDeleteFile removes it) and keeps its error for Take().
//
// Bounds: at most one thread runs at a time; Start() waits for the previous batch first. Every
// method but the constructor waits for the running batch, so nothing outlives the writer.
// Thread-safety: one thread (the transaction's) calls the methods; the writing thread touches only
// the running batch, which the methods read after joining it.
//===----------------------------------------------------------------------===//
#pragma once

#include "storage/delete_file_writer.hpp"
#include "storage/deleted_positions.hpp"
#include "storage/ducklake_scan.hpp"

#include "duckdb/common/error_data.hpp"
#include "duckdb/common/shared_ptr.hpp"
#include "duckdb/main/database.hpp"

#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace ducklake {

//! One delete file to write: the union of `pending` and `*committed_positions` (when set).
struct DeleteFileJob {
	int64_t table_id = -1;
	std::string directory; // the table directory, ends with '/'
	std::string data_file_path;
	//! The version of the transaction's pending positions of the data file (PendingDeletes).
	uint64_t version = 0;
	//! The committed delete file merged in (-1: none) and its positions, which the scan listing
	//! `committed_listing` holds.
	int64_t committed_delete_file_id = -1;
	const std::vector<int64_t> *committed_positions = nullptr;
	duckdb::shared_ptr<const ScanFileListing> committed_listing;
	duckdb::shared_ptr<const DeletedPositions> pending; // sorted, unique, non-empty
};

//! What a job produced: the file (`written`) or the error of its write.
struct PrewrittenDeleteFile {
	int64_t table_id = -1;
	std::string data_file_path;
	uint64_t version = 0;
	int64_t committed_delete_file_id = -1;
	bool succeeded = false;
	WrittenDeleteFile written;
	duckdb::ErrorData error;
};

class BackgroundDeleteWriter {
public:
	explicit BackgroundDeleteWriter(duckdb::DatabaseInstance &db);
	//! Waits for the running batch and removes every file not taken.
	~BackgroundDeleteWriter();
	BackgroundDeleteWriter(const BackgroundDeleteWriter &) = delete;
	BackgroundDeleteWriter &operator=(const BackgroundDeleteWriter &) = delete;

	//! Write `jobs` on the writer's thread. Waits for the previous batch first; a file written
	//! earlier for the same table and data file is removed when the new one is written. Throws
	//! only when no thread can be started (nothing is written then).
	void Start(std::vector<DeleteFileJob> jobs);
	//! Wait for the running batch and hand over the result for the data file, if there is one: a
	//! written file then belongs to the caller (it is no longer removed here).
	bool Take(int64_t table_id, const std::string &data_file_path, PrewrittenDeleteFile &result);
	//! Wait for the running batch and remove every file not taken.
	void Discard();

private:
	//! Join the running batch and file its results.
	void Wait();
	void Remove(PrewrittenDeleteFile &result);

	duckdb::DatabaseInstance &db;
	std::thread thread;
	std::vector<DeleteFileJob> running_jobs;
	std::vector<PrewrittenDeleteFile> running_results;
	std::map<std::pair<int64_t, std::string>, PrewrittenDeleteFile> results;
};

//! Write the file of `job` now (on the calling thread).
PrewrittenDeleteFile RunDeleteFileJob(duckdb::DatabaseInstance &db, const DeleteFileJob &job);

} // namespace ducklake
