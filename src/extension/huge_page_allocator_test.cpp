#include "extension/huge_page_allocator.hpp"

#include "duckdb.hpp"

#include <cstdlib>
#include <cstring>
#include <gtest/gtest.h>
#include <stdexcept>
#include <string>
#include <vector>

namespace ducklake {
namespace {

constexpr uint64_t mib = 1ULL << 20;

HugePageAllocatorState &StateOf(duckdb::Allocator &allocator) {
	return static_cast<HugePageAllocatorState &>(*allocator.GetPrivateData());
}

TEST(HugePageAllocator, LargeBlocksStartOnAHugePageBoundaryAndKeepTheirBytes) {
	auto allocator = MakeHugePageAllocator(64 * mib);
	for (uint64_t size : std::vector<uint64_t> {2 * mib, 2 * mib + 1, 5 * mib + 123, 17 * mib}) {
		auto block = allocator->AllocateData(size);
		EXPECT_EQ(reinterpret_cast<uintptr_t>(block) % (2 * mib), 0u) << size;
		std::memset(block, 0x5a, size);
		EXPECT_EQ(block[size - 1], 0x5a);
		allocator->FreeData(block, size);
	}
}

TEST(HugePageAllocator, SmallBlocksGoToTheDefaultAllocator) {
	auto allocator = MakeHugePageAllocator(64 * mib);
	auto block = allocator->AllocateData(1000);
	std::memset(block, 1, 1000);
	allocator->FreeData(block, 1000);
	EXPECT_EQ(StateOf(*allocator).PooledBytes(), 0u);
}

TEST(HugePageAllocator, FreedBlocksAreReusedWithinTheBound) {
	auto allocator = MakeHugePageAllocator(8 * mib);
	auto &state = StateOf(*allocator);
	auto first = allocator->AllocateData(4 * mib);
	allocator->FreeData(first, 4 * mib);
	EXPECT_EQ(state.PooledBytes(), 4 * mib);
	// A slightly smaller request takes the pooled block (and gives back its unused tail).
	auto second = allocator->AllocateData(4 * mib - 8192);
	EXPECT_EQ(second, first);
	EXPECT_EQ(state.PooledBytes(), 0u);
	allocator->FreeData(second, 4 * mib - 8192);
	// A request far smaller than what is pooled maps a new block instead of wasting the pooled one.
	auto small = allocator->AllocateData(2 * mib);
	EXPECT_NE(small, second);
	EXPECT_EQ(state.PooledBytes(), 4 * mib - 8192);
	// Beyond the bound, freed blocks are unmapped, not pooled.
	auto big = allocator->AllocateData(6 * mib);
	allocator->FreeData(small, 2 * mib);
	allocator->FreeData(big, 6 * mib);
	EXPECT_LE(state.PooledBytes(), 8 * mib);
	EXPECT_EQ(state.PooledBytes(), 4 * mib - 8192 + 2 * mib);
}

TEST(HugePageAllocator, ReallocateKeepsTheBytesAcrossTheThreshold) {
	auto allocator = MakeHugePageAllocator(64 * mib);
	uint64_t size = 1000;
	auto block = allocator->AllocateData(size);
	for (uint64_t i = 0; i < size; i++) {
		block[i] = static_cast<uint8_t>(i * 7);
	}
	// Every size below keeps at least the first 700 bytes, which must survive each move.
	for (uint64_t next : std::vector<uint64_t> {3 * mib, 3 * mib + 100, 9 * mib, 1500, 700}) {
		block = allocator->ReallocateData(block, size, next);
		for (uint64_t i = 0; i < 700; i++) {
			ASSERT_EQ(block[i], static_cast<uint8_t>(i * 7)) << "after resizing to " << next << " at " << i;
		}
		size = next;
	}
	allocator->FreeData(block, size);
}

TEST(HugePageAllocator, DuckDBRunsOnIt) {
	duckdb::DBConfig config;
	config.allocator = MakeHugePageAllocator(64 * mib);
	duckdb::DuckDB db(nullptr, &config);
	duckdb::Connection con(db);
	auto result = con.Query("SELECT count(*), sum(i), max(s) FROM (SELECT i, repeat('x', i % 100) || i AS s FROM "
	                        "range(3000000) t(i) ORDER BY s DESC)");
	ASSERT_FALSE(result->HasError()) << result->GetError();
	EXPECT_EQ(result->GetValue(0, 0).GetValue<int64_t>(), 3000000);
	EXPECT_EQ(result->GetValue(1, 0).GetValue<int64_t>(), 4499998500000LL);
}

TEST(HugePageAllocator, TheEnvironmentTurnsItOffOrIsRefusedClearly) {
	auto previous = std::getenv("DUCKLAKE_HUGE_PAGES");
	std::string saved = previous ? previous : "";
	{
		setenv("DUCKLAKE_HUGE_PAGES", "off", 1);
		duckdb::DBConfig config;
		UseHugePageAllocator(config);
		EXPECT_EQ(config.allocator, nullptr);
	}
	{
		setenv("DUCKLAKE_HUGE_PAGES", "on", 1);
		duckdb::DBConfig config;
		UseHugePageAllocator(config);
		EXPECT_EQ(config.allocator != nullptr, TransparentHugePagesAvailable());
	}
	{
		setenv("DUCKLAKE_HUGE_PAGES", "sometimes", 1);
		duckdb::DBConfig config;
		try {
			UseHugePageAllocator(config);
			FAIL() << "an unknown value was accepted";
		} catch (std::invalid_argument &error) {
			std::string message = error.what();
			EXPECT_NE(message.find("DUCKLAKE_HUGE_PAGES is 'sometimes'"), std::string::npos) << message;
			EXPECT_NE(message.find("allowed are on"), std::string::npos) << message;
		}
	}
	if (previous) {
		setenv("DUCKLAKE_HUGE_PAGES", saved.c_str(), 1);
	} else {
		unsetenv("DUCKLAKE_HUGE_PAGES");
	}
}

} // namespace
} // namespace ducklake
