#include "s3fs/range_reader.hpp"

#include "s3fs/sequential_prefetch.hpp"

#include "duckdb/common/exception.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <thread>

namespace ducklake {

std::vector<ByteRange> SplitIntoRanges(uint64_t offset, uint64_t length, uint64_t range_size_bytes) {
	std::vector<ByteRange> ranges;
	range_size_bytes = std::max<uint64_t>(range_size_bytes, 1);
	for (uint64_t done = 0; done < length; done += range_size_bytes) {
		ranges.push_back({offset + done, std::min(range_size_bytes, length - done)});
	}
	return ranges;
}

RangeReader::RangeReader(uint64_t object_size_p, RangeReadTuning tuning_p, RangeFetch fetch_p)
    : object_size(object_size_p), tuning(tuning_p), fetch(std::move(fetch_p)) {
	if (tuning.sequential_prefetch_bytes_max > 0 && tuning.sequential_prefetch_depth > 0) {
		prefetch = std::make_unique<SequentialPrefetch>(
		    object_size, tuning.sequential_prefetch_depth, tuning.sequential_prefetch_bytes_max,
		    [this](uint64_t offset, uint64_t length, char *out) { FetchParallel(out, length, offset); });
	}
}

RangeReader::~RangeReader() {
	// The prefetch's fetches call FetchParallel: end them while the members they use still exist.
	prefetch.reset();
}

uint64_t RangeReader::PrefetchHits() {
	return prefetch ? prefetch->Hits() : 0;
}

uint64_t RangeReader::FetchCount() {
	std::lock_guard<std::mutex> guard(lock);
	return fetch_count;
}

void RangeReader::FetchParallel(char *out, uint64_t length, uint64_t offset) {
	auto ranges = SplitIntoRanges(offset, length, tuning.range_size_bytes);
	{
		std::lock_guard<std::mutex> guard(lock);
		fetch_count += ranges.size();
	}
	auto worker_count = std::min<uint64_t>(ranges.size(), std::max<uint64_t>(tuning.ranges_in_flight_max, 1));
	std::atomic<uint64_t> next_range {0};
	std::atomic<bool> failed {false};
	std::exception_ptr first_error;
	std::mutex error_lock;
	auto work = [&]() {
		while (!failed) {
			auto range_idx = next_range++;
			if (range_idx >= ranges.size()) {
				return;
			}
			auto &range = ranges[range_idx];
			try {
				fetch(range.offset, range.length, out + (range.offset - offset));
			} catch (...) {
				std::lock_guard<std::mutex> guard(error_lock);
				if (!first_error) {
					first_error = std::current_exception();
				}
				failed = true;
			}
		}
	};
	std::vector<std::thread> workers;
	for (uint64_t worker_idx = 1; worker_idx < worker_count; worker_idx++) {
		workers.emplace_back(work);
	}
	work();
	for (auto &worker : workers) {
		worker.join();
	}
	if (first_error) {
		std::rethrow_exception(first_error);
	}
}

void RangeReader::Read(char *out, uint64_t length, uint64_t offset) {
	if (length == 0) {
		return;
	}
	if (offset > object_size || length > object_size - offset) {
		throw duckdb::IOException("read of " + std::to_string(length) + " bytes at offset " + std::to_string(offset) +
		                          " passes the end of the object (" + std::to_string(object_size) + " bytes)");
	}
	{
		std::lock_guard<std::mutex> guard(lock);
		if (offset >= window_offset && offset + length <= window_offset + window.size()) {
			memcpy(out, window.data() + (offset - window_offset), length);
			return;
		}
	}
	if (length >= tuning.parallel_read_bytes_min) {
		bool sequential;
		{
			std::lock_guard<std::mutex> guard(lock);
			sequential = offset == last_read_end;
			last_read_end = offset + length;
		}
		auto served = prefetch ? prefetch->Take(out, length, offset) : 0;
		if (served < length) {
			FetchParallel(out + served, length - served, offset + served);
		}
		if (prefetch && (sequential || served > 0)) {
			prefetch->Ahead(offset + length, length);
		}
		return;
	}
	auto window_length = std::min(std::max(length, tuning.read_ahead_bytes), object_size - offset);
	std::string fetched(window_length, '\0');
	FetchParallel(&fetched[0], window_length, offset);
	memcpy(out, fetched.data(), length);
	std::lock_guard<std::mutex> guard(lock);
	window_offset = offset;
	window = std::move(fetched);
}

} // namespace ducklake
