#include "catalog/pending_deletes.hpp"

#include "metadata/file_lister.hpp"
#include "storage/data_path.hpp"
#include "storage/delete_file_writer.hpp"

#include "duckdb/common/file_system.hpp"

#include <algorithm>
#include <iterator>

namespace ducklake {

using namespace duckdb; // NOLINT: implementation file

static std::string FileNameOf(const std::string &path) {
	auto slash = path.find_last_of('/');
	return slash == std::string::npos ? path : path.substr(slash + 1);
}

int64_t MergePositions(std::vector<int64_t> &target, const std::vector<int64_t> &extra) {
	if (extra.empty()) {
		return 0;
	}
	auto before = target.size();
	std::vector<int64_t> merged;
	merged.reserve(target.size() + extra.size());
	std::set_union(target.begin(), target.end(), extra.begin(), extra.end(), std::back_inserter(merged));
	target = std::move(merged);
	return static_cast<int64_t>(target.size() - before);
}

void SortPositions(std::vector<int64_t> &positions) {
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

int64_t PendingDeletes::Add(int64_t table_id, const std::string &table_directory, const std::string &data_file_path,
                            std::vector<int64_t> positions) {
	SortPositions(positions);
	lock_guard<mutex> guard(lock);
	auto &table = tables[table_id];
	table.directory = table_directory;
	return MergePositions(table.positions_by_file[data_file_path], positions);
}

void PendingDeletes::Apply(int64_t table_id, std::vector<ScanFile> &files) const {
	lock_guard<mutex> guard(lock);
	auto table = tables.find(table_id);
	if (table == tables.end()) {
		return;
	}
	for (auto &file : files) {
		auto deleted = table->second.positions_by_file.find(file.path);
		if (deleted != table->second.positions_by_file.end()) {
			MergePositions(file.deleted_positions, deleted->second);
		}
	}
}

std::map<std::string, std::vector<int64_t>> PendingDeletes::PositionsOf(int64_t table_id) const {
	lock_guard<mutex> guard(lock);
	auto table = tables.find(table_id);
	if (table == tables.end()) {
		return {};
	}
	return table->second.positions_by_file;
}

std::map<std::string, std::vector<int64_t>> PendingDeletes::InlinedPositionsOf(int64_t table_id) const {
	lock_guard<mutex> guard(lock);
	std::map<std::string, std::vector<int64_t>> result;
	auto table = tables.find(table_id);
	if (table == tables.end()) {
		return result;
	}
	for (auto &file : table->second.positions_by_file) {
		if (IsInlinedDataPath(file.first)) {
			result.insert(file);
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

std::vector<std::string>
PendingDeletes::AddToBatch(DatabaseInstance &db, MetadataConnection &connection, int64_t latest_snapshot_id,
                           CommitBatch &batch, int64_t &next_file_id,
                           const std::function<int64_t(int64_t)> &map_table_id,
                           const std::function<void(int64_t, int64_t, const std::string &)> &check_file) {
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
		for (auto &file : lister.ListDataFiles(table_id, latest_snapshot_id, false)) {
			data_file_by_name[FileNameOf(file.path)] = file.data_file_id;
		}
		for (auto &file : batch.new_data_files) {
			if (file.table_id == table_id) {
				data_file_by_name[FileNameOf(file.path)] = file.data_file_id;
			}
		}
		std::map<int64_t, DeleteFileRecord> current_delete_file;
		for (auto &file : lister.ListDeleteFiles(table_id, latest_snapshot_id)) {
			current_delete_file[file.data_file_id] = file;
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
			// The pending positions stay as they are (a failed attempt is retried): they are copied
			// only to merge them with an older delete file. Fresh memory is not free: a page fault
			// per 4 KiB.
			const auto &pending = deletes.positions_by_file[data_file_path];
			const std::vector<int64_t> *positions = &pending;
			std::vector<int64_t> merged;
			auto previous = current_delete_file.find(file.first);
			if (previous != current_delete_file.end()) {
				auto previous_path =
				    ResolvePath(deletes.directory, previous->second.path, previous->second.path_is_relative);
				merged = pending;
				MergePositions(merged, ReadDeletedPositions(db, previous_path));
				positions = &merged;
				batch.ended_delete_files.push_back(previous->second.delete_file_id);
			}
			auto written = WriteDeleteFile(db, deletes.directory, data_file_path, *positions);
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
	lock_guard<mutex> guard(lock);
	auto &fs = FileSystem::GetFileSystem(db);
	for (auto &path : written_files) {
		fs.TryRemoveFile(path);
	}
	written_files.clear();
}

void PendingDeletes::Committed() {
	lock_guard<mutex> guard(lock);
	tables.clear();
	written_files.clear();
}

void PendingDeletes::Rollback(DatabaseInstance &db) {
	lock_guard<mutex> guard(lock);
	auto &fs = FileSystem::GetFileSystem(db);
	for (auto &path : written_files) {
		fs.TryRemoveFile(path);
	}
	tables.clear();
	written_files.clear();
}

} // namespace ducklake
