#include "catalog/pending_deletes.hpp"

#include "metadata/file_lister.hpp"
#include "storage/data_path.hpp"
#include "storage/delete_file_writer.hpp"

#include "duckdb/common/file_system.hpp"

#include <algorithm>
#include <iterator>
#include <limits>

namespace ducklake {

using namespace duckdb; // NOLINT: implementation file

static std::string FileNameOf(const std::string &path) {
	auto slash = path.find_last_of('/');
	return slash == std::string::npos ? path : path.substr(slash + 1);
}

template <class POSITIONS>
static int64_t MergeInto(POSITIONS &target, PositionSpan extra) {
	if (extra.empty()) {
		return 0;
	}
	auto before = target.size();
	POSITIONS merged;
	merged.reserve(target.size() + extra.size());
	std::set_union(target.begin(), target.end(), extra.begin(), extra.end(), std::back_inserter(merged));
	target = std::move(merged);
	return static_cast<int64_t>(target.size() - before);
}

int64_t MergePositions(DeletedPositions &target, PositionSpan extra) {
	return MergeInto(target, extra);
}

int64_t MergePositions(std::vector<int64_t> &target, PositionSpan extra) {
	return MergeInto(target, extra);
}

void SortPositions(DeletedPositions &positions) {
	// Where each ascending run starts; the sink hands over one run per scanning thread.
	std::vector<size_t> run_starts {0};
	for (size_t i = 1; i < positions.size(); i++) {
		if (positions[i] < positions[i - 1]) {
			run_starts.push_back(i);
			if (run_starts.size() > max_merged_runs) {
				std::sort(positions.begin(), positions.end());
				run_starts.clear();
				break;
			}
		}
	}
	// Merge neighbouring runs pairwise until one is left: log2(runs) passes over the positions.
	while (run_starts.size() > 1) {
		std::vector<size_t> merged_starts;
		for (size_t run_idx = 0; run_idx < run_starts.size(); run_idx += 2) {
			merged_starts.push_back(run_starts[run_idx]);
			if (run_idx + 1 == run_starts.size()) {
				break;
			}
			auto end = run_idx + 2 < run_starts.size() ? run_starts[run_idx + 2] : positions.size();
			std::inplace_merge(positions.begin() + static_cast<std::ptrdiff_t>(run_starts[run_idx]),
			                   positions.begin() + static_cast<std::ptrdiff_t>(run_starts[run_idx + 1]),
			                   positions.begin() + static_cast<std::ptrdiff_t>(end));
		}
		run_starts = std::move(merged_starts);
	}
	positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
}

DeletedPositions MergeSortedRuns(std::vector<DeletedPositions> runs) {
	size_t total = 0;
	for (auto &run : runs) {
		SortPositions(run);
		total += run.size();
	}
	if (runs.size() == 1) {
		return std::move(runs[0]);
	}
	DeletedPositions result;
	if (runs.empty()) {
		return result;
	}
	// Fresh memory costs a page fault per 4 KiB: allocate the result once, at its final size (from
	// DuckDB's allocator, which mostly hands out memory the scan just freed).
	result.reserve(total);
	if (runs.size() > max_merged_runs) {
		for (auto &run : runs) {
			result.insert(result.end(), run.begin(), run.end());
		}
		SortPositions(result);
		return result;
	}
	// One run per scanning thread, each covering whole row groups: copy from the run with the
	// smallest head until it passes the smallest head of the others.
	std::vector<size_t> heads(runs.size(), 0);
	while (true) {
		size_t best = runs.size();
		for (size_t run_idx = 0; run_idx < runs.size(); run_idx++) {
			if (heads[run_idx] < runs[run_idx].size() &&
			    (best == runs.size() || runs[run_idx][heads[run_idx]] < runs[best][heads[best]])) {
				best = run_idx;
			}
		}
		if (best == runs.size()) {
			break;
		}
		auto limit = std::numeric_limits<int64_t>::max();
		for (size_t run_idx = 0; run_idx < runs.size(); run_idx++) {
			if (run_idx != best && heads[run_idx] < runs[run_idx].size()) {
				limit = std::min(limit, runs[run_idx][heads[run_idx]]);
			}
		}
		auto &run = runs[best];
		auto &head = heads[best];
		for (; head < run.size() && run[head] <= limit; head++) {
			if (result.empty() || result.back() != run[head]) {
				result.push_back(run[head]);
			}
		}
	}
	return result;
}

int64_t PendingDeletes::Add(int64_t table_id, const std::string &table_directory, const std::string &data_file_path,
                            DeletedPositions positions) {
	SortPositions(positions);
	lock_guard<mutex> guard(lock);
	auto &table = tables[table_id];
	table.directory = table_directory;
	auto &file = table.positions_by_file[data_file_path];
	int64_t added;
	if (!file.positions || file.positions->empty()) {
		// The first positions of the file are kept as they are: no copy, no fresh pages.
		added = static_cast<int64_t>(positions.size());
		file.positions = make_shared_ptr<const DeletedPositions>(std::move(positions));
	} else {
		// A new vector instead of a change in place: a background write may be reading the old one.
		auto merged = make_shared_ptr<DeletedPositions>(*file.positions);
		added = MergePositions(*merged, positions);
		file.positions = std::move(merged);
	}
	if (added > 0) {
		file.version = ++last_version;
	}
	return added;
}

void PendingDeletes::Apply(int64_t table_id, std::vector<ScanFile> &files) const {
	lock_guard<mutex> guard(lock);
	auto table = tables.find(table_id);
	if (table == tables.end()) {
		return;
	}
	for (auto &file : files) {
		auto deleted = table->second.positions_by_file.find(file.path);
		if (deleted != table->second.positions_by_file.end() && deleted->second.positions) {
			MergePositions(file.deleted_positions, *deleted->second.positions);
		}
	}
}

std::map<std::string, shared_ptr<const DeletedPositions>> PendingDeletes::PositionsOf(int64_t table_id) const {
	lock_guard<mutex> guard(lock);
	std::map<std::string, shared_ptr<const DeletedPositions>> result;
	auto table = tables.find(table_id);
	if (table == tables.end()) {
		return result;
	}
	for (auto &file : table->second.positions_by_file) {
		if (file.second.positions) {
			result.emplace(file.first, file.second.positions);
		}
	}
	return result;
}

std::map<std::string, std::vector<int64_t>> PendingDeletes::InlinedPositionsOf(int64_t table_id) const {
	lock_guard<mutex> guard(lock);
	std::map<std::string, std::vector<int64_t>> result;
	auto table = tables.find(table_id);
	if (table == tables.end()) {
		return result;
	}
	for (auto &file : table->second.positions_by_file) {
		if (file.second.positions && IsInlinedDataPath(file.first)) {
			// Inlined rows are few; the metadata layer takes them as a std::vector.
			auto &positions = *file.second.positions;
			result.emplace(file.first, std::vector<int64_t>(positions.begin(), positions.end()));
		}
	}
	return result;
}

bool PendingDeletes::Empty() const {
	lock_guard<mutex> guard(lock);
	return tables.empty();
}

void PendingDeletes::DropTable(int64_t table_id) {
	lock_guard<mutex> guard(lock);
	tables.erase(table_id);
}

DeleteFileJob PendingDeletes::JobFor(int64_t table_id, const TableDeletes &table, const std::string &data_file_path,
                                     const FileDeletes &file) {
	DeleteFileJob job;
	job.table_id = table_id;
	job.directory = table.directory;
	job.data_file_path = data_file_path;
	job.version = file.version;
	job.pending = file.positions;
	return job;
}

void PendingDeletes::StartWrites(DatabaseInstance &db, int64_t table_id, const std::vector<std::string> &paths,
                                 const ScanFileIndex &committed, const std::set<std::string> &local_paths) {
	std::vector<DeleteFileJob> jobs;
	{
		lock_guard<mutex> guard(lock);
		auto table = tables.find(table_id);
		if (table == tables.end()) {
			return;
		}
		for (auto &path : paths) {
			auto file = table->second.positions_by_file.find(path);
			if (IsInlinedDataPath(path) || file == table->second.positions_by_file.end() || !file->second.positions ||
			    file->second.positions->empty()) {
				continue;
			}
			auto job = JobFor(table_id, table->second, path, file->second);
			auto scanned = committed.Find(path);
			if (scanned) {
				if (scanned->delete_file_id >= 0) {
					job.committed_delete_file_id = scanned->delete_file_id;
					job.committed_positions = &scanned->deleted_positions;
					job.committed_listing = committed.ListingOf(path);
				}
			} else if (!local_paths.count(path)) {
				continue; // not known whether it has a delete file: the commit finds out
			}
			jobs.push_back(std::move(job));
		}
	}
	if (jobs.empty()) {
		return;
	}
	if (!background) {
		background = make_uniq<BackgroundDeleteWriter>(db);
	}
	background->Start(std::move(jobs));
}

bool PendingDeletes::CommittedFilesFromListings(const ScanFileIndex &listings, const TableDeletes &deletes,
                                                std::map<std::string, int64_t> &data_file_by_name,
                                                std::map<int64_t, DeleteFileRecord> &current_delete_file) {
	std::map<std::string, int64_t> found_files;
	std::map<int64_t, DeleteFileRecord> found_delete_files;
	for (auto &deleted : deletes.positions_by_file) {
		auto name = FileNameOf(deleted.first);
		if (IsInlinedDataPath(deleted.first) || data_file_by_name.count(name)) {
			continue; // inlined rows, or a file this transaction wrote (no delete file yet)
		}
		auto scanned = listings.Find(deleted.first);
		if (!scanned || scanned->data_file_id < 0) {
			return false;
		}
		found_files[name] = scanned->data_file_id;
		if (scanned->delete_file_id >= 0) {
			DeleteFileRecord record;
			record.delete_file_id = scanned->delete_file_id;
			record.data_file_id = scanned->data_file_id;
			found_delete_files[scanned->data_file_id] = std::move(record);
		}
	}
	data_file_by_name.insert(found_files.begin(), found_files.end());
	current_delete_file = std::move(found_delete_files);
	return true;
}

std::vector<std::string>
PendingDeletes::AddToBatch(DatabaseInstance &db, MetadataConnection &connection, int64_t latest_snapshot_id,
                           CommitBatch &batch, int64_t &next_file_id,
                           const std::function<int64_t(int64_t)> &map_table_id,
                           const std::function<void(int64_t, int64_t, const std::string &)> &check_file,
                           const std::function<ScanFileIndex(int64_t)> &cached_files, int64_t cached_snapshot_id) {
	std::vector<std::string> changes;
	FileLister lister(connection);
	for (auto &entry : tables) {
		auto table_id = map_table_id(entry.first);
		auto &deletes = entry.second;
		// Deletes of inlined rows end catalog rows instead (InlinedChanges::AddToBatch).
		bool has_data_file = false;
		for (auto &deleted : deletes.positions_by_file) {
			has_data_file = has_data_file || !IsInlinedDataPath(deleted.first);
		}
		if (!has_data_file) {
			continue;
		}
		// Data files by name (ducklake-<uuidv7>.parquet, unique): the scan's path of a file this
		// transaction wrote is the writer's, which may spell the directory differently.
		std::map<std::string, int64_t> data_file_by_name;
		for (auto &file : batch.new_data_files) {
			if (file.table_id == table_id) {
				data_file_by_name[FileNameOf(file.path)] = file.data_file_id;
			}
		}
		std::map<int64_t, DeleteFileRecord> current_delete_file;
		ScanFileIndex cached;
		bool cached_loaded = false;
		if (latest_snapshot_id == cached_snapshot_id) {
			cached = cached_files(entry.first);
			cached_loaded = true;
		}
		if (!CommittedFilesFromListings(cached, deletes, data_file_by_name, current_delete_file)) {
			for (auto &file : lister.ListDataFiles(table_id, latest_snapshot_id, false)) {
				data_file_by_name[FileNameOf(file.path)] = file.data_file_id;
			}
			for (auto &file : lister.ListDeleteFiles(table_id, latest_snapshot_id)) {
				current_delete_file[file.data_file_id] = file;
			}
		}
		// Delete file ids follow data file ids, so commits are deterministic.
		std::map<int64_t, const std::string *> files_by_id;
		for (auto &deleted : deletes.positions_by_file) {
			if (IsInlinedDataPath(deleted.first)) {
				continue;
			}
			auto data_file = data_file_by_name.find(FileNameOf(deleted.first));
			if (data_file == data_file_by_name.end()) {
				throw TransactionException("Cannot commit the deletes from data file \"%s\" of table %lld: the file is "
				                           "no longer part of the table (a concurrent transaction removed it)",
				                           deleted.first, table_id);
			}
			files_by_id[data_file->second] = &deleted.first;
		}
		for (auto &file : files_by_id) {
			auto &data_file_path = *file.second;
			check_file(table_id, file.first, data_file_path);
			auto &pending = deletes.positions_by_file[data_file_path];
			auto previous = current_delete_file.find(file.first);
			int64_t previous_id = -1;
			if (previous != current_delete_file.end()) {
				previous_id = previous->second.delete_file_id;
				batch.ended_delete_files.push_back(previous_id);
			}
			// The file written in the background, if it holds what this commit would write.
			PrewrittenDeleteFile result;
			bool have_result = false;
			if (background && background->Take(entry.first, data_file_path, result)) {
				if (result.version == pending.version && result.committed_delete_file_id == previous_id) {
					have_result = true;
				} else if (result.succeeded) {
					FileSystem::GetFileSystem(db).TryRemoveFile(result.written.absolute_path);
				}
			}
			if (!have_result) {
				auto job = JobFor(entry.first, deletes, data_file_path, pending);
				// The current delete file's positions: from a scan's listing when one has that very
				// file (the statement's scan just read it), else read here.
				std::vector<int64_t> previous_positions;
				if (previous != current_delete_file.end()) {
					if (!cached_loaded) {
						cached = cached_files(entry.first);
						cached_loaded = true;
					}
					auto scanned = cached.Find(data_file_path);
					if (scanned && scanned->delete_file_id == previous_id) {
						job.committed_positions = &scanned->deleted_positions;
					} else {
						previous_positions =
						    ReadDeletedPositions(db, ResolvePath(deletes.directory, previous->second.path,
						                                         previous->second.path_is_relative));
						job.committed_positions = &previous_positions;
					}
					job.committed_delete_file_id = previous_id;
				}
				result = RunDeleteFileJob(db, job);
			}
			if (!result.succeeded) {
				result.error.Throw();
			}
			auto &written = result.written;
			written_files.push_back(written.absolute_path);
			DeleteFileRecord record;
			record.delete_file_id = next_file_id++;
			record.table_id = table_id;
			record.data_file_id = file.first;
			record.path = written.file_name;
			record.path_is_relative = true;
			record.delete_count = written.delete_count;
			record.file_size_bytes = written.file_size_bytes;
			record.footer_size = Value::BIGINT(written.footer_size);
			batch.new_delete_files.push_back(std::move(record));
		}
		changes.push_back("deleted_from_table:" + std::to_string(table_id));
	}
	return changes;
}

std::vector<int64_t> PendingDeletes::TableIds() const {
	lock_guard<mutex> guard(lock);
	std::vector<int64_t> result;
	for (auto &entry : tables) {
		result.push_back(entry.first);
	}
	return result;
}

void PendingDeletes::DiscardAttempt(DatabaseInstance &db) {
	// Files written in the background and not taken may still serve the next attempt.
	lock_guard<mutex> guard(lock);
	auto &fs = FileSystem::GetFileSystem(db);
	for (auto &path : written_files) {
		fs.TryRemoveFile(path);
	}
	written_files.clear();
}

void PendingDeletes::Committed() {
	if (background) {
		background->Discard();
	}
	lock_guard<mutex> guard(lock);
	tables.clear();
	written_files.clear();
}

void PendingDeletes::Rollback(DatabaseInstance &db) {
	if (background) {
		background->Discard();
	}
	lock_guard<mutex> guard(lock);
	auto &fs = FileSystem::GetFileSystem(db);
	for (auto &path : written_files) {
		fs.TryRemoveFile(path);
	}
	tables.clear();
	written_files.clear();
}

} // namespace ducklake
