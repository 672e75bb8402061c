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

TEST(HugePageAllocator, BlocksAreMappedInWholeHugePagesWhereThatWastesAtMostAQuarter) {
	EXPECT_EQ(HugePageMappedLength(2 * mib), 2 * mib);
	EXPECT_EQ(HugePageMappedLength(5 * mib), 6 * mib);
	EXPECT_EQ(HugePageMappedLength(17 * mib + 5), 18 * mib);
	// 2.5 MiB in whole huge pages would waste 1.5 MiB: whole 4 KiB pages instead.
	EXPECT_EQ(HugePageMappedLength(2 * mib + mib / 2 + 1), 2 * mib + mib / 2 + 4096);
}

TEST(HugePageAllocator, FreedBlocksAreReusedWithinTheBound) {
	auto allocator = MakeHugePageAllocator(16 * mib);
	auto &state = StateOf(*allocator);
	auto first = allocator->AllocateData(10 * mib);
	allocator->FreeData(first, 10 * mib);
	EXPECT_EQ(state.PooledBytes(), 10 * mib);
	// 9 MiB is mapped as 10 MiB: the pooled block fits exactly.
	auto again = allocator->AllocateData(9 * mib);
	EXPECT_EQ(again, first);
	EXPECT_EQ(state.PooledBytes(), 0u);
	allocator->FreeData(again, 9 * mib);
	EXPECT_EQ(state.PooledBytes(), 10 * mib);
	// A far smaller request maps a new block rather than wasting the pooled one.
	auto small = allocator->AllocateData(3 * mib);
	EXPECT_NE(small, first);
	allocator->FreeData(small, 3 * mib);
	EXPECT_EQ(state.PooledBytes(), 13 * mib);
	// A slightly smaller request takes a pooled block and gives its unused tail back.
	auto smaller = allocator->AllocateData(2 * mib + mib / 2);
	EXPECT_EQ(smaller, small);
	EXPECT_EQ(state.PooledBytes(), 10 * mib);
	std::memset(smaller, 7, 2 * mib + mib / 2);
	allocator->FreeData(smaller, 2 * mib + mib / 2);
	EXPECT_EQ(state.PooledBytes(), 12 * mib + mib / 2);
	// Beyond the bound, freed blocks are unmapped, not pooled.
	auto big = allocator->AllocateData(12 * mib);
	allocator->FreeData(big, 12 * mib);
	EXPECT_EQ(state.PooledBytes(), 12 * mib + mib / 2);
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
	                        "range(1000000) t(i) ORDER BY s DESC)");
	ASSERT_FALSE(result->HasError()) << result->GetError();
	EXPECT_EQ(result->GetValue(0, 0).GetValue<int64_t>(), 1000000);
	EXPECT_EQ(result->GetValue(1, 0).GetValue<int64_t>(), 499999500000LL);
	// The sort's large blocks went through the huge-page path and came back to the pool.
	EXPECT_GT(StateOf(duckdb::Allocator::Get(*db.instance)).PooledBytes(), 0u);
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
		EXPECT_EQ(config.allocator != nullptr, HugePageMapping::KernelOffersHugePages());
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
