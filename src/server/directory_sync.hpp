//===----------------------------------------------------------------------===//
// server DirectorySync: group commit of directory fsyncs
//
// A rename (or unlink) is durable once its directory has been fsynced after it. When many writers
// rename into one directory at once, one fsync that starts after all their renames covers them all,
// so SyncAfterChange lets concurrent callers share it: a caller whose change happened before the
// fsync in progress started waits for the next one (which one of the waiters runs), a caller whose
// change happened before a completed fsync started returns at once. At most one fsync per directory
// runs at a time; a caller runs at most one itself (a failed one is reported to that caller, and
// the others it would have covered run their own). All methods are thread-safe.
//===----------------------------------------------------------------------===//
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace ducklake {
namespace server {

class DirectorySync {
public:
	//! Returns once `directory` has been fsynced after the caller's change to it (made before the
	//! call). Returns false when the directory cannot be opened or fsync fails (errno kept).
	bool SyncAfterChange(const std::string &directory);

private:
	struct Directory {
		//! Changes announced so far, and the highest one a finished fsync covers.
		uint64_t announced = 0;
		uint64_t covered = 0;
		bool running = false;
		//! Callers waiting on this directory (the entry is dropped when none remain).
		size_t users = 0;
	};
	std::mutex mutex;
	std::condition_variable finished;
	std::map<std::string, Directory> directories;
};

} // namespace server
} // namespace ducklake
