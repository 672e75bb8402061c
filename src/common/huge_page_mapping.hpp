//===----------------------------------------------------------------------===//
// HugePageMapping: anonymous memory mapped on its own, starting on a 2 MiB boundary and advised
// for transparent huge pages (MADV_HUGEPAGE), so the kernel backs each whole 2 MiB of it with one
// huge page: one page fault per 2 MiB instead of 512. Worth it for buffers of megabytes that are
// filled once and reused; on a virtual machine a 4 KiB fault can cost 15-20 us.
//
// The advice is only advice: where the kernel has no transparent huge pages the memory is
// ordinary. Unmapped when the object goes.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>

namespace ducklake {

class HugePageMapping {
public:
	//! The alignment and the unit the kernel backs with one huge page.
	static constexpr uint64_t huge_page_bytes = 2ULL << 20;

	HugePageMapping() = default;
	//! Maps `length` bytes rounded up to whole 4 KiB pages; throws std::bad_alloc when the system
	//! has no memory to map.
	explicit HugePageMapping(uint64_t length);
	~HugePageMapping();
	HugePageMapping(HugePageMapping &&other) noexcept;
	HugePageMapping &operator=(HugePageMapping &&other) noexcept;
	HugePageMapping(const HugePageMapping &) = delete;
	HugePageMapping &operator=(const HugePageMapping &) = delete;

	uint8_t *Data() const {
		return data;
	}
	//! The mapped length (a multiple of 4 KiB).
	uint64_t Size() const {
		return size;
	}

	//! Gives up ownership: the caller unmaps [data, data + size) with `Unmap`.
	uint8_t *Release();
	//! Unmaps [data, data + length) of a released mapping (or a tail of it, from a 4 KiB boundary).
	static void Unmap(uint8_t *data, uint64_t length);
	//! `size` rounded up to whole 4 KiB pages.
	static uint64_t PageRounded(uint64_t size);
	//! Whether the kernel backs advised memory with transparent huge pages: its mode in
	//! /sys/kernel/mm/transparent_hugepage/enabled is "always" or "madvise", not "never".
	static bool KernelOffersHugePages();

private:
	uint8_t *data = nullptr;
	uint64_t size = 0;
};

} // namespace ducklake
