#include "s3fs/range_reader_registry.hpp"

namespace ducklake {

std::shared_ptr<RangeReader>
RangeReaderRegistry::GetOrCreate(const std::string &key, const std::function<std::shared_ptr<RangeReader>()> &create) {
	std::lock_guard<std::mutex> guard(lock);
	auto found = readers.find(key);
	if (found != readers.end()) {
		if (auto reader = found->second.lock()) {
			return reader;
		}
	}
	// Sweep before inserting, so the map holds no more entries than readers in use plus this one.
	for (auto it = readers.begin(); it != readers.end();) {
		it = it->second.expired() ? readers.erase(it) : std::next(it);
	}
	auto reader = create();
	readers[key] = reader;
	return reader;
}

size_t RangeReaderRegistry::LiveCount() {
	std::lock_guard<std::mutex> guard(lock);
	size_t live = 0;
	for (auto &entry : readers) {
		live += entry.second.expired() ? 0 : 1;
	}
	return live;
}

size_t RangeReaderRegistry::EntryCount() {
	std::lock_guard<std::mutex> guard(lock);
	return readers.size();
}

} // namespace ducklake
