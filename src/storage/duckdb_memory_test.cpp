#include "storage/duckdb_memory.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace ducklake {

TEST(DuckdbMemory, AllocatesWritableAlignedMemoryAndFreesIt) {
	DuckdbMemory<int64_t> memory;
	for (std::size_t count : {std::size_t(1), std::size_t(1000), std::size_t(64 * 1024)}) {
		auto data = memory.allocate(count);
		ASSERT_NE(data, nullptr);
		EXPECT_EQ(reinterpret_cast<std::uintptr_t>(data) % alignof(int64_t), 0u);
		for (std::size_t idx = 0; idx < count; idx++) {
			data[idx] = static_cast<int64_t>(idx) * 3;
		}
		EXPECT_EQ(data[count - 1], static_cast<int64_t>(count - 1) * 3);
		memory.deallocate(data, count);
	}
	// A request for nothing is still a pointer that can be given back.
	auto none = memory.allocate(0);
	EXPECT_NE(none, nullptr);
	memory.deallocate(none, 0);
}

TEST(DuckdbMemory, ARequestBeyondTheAddressSpaceThrows) {
	DuckdbMemory<int64_t> memory;
	EXPECT_THROW(memory.allocate(SIZE_MAX / sizeof(int64_t) + 1), std::bad_array_new_length);
}

TEST(DuckdbMemory, AVectorGrowsCopiesAndMovesThroughIt) {
	std::vector<int64_t, DuckdbMemory<int64_t>> positions;
	for (int64_t position = 0; position < 300000; position++) { // past 2 MiB: several reallocations
		positions.push_back(position * 7);
	}
	ASSERT_EQ(positions.size(), 300000u);
	for (std::size_t idx = 0; idx < positions.size(); idx += 997) {
		EXPECT_EQ(positions[idx], static_cast<int64_t>(idx) * 7);
	}
	auto copy = positions;
	EXPECT_EQ(copy, positions);
	auto data = positions.data();
	std::vector<int64_t, DuckdbMemory<int64_t>> moved {1};
	moved = std::move(positions);
	EXPECT_EQ(moved.data(), data); // equal allocators: the buffer is taken over, not copied
	moved.clear();
	moved.shrink_to_fit();
	EXPECT_EQ(copy.back(), 299999 * 7);
}

TEST(DuckdbMemory, AllInstancesCompareEqualAcrossValueTypes) {
	DuckdbMemory<int64_t> positions;
	DuckdbMemory<char> bytes(positions);
	EXPECT_TRUE(positions == DuckdbMemory<int64_t>());
	EXPECT_TRUE(positions == bytes);
	EXPECT_FALSE(positions != bytes);
	// Memory from one instance goes back through another.
	auto data = DuckdbMemory<int64_t>().allocate(16);
	positions.deallocate(data, 16);
}

} // namespace ducklake
