//===----------------------------------------------------------------------===//
// server FileRemover: unlinks files on a thread of its own, so a request does not wait for it
//
// Replacing an object by rename(2) over it makes the rename free the old file's blocks then and there:
// on ext4 (mounted with `discard` here) that took 0.14-0.23 s for 256 MiB, inside the PUT, after the
// body had long arrived. ObjectStore::CommitObject therefore gives the old file a second name in
// .s3d/tmp before the rename (so the rename only drops a link) and hands that name to a FileRemover,
// which unlinks it while the response goes out. Durability is untouched: the new object is synced,
// renamed and its directory synced exactly as before; the old bytes are simply freed later. A crash
// first leaves the name in .s3d/tmp, which the store empties at startup.
//
// Memory and work are bounded: at most `queued_max` names wait; beyond that Remove unlinks at once.
// The destructor unlinks what is still queued and joins the thread. Thread-safe.
//===----------------------------------------------------------------------===//
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace ducklake {
namespace server {

class FileRemover {
public:
	explicit FileRemover(size_t queued_max);
	~FileRemover();
	FileRemover(const FileRemover &) = delete;
	FileRemover &operator=(const FileRemover &) = delete;

	//! Unlinks `path` soon, on the remover's thread (started by the first call); at once, on the
	//! caller's thread, when `queued_max` names are already waiting. A missing file is no error.
	void Remove(std::string path);
	//! Waits until every name queued so far is unlinked (for tests and shutdown).
	void Drain();

private:
	void Run();

	const size_t queued_max;
	std::mutex mutex;
	std::condition_variable to_worker;
	std::condition_variable to_waiters;
	std::deque<std::string> queue;
	//! Names taken off the queue and not yet unlinked (0 or 1).
	size_t in_progress = 0;
	bool stopping = false;
	std::thread worker;
};

} // namespace server
} // namespace ducklake
