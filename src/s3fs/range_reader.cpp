#include "s3fs/range_reader.hpp"

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
}

RangeReader::~RangeReader() {
	if (prefetch.done.valid()) {
		prefetch.done.wait();
	}
}

uint64_t RangeReader::PrefetchHits() {
	std::lock_guard<std::mutex> guard(lock);
	return prefetch_hits;
}

bool RangeReader::TryPrefetched(char *out, uint64_t length, uint64_t offset) {
	Prefetch candidate;
	{
		std::lock_guard<std::mutex> guard(lock);
		if (!prefetch.done.valid() || offset < prefetch.offset || offset + length > prefetch.offset + prefetch.length) {
			return false;
		}
		candidate = prefetch;
	}
	if (!candidate.done.get()) {
		return false; // the prefetch failed: fetch again on demand, which reports the error if it persists
	}
	memcpy(out, candidate.data->data() + (offset - candidate.offset), length);
	std::lock_guard<std::mutex> guard(lock);
	prefetch_hits++;
	return true;
}

void RangeReader::StartPrefetch(uint64_t offset, uint64_t length) {
	if (offset >= object_size || length == 0 || length > tuning.sequential_prefetch_bytes_max) {
		return;
	}
	length = std::min(length, object_size - offset);
	{
		std::lock_guard<std::mutex> guard(lock);
		if (prefetch.done.valid() && prefetch.offset == offset) {
			return;
		}
	}
	// Only one prefetch at a time: wait for the previous one before replacing it.
	Prefetch previous;
	{
		std::lock_guard<std::mutex> guard(lock);
		previous = prefetch;
	}
	if (previous.done.valid()) {
		previous.done.wait();
	}
	Prefetch next;
	next.offset = offset;
	next.length = length;
	{
		std::lock_guard<std::mutex> guard(lock);
		prefetch = Prefetch();
	}
	// Reuse the consumed buffer when no reader still copies from it: fresh memory costs a page
	// fault per page, which on a busy machine is slower than the transfer itself.
	if (previous.data && previous.data.use_count() == 1 && previous.data->size() == length) {
		next.data = std::move(previous.data);
	} else {
		next.data = std::make_shared<std::string>(length, '\0');
	}
	auto data = next.data;
	next.done = std::async(std::launch::async, [this, data, offset, length]() {
		            try {
			            FetchParallel(&(*data)[0], length, offset);
			            return true;
		            } catch (...) {
			            return false;
		            }
	            }).share();
	std::lock_guard<std::mutex> guard(lock);
	prefetch = std::move(next);
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
		if (!TryPrefetched(out, length, offset)) {
			FetchParallel(out, length, offset);
		} else {
			sequential = true;
		}
		if (sequential && tuning.sequential_prefetch_bytes_max > 0) {
			StartPrefetch(offset + length, length);
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
