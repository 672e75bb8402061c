//===----------------------------------------------------------------------===//
// server BackgroundWriter: writes a large request body to its temporary file on a second thread
//
// A single thread that receives, hashes (MD5 for the ETag) and writes a large PUT spends the
// time the kernel throttles its writes (dirty page write-back) not hashing, and the time it
// hashes not writing. Handing filled buffers to a writer thread overlaps the two. Memory is
// bounded: a fixed number of buffers circulate between the threads, and the receiving side waits
// for a free one when the disk falls behind.
//===----------------------------------------------------------------------===//
#pragma once

#include "server/object_store.hpp"
#include "server/s3_outcome.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

namespace ducklake {
namespace server {

class BackgroundWriter {
public:
	//! `buffer_count` buffers of `buffer_bytes` each are the most this writer holds in memory.
	BackgroundWriter(TempFile &destination, size_t buffer_bytes, size_t buffer_count);
	//! Stops the thread; bytes not yet handed over by Finish are dropped (the caller is failing).
	~BackgroundWriter();
	BackgroundWriter(const BackgroundWriter &) = delete;
	BackgroundWriter &operator=(const BackgroundWriter &) = delete;

	//! Copies `piece` into the current buffer, handing full buffers to the writer thread; fails
	//! with the writer's first failure (e.g. disk full) as soon as it is known.
	Outcome<bool> Write(std::string_view piece);
	//! Hands over what is left and waits until everything is written: the first failure, or true.
	Outcome<bool> Finish();

private:
	struct Buffer {
		std::unique_ptr<char[]> bytes;
		size_t size = 0;
	};
	void Run();
	//! Queues `current` for writing and takes a free buffer (waiting for one); false on failure.
	bool HandOver(std::unique_lock<std::mutex> &lock);

	TempFile &destination;
	const size_t buffer_bytes;
	std::mutex mutex;
	std::condition_variable changed;
	std::vector<Buffer> free_buffers;
	std::deque<Buffer> full_buffers;
	Buffer current;
	bool writing = false;
	bool stopping = false;
	std::optional<S3Failure> failure;
	std::thread thread;
};

} // namespace server
} // namespace ducklake
