#include "storage/background_delete_writer.hpp"

#include "duckdb/common/exception.hpp"
#include "duckdb/common/file_system.hpp"

#include <algorithm>
#include <iterator>

namespace ducklake {

using namespace duckdb; // NOLINT: implementation file

PrewrittenDeleteFile RunDeleteFileJob(DatabaseInstance &db, const DeleteFileJob &job) {
	PrewrittenDeleteFile result;
	result.table_id = job.table_id;
	result.data_file_path = job.data_file_path;
	result.version = job.version;
	result.committed_delete_file_id = job.committed_delete_file_id;
	try {
		if (!job.pending) {
			throw InternalException("delete file job for \"%s\" without positions", job.data_file_path);
		}
		if (job.committed_positions && !job.committed_positions->empty()) {
			DeletedPositions merged;
			merged.reserve(job.pending->size() + job.committed_positions->size());
			std::set_union(job.pending->begin(), job.pending->end(), job.committed_positions->begin(),
			               job.committed_positions->end(), std::back_inserter(merged));
			result.written = WriteDeleteFile(db, job.directory, job.data_file_path, merged);
		} else {
			result.written = WriteDeleteFile(db, job.directory, job.data_file_path, *job.pending);
		}
		result.succeeded = true;
	} catch (std::exception &ex) {
		result.error = ErrorData(ex);
	}
	return result;
}

BackgroundDeleteWriter::BackgroundDeleteWriter(DatabaseInstance &db_p) : db(db_p) {
}

BackgroundDeleteWriter::~BackgroundDeleteWriter() {
	try {
		Discard();
	} catch (...) { // NOLINT: a destructor must not throw; Discard only removes files
	}
}

void BackgroundDeleteWriter::Start(std::vector<DeleteFileJob> jobs) {
	Wait();
	if (jobs.empty()) {
		return;
	}
	running_jobs = std::move(jobs);
	running_results.clear();
	running_results.resize(running_jobs.size());
	try {
		thread = std::thread([this]() {
			for (idx_t job_idx = 0; job_idx < running_jobs.size(); job_idx++) {
				running_results[job_idx] = RunDeleteFileJob(db, running_jobs[job_idx]);
			}
		});
	} catch (std::exception &) {
		// No thread: the commit writes these files itself.
		running_jobs.clear();
		running_results.clear();
	}
}

void BackgroundDeleteWriter::Wait() {
	if (!thread.joinable()) {
		return;
	}
	thread.join();
	for (auto &result : running_results) {
		auto key = std::make_pair(result.table_id, result.data_file_path);
		auto previous = results.find(key);
		if (previous != results.end()) {
			Remove(previous->second);
			results.erase(previous);
		}
		results.emplace(std::move(key), std::move(result));
	}
	running_jobs.clear();
	running_results.clear();
}

bool BackgroundDeleteWriter::Take(int64_t table_id, const std::string &data_file_path, PrewrittenDeleteFile &result) {
	Wait();
	auto entry = results.find(std::make_pair(table_id, data_file_path));
	if (entry == results.end()) {
		return false;
	}
	result = std::move(entry->second);
	results.erase(entry);
	return true;
}

void BackgroundDeleteWriter::Discard() {
	Wait();
	for (auto &entry : results) {
		Remove(entry.second);
	}
	results.clear();
}

void BackgroundDeleteWriter::Remove(PrewrittenDeleteFile &result) {
	if (result.succeeded) {
		FileSystem::GetFileSystem(db).TryRemoveFile(result.written.absolute_path);
		result.succeeded = false;
	}
}

} // namespace ducklake
