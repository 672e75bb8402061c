//===----------------------------------------------------------------------===//
// DuckdbMemory: a standard library allocator whose memory comes from DuckDB's default allocator.
//
// Why: buffers of 128 KiB and more from glibc malloc are fresh mmap memory, touched one 4 KiB
// page fault at a time (15-20 us each on a virtual machine), and glibc returns them to the kernel
// when they are freed. DuckDB's default allocator is its bundled jemalloc in our build; it keeps
// the memory a query has just freed (its scan buffers, vectors) and hands it out again, so a
// container that lives beside DuckDB's own work, such as the positions a DELETE collects, is
// filled without fresh pages.
//
// The default allocator, not the database's: the database's (HugePageAllocator, extension/) maps
// blocks of 2 MiB and more on their own and hands smaller ones to this same default allocator, so
// it would change nothing for the positions of a typical statement (100K positions are 800 KB)
// and would make the adapter carry a database. In the DuckDB library we link,
// Allocator::DefaultAllocate is JemallocExtension::Allocate.
//
// Stateless: every DuckdbMemory compares equal, so containers move and swap their buffers freely.
// The memory is not counted against DuckDB's memory limit (like any malloc'd container). A failed
// allocation throws duckdb::OutOfMemoryException. Any thread.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/common/allocator.hpp"

#include <cstddef>
#include <limits>
#include <new>

namespace ducklake {

template <class T>
class DuckdbMemory {
public:
	using value_type = T;
	// jemalloc aligns every allocation to at least 16 bytes.
	static_assert(alignof(T) <= alignof(std::max_align_t), "DuckdbMemory does not over-align");

	DuckdbMemory() noexcept = default;
	template <class U>
	DuckdbMemory(const DuckdbMemory<U> &) noexcept { // NOLINT: implicit, as the allocator requirements ask
	}

	T *allocate(std::size_t count) {
		if (count > std::numeric_limits<std::size_t>::max() / sizeof(T)) {
			throw std::bad_array_new_length();
		}
		return reinterpret_cast<T *>(duckdb::Allocator::DefaultAllocator().AllocateData(Bytes(count)));
	}
	void deallocate(T *pointer, std::size_t count) noexcept {
		duckdb::Allocator::DefaultAllocator().FreeData(reinterpret_cast<duckdb::data_ptr_t>(pointer), Bytes(count));
	}

private:
	//! DuckDB's allocator takes no empty allocation: a request for none gets one byte.
	static std::size_t Bytes(std::size_t count) {
		return count == 0 ? 1 : count * sizeof(T);
	}
};

template <class T, class U>
bool operator==(const DuckdbMemory<T> &, const DuckdbMemory<U> &) noexcept {
	return true;
}

template <class T, class U>
bool operator!=(const DuckdbMemory<T> &, const DuckdbMemory<U> &) noexcept {
	return false;
}

} // namespace ducklake
