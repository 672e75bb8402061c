#include "s3fs/sequential_prefetch.hpp"

#include <algorithm>
#include <cstring>
#include <system_error>

namespace ducklake {

SequentialPrefetch::SequentialPrefetch(uint64_t object_size_p, uint64_t depth_p, uint64_t range_bytes_max_p,
                                       Fetch fetch_p)
    : object_size(object_size_p), depth(depth_p), range_bytes_max(range_bytes_max_p), fetch(std::move(fetch_p)) {
}

SequentialPrefetch::~SequentialPrefetch() {
	for (auto &range : ranges) {
		range.done.wait();
	}
}

uint64_t SequentialPrefetch::Hits() {
	std::lock_guard<std::mutex> guard(lock);
	return hits;
}

uint64_t SequentialPrefetch::Take(char *out, uint64_t length, uint64_t offset) {
	uint64_t served = 0;
	// Each step copies from one range; ranges never overlap, so a read spans at most depth of them.
	for (uint64_t step = 0; step <= depth && served < length; step++) {
		auto position = offset + served;
		Range range;
		{
			std::lock_guard<std::mutex> guard(lock);
			for (auto &candidate : ranges) {
				if (position >= candidate.offset && position < candidate.offset + candidate.length) {
					range = candidate;
					break;
				}
			}
		}
		// Holding `range` keeps its buffer from reuse while this copy runs.
		if (!range.buffer || !range.done.get()) {
			break;
		}
		auto count = std::min(length - served, range.offset + range.length - position);
		memcpy(out + served, range.buffer->Bytes() + (position - range.offset), count);
		served += count;
		std::lock_guard<std::mutex> guard(lock);
		for (auto &held : ranges) {
			if (held.offset == range.offset) {
				held.taken += count;
			}
		}
	}
	if (served > 0) {
		std::lock_guard<std::mutex> guard(lock);
		hits++;
	}
	return served;
}

std::shared_ptr<SequentialPrefetch::Buffer> SequentialPrefetch::TakeSpare(uint64_t length) {
	for (auto it = spares.begin(); it != spares.end(); ++it) {
		if ((*it)->memory.Size() >= length) {
			auto buffer = std::move(*it);
			spares.erase(it);
			return buffer;
		}
	}
	// Room for a slightly longer next range, so the buffer can serve it too.
	auto buffer = std::make_shared<Buffer>();
	buffer->memory = HugePageMapping(length + length / 4);
	return buffer;
}

void SequentialPrefetch::Ahead(uint64_t end, uint64_t length) {
	if (depth == 0 || range_bytes_max == 0 || length == 0) {
		return;
	}
	// Consecutive row groups differ a little in length: an eighth more covers the next one whole.
	auto range_length = std::min(length + length / 8, range_bytes_max);
	// A thread `depth` reads behind may still want what lies after this bound.
	auto behind = depth * length;
	auto still_wanted_from = end >= behind ? end - behind : 0;
	std::vector<Range> passed;
	{
		std::lock_guard<std::mutex> guard(lock);
		for (auto it = ranges.begin(); it != ranges.end();) {
			if (it->taken >= it->length || it->offset + it->length <= still_wanted_from) {
				passed.push_back(std::move(*it));
				it = ranges.erase(it);
			} else {
				++it;
			}
		}
		// Start after the furthest range held, so no byte is fetched twice (a gap between `end` and
		// a held range was read by another thread already).
		auto covered_end = end;
		for (auto &range : ranges) {
			covered_end = std::max(covered_end, range.offset + range.length);
		}
		while (ranges.size() < depth && covered_end < object_size) {
			Range next;
			next.offset = covered_end;
			next.length = std::min(range_length, object_size - covered_end);
			next.buffer = TakeSpare(next.length);
			auto out = next.buffer->Bytes();
			auto offset = next.offset;
			auto count = next.length;
			try {
				next.done = std::async(std::launch::async, [this, out, offset, count]() {
					            try {
						            fetch(offset, count, out);
						            return true;
					            } catch (...) {
						            return false;
					            }
				            }).share();
			} catch (const std::system_error &) {
				break; // no thread to spare: reads fetch for themselves
			}
			covered_end += next.length;
			ranges.push_back(std::move(next));
		}
	}
	// Ranges the scan passed: wait for their fetch outside the lock, then keep their buffers as spares
	// when no reader still copies from them.
	for (auto &range : passed) {
		range.done.wait();
		range.done = std::shared_future<bool>();
		if (range.buffer.use_count() == 1) {
			std::lock_guard<std::mutex> guard(lock);
			if (spares.size() < depth) {
				spares.push_back(std::move(range.buffer));
			}
		}
	}
}

} // namespace ducklake
