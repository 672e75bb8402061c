#include "extension/huge_page_allocator.hpp"

#include "common/huge_page_mapping.hpp"

#include "duckdb/main/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>

namespace ducklake {

namespace {

//! What the pool keeps for reuse: enough for the decompression and read buffers of a scan.
constexpr uint64_t default_pool_bytes_max = 64ULL << 20;

HugePageAllocatorState &StateOf(duckdb::PrivateAllocatorData *private_data) {
	return static_cast<HugePageAllocatorState &>(*private_data);
}

duckdb::data_ptr_t AllocateBlock(duckdb::PrivateAllocatorData *private_data, duckdb::idx_t size) {
	if (size < HugePageAllocatorState::huge_block_bytes) {
		return duckdb::Allocator::DefaultAllocate(private_data, size);
	}
	return StateOf(private_data).Acquire(HugePageMappedLength(size));
}

void FreeBlock(duckdb::PrivateAllocatorData *private_data, duckdb::data_ptr_t pointer, duckdb::idx_t size) {
	if (size < HugePageAllocatorState::huge_block_bytes) {
		duckdb::Allocator::DefaultFree(private_data, pointer, size);
		return;
	}
	StateOf(private_data).Release(pointer, HugePageMappedLength(size));
}

duckdb::data_ptr_t ReallocateBlock(duckdb::PrivateAllocatorData *private_data, duckdb::data_ptr_t pointer,
                                   duckdb::idx_t old_size, duckdb::idx_t size) {
	auto huge = HugePageAllocatorState::huge_block_bytes;
	if (old_size < huge && size < huge) {
		return duckdb::Allocator::DefaultReallocate(private_data, pointer, old_size, size);
	}
	if (old_size >= huge && size >= huge && HugePageMappedLength(old_size) == HugePageMappedLength(size)) {
		return pointer;
	}
	auto fresh = AllocateBlock(private_data, size);
	std::memcpy(fresh, pointer, std::min(old_size, size));
	FreeBlock(private_data, pointer, old_size);
	return fresh;
}

} // namespace

uint64_t HugePageMappedLength(uint64_t size) {
	// A block's last partial 2 MiB would be backed by 4 KiB pages, one fault each: up to 511 for a
	// block that is written whole (a cached row group of 5 MiB pays 256). Rounding up to whole huge
	// pages spares them at the cost of memory the block does not use, so round where that costs at
	// most a quarter of the block, about what jemalloc's size classes waste.
	auto huge = HugePageAllocatorState::huge_block_bytes;
	auto whole_huge_pages = (size + huge - 1) / huge * huge;
	if (whole_huge_pages - size <= size / 4) {
		return whole_huge_pages;
	}
	return HugePageMapping::PageRounded(size);
}

HugePageAllocatorState::HugePageAllocatorState(uint64_t pool_bytes_max_p) : pool_bytes_max(pool_bytes_max_p) {
}

HugePageAllocatorState::~HugePageAllocatorState() {
	for (auto &entry : pool) {
		HugePageMapping::Unmap(entry.second, entry.first);
	}
}

uint8_t *HugePageAllocatorState::Acquire(uint64_t length) {
	{
		std::lock_guard<std::mutex> guard(lock);
		auto fit = pool.lower_bound(length);
		if (fit != pool.end() && fit->first <= length + length / 4) {
			auto block = fit->second;
			auto pooled_length = fit->first;
			pool.erase(fit);
			pooled_bytes -= pooled_length;
			if (pooled_length > length) {
				// The caller frees the block with the size it asked for: give back the rest now.
				HugePageMapping::Unmap(block + length, pooled_length - length);
			}
			return block;
		}
	}
	return HugePageMapping(length).Release();
}

void HugePageAllocatorState::Release(uint8_t *block, uint64_t length) {
	{
		std::lock_guard<std::mutex> guard(lock);
		if (pooled_bytes + length <= pool_bytes_max) {
			pool.emplace(length, block);
			pooled_bytes += length;
			return;
		}
	}
	HugePageMapping::Unmap(block, length);
}

uint64_t HugePageAllocatorState::PooledBytes() {
	std::lock_guard<std::mutex> guard(lock);
	return pooled_bytes;
}

duckdb::unique_ptr<duckdb::Allocator> MakeHugePageAllocator(uint64_t pool_bytes_max) {
	return duckdb::make_uniq<duckdb::Allocator>(AllocateBlock, FreeBlock, ReallocateBlock,
	                                            duckdb::make_uniq<HugePageAllocatorState>(pool_bytes_max));
}

void UseHugePageAllocator(duckdb::DBConfig &config) {
	if (config.allocator) {
		return;
	}
	auto choice = std::getenv("DUCKLAKE_HUGE_PAGES");
	if (choice && *choice) {
		std::string value(choice);
		if (value == "off" || value == "0" || value == "false") {
			return;
		}
		if (value != "on" && value != "1" && value != "true") {
			throw std::invalid_argument("DUCKLAKE_HUGE_PAGES is '" + value +
			                            "'; allowed are on (the default: large blocks on transparent huge pages when "
			                            "the kernel offers them) or off (DuckDB's own allocator)");
		}
	}
	if (!HugePageMapping::KernelOffersHugePages()) {
		return;
	}
	config.allocator = MakeHugePageAllocator(default_pool_bytes_max);
}

} // namespace ducklake
