//===----------------------------------------------------------------------===//
// HugePageAllocator: the allocator our binaries hand DuckDB (DBConfig::allocator).
//
// Why: DuckDB keeps every byte it reads from a remote file in new memory (its external file
// cache), and its Parquet reader decompresses into buffers of megabytes. DuckDB's bundled jemalloc
// is built without transparent huge page support, so all of that memory is touched one 4 KiB page
// at a time; on a virtual machine a page fault can cost 15-20 us, which made the first scan of a
// lake on s3:// take more than twice its time on local disk (docs/s3fs.md).
//
// What: blocks of at least 2 MiB are mapped on their own, starting on a 2 MiB boundary and
// advised MADV_HUGEPAGE, so the kernel backs them with huge pages (one fault per 2 MiB). Freed
// blocks go to a bounded pool and are handed out again, so a query that allocates and frees
// buffers of similar sizes (decompression, row-group reads) touches fresh memory once. Smaller
// blocks go to DuckDB's default allocator unchanged.
//
// Use it where a database is constructed, before DuckDB sees the config:
//
//     duckdb::DBConfig config;
//     ducklake::UseHugePageAllocator(config);
//     duckdb::DuckDB db(path, &config);
//
// It is skipped when the kernel's transparent huge pages are "never" and when the environment
// sets DUCKLAKE_HUGE_PAGES=off (then DuckDB's default allocator is used).
//===----------------------------------------------------------------------===//
#pragma once

#include "common/huge_page_mapping.hpp"
#include "duckdb/common/allocator.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace duckdb {
class DBConfig;
} // namespace duckdb

namespace ducklake {

//! The allocator's state: the pool of freed large blocks, keyed by their mapped length.
class HugePageAllocatorState : public duckdb::PrivateAllocatorData {
public:
	explicit HugePageAllocatorState(uint64_t pool_bytes_max);
	~HugePageAllocatorState() override;

	//! Blocks of at least this many bytes are mapped on their own (one huge page).
	static constexpr uint64_t huge_block_bytes = HugePageMapping::huge_page_bytes;

	//! A mapped block of at least `length` bytes (a multiple of the page size): from the pool if
	//! one fits without wasting more than a quarter, else a new mapping.
	uint8_t *Acquire(uint64_t length);
	//! Give a block back: into the pool while it holds less than its bound, else unmapped.
	void Release(uint8_t *block, uint64_t length);

	uint64_t PooledBytes();

private:
	const uint64_t pool_bytes_max;
	std::mutex lock;
	std::multimap<uint64_t, uint8_t *> pool;
	uint64_t pooled_bytes = 0;
};

//! The length a block of `size` bytes is mapped with: whole 2 MiB huge pages where that adds at
//! most a quarter of `size`, else whole 4 KiB pages.
uint64_t HugePageMappedLength(uint64_t size);

//! A DuckDB Allocator with huge-page backed large blocks (see above); pool_bytes_max bounds the
//! memory kept for reuse.
duckdb::unique_ptr<duckdb::Allocator> MakeHugePageAllocator(uint64_t pool_bytes_max);

//! Install the allocator into `config` unless transparent huge pages are unavailable or
//! DUCKLAKE_HUGE_PAGES is "off" (or "0", "false"); keeps a config that already has an allocator.
//! Throws std::invalid_argument naming the variable when it holds anything but on/off/1/0/true/false.
void UseHugePageAllocator(duckdb::DBConfig &config);

} // namespace ducklake
