//===----------------------------------------------------------------------===//
// SequentialPrefetch: background fetches of the byte ranges that follow a sequential scan of one
// remote object, shared by every thread reading it.
//
// DuckDB's Parquet reader gives each scanning thread its own file handle and hands row groups out
// in order, so thread 1 reads row group 0, thread 2 row group 1, thread 1 row group 2, ...: no one
// handle reads sequentially, but the object as a whole is read front to back. After each large read
// that continues the scan, `Ahead` keeps up to `depth` ranges of about the same length fetching past
// it, so the next threads find their row groups already arriving and the network overlaps the
// decoding. A read takes what the ranges hold of it (`Take`), waiting for a range still in flight,
// and fetches the rest itself. A range is dropped once read whole, or once the scan is `depth`
// reads past it, and its buffer reused (fresh memory costs a page fault per page). A failed background fetch is not an
// error: the read fetches those bytes again itself and reports what that fetch reports. Memory: at most `depth` ranges
// of at most `range_bytes_max` bytes, plus as many spare buffers.
//===----------------------------------------------------------------------===//
#pragma once

#include "common/huge_page_mapping.hpp"

#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <vector>

namespace ducklake {

class SequentialPrefetch {
public:
	//! Fetches exactly `length` bytes at `offset` into `out`; throws on failure.
	using Fetch = std::function<void(uint64_t offset, uint64_t length, char *out)>;

	SequentialPrefetch(uint64_t object_size, uint64_t depth, uint64_t range_bytes_max, Fetch fetch);
	//! Waits for the fetches in flight (they write into buffers owned here).
	~SequentialPrefetch();
	SequentialPrefetch(const SequentialPrefetch &) = delete;
	SequentialPrefetch &operator=(const SequentialPrefetch &) = delete;

	//! Copies the longest prefix of [offset, offset + length) that the ranges hold into `out`,
	//! waiting for ranges in flight; returns the bytes copied (0 when none holds `offset`).
	uint64_t Take(char *out, uint64_t length, uint64_t offset);
	//! A read ending at `end` of `length` bytes continued the scan: drops the ranges done with and
	//! starts fetching ranges of about `length` bytes after what is already held, up to `depth`.
	void Ahead(uint64_t end, uint64_t length);

	//! Reads that took at least one byte from a range (for tests and benchmarks).
	uint64_t Hits();

private:
	//! On huge pages: a range is megabytes, filled once per use.
	struct Buffer {
		HugePageMapping memory;
		char *Bytes() const {
			return reinterpret_cast<char *>(memory.Data());
		}
	};
	struct Range {
		uint64_t offset = 0;
		uint64_t length = 0;
		//! Bytes reads have copied out; a range read whole is dropped.
		uint64_t taken = 0;
		std::shared_ptr<Buffer> buffer;
		//! True when the fetch succeeded.
		std::shared_future<bool> done;
	};
	std::shared_ptr<Buffer> TakeSpare(uint64_t length);

	const uint64_t object_size;
	const uint64_t depth;
	const uint64_t range_bytes_max;
	Fetch fetch;
	std::mutex lock;
	std::vector<Range> ranges;
	std::vector<std::shared_ptr<Buffer>> spares;
	uint64_t hits = 0;
};

} // namespace ducklake
