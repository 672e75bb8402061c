//===----------------------------------------------------------------------===//
// RangeReader: positional reads of a remote object through range requests, with read-ahead and
// several ranges in flight.
//
// Owns no connection: a RangeFetch callback fetches one byte range (and throws duckdb::IOException
// on failure). A read of at least `parallel_read_bytes_min` goes straight to the caller's buffer,
// split into parts of `range_size_bytes` fetched by up to `ranges_in_flight_max` threads. A smaller
// read fetches `read_ahead_bytes` (or up to the end of the object) into a cached window, so the
// many small reads of a Parquet footer or a CSV scan cost one request. Optionally, a large read
// that continues the previous one (a sequential scan, possibly by another thread) keeps the ranges
// after it fetching in the background (sequential_prefetch.hpp); a failed prefetch is fetched again
// on demand. Reads past the end of the object are an error (the FileSystem contract: exact reads).
// Thread-safe: DuckDB reads one handle from several threads; the cache is guarded, fetches run
// outside the lock.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/sequential_prefetch.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ducklake {

struct RangeReadTuning {
	uint64_t read_ahead_bytes = 1ULL << 20;
	uint64_t range_size_bytes = 8ULL << 20;
	uint64_t ranges_in_flight_max = 8;
	//! Reads at least this large bypass the cache and go straight to the caller's buffer.
	uint64_t parallel_read_bytes_min = 1ULL << 20;
	//! Largest background fetch after a sequential large read; 0 disables prefetching.
	uint64_t sequential_prefetch_bytes_max = 0;
	//! Ranges fetched ahead of a sequential scan at once (sequential_prefetch.hpp).
	uint64_t sequential_prefetch_depth = 2;
};

struct ByteRange {
	uint64_t offset;
	uint64_t length;
};

//! Splits [offset, offset + length) into consecutive ranges of at most `range_size_bytes`.
std::vector<ByteRange> SplitIntoRanges(uint64_t offset, uint64_t length, uint64_t range_size_bytes);

class RangeReader {
public:
	//! Fetches exactly `length` bytes at `offset` into `out`; throws on failure.
	using RangeFetch = std::function<void(uint64_t offset, uint64_t length, char *out)>;

	RangeReader(uint64_t object_size, RangeReadTuning tuning, RangeFetch fetch);
	//! Waits for the background prefetches, which use `fetch`.
	~RangeReader();
	//! Reads exactly `length` bytes at `offset`. Throws duckdb::IOException when the range passes the
	//! end of the object, or whatever the fetch throws.
	void Read(char *out, uint64_t length, uint64_t offset);
	uint64_t ObjectSize() const {
		return object_size;
	}
	//! Range requests issued so far (for tests and benchmarks).
	uint64_t FetchCount();

	//! Reads served by a background prefetch (for tests and benchmarks).
	uint64_t PrefetchHits();

private:
	void FetchParallel(char *out, uint64_t length, uint64_t offset);

	const uint64_t object_size;
	const RangeReadTuning tuning;
	RangeFetch fetch;
	std::mutex lock;
	uint64_t window_offset = 0;
	std::string window;
	uint64_t fetch_count = 0;
	uint64_t last_read_end = 0;
	//! Null when prefetching is off. Declared last: destroyed first, while the fetch it calls works.
	std::unique_ptr<SequentialPrefetch> prefetch;
};

} // namespace ducklake
