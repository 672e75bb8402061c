#include "server/buffer_pool.hpp"

#include <cstdlib>
#include <new>

namespace ducklake {
namespace server {

BufferPool::BufferPool(size_t buffer_bytes_p, size_t alignment_p, size_t retained_max_p)
    : buffer_bytes(buffer_bytes_p), alignment(alignment_p), retained_max(retained_max_p) {
}

BufferPool::~BufferPool() {
	for (auto buffer : retained) {
		std::free(buffer);
	}
}

char *BufferPool::Take() {
	{
		std::lock_guard<std::mutex> lock(mutex);
		if (!retained.empty()) {
			char *buffer = retained.back();
			retained.pop_back();
			return buffer;
		}
	}
	size_t allocation_bytes = (buffer_bytes + alignment - 1) / alignment * alignment;
	auto buffer = static_cast<char *>(std::aligned_alloc(alignment, allocation_bytes));
	if (!buffer) {
		throw std::bad_alloc();
	}
	return buffer;
}

void BufferPool::Give(char *buffer) {
	{
		std::lock_guard<std::mutex> lock(mutex);
		if (retained.size() < retained_max) {
			retained.push_back(buffer);
			return;
		}
	}
	std::free(buffer);
}

size_t BufferPool::Retained() const {
	std::lock_guard<std::mutex> lock(mutex);
	return retained.size();
}

} // namespace server
} // namespace ducklake
