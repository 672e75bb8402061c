//===----------------------------------------------------------------------===//
// server BufferPool: aligned body buffers kept for the next large request
//
// A large PUT or UploadPart borrows a BodyPipeline's worth of 1 MiB buffers. Fresh memory costs a
// page fault and the zeroing of every 4 KiB page on its first touch (the socket read that fills
// it), and returning it to the system costs an munmap: together about a fifth of the server's CPU
// for a multipart upload, whose parts each start a new pipeline. Buffers given back are kept, up to
// a bound, and handed out again; beyond the bound they are freed, so memory stays bounded.
// Thread-safe.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <mutex>
#include <vector>

namespace ducklake {
namespace server {

class BufferPool {
public:
	//! Buffers of `buffer_bytes` (a multiple of `alignment`) starting at multiples of `alignment`;
	//! at most `retained_max` are kept while unused.
	BufferPool(size_t buffer_bytes, size_t alignment, size_t retained_max);
	~BufferPool();
	BufferPool(const BufferPool &) = delete;
	BufferPool &operator=(const BufferPool &) = delete;

	//! A kept buffer, or a new one; throws std::bad_alloc when memory is exhausted.
	char *Take();
	//! Gives `buffer` (from Take) back.
	void Give(char *buffer);
	size_t BufferBytes() const {
		return buffer_bytes;
	}
	//! Buffers kept for reuse now.
	size_t Retained() const;

private:
	const size_t buffer_bytes;
	const size_t alignment;
	const size_t retained_max;
	mutable std::mutex mutex;
	std::vector<char *> retained;
};

} // namespace server
} // namespace ducklake
