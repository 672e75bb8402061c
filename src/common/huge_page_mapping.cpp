#include "common/huge_page_mapping.hpp"

#include <fstream>
#include <new>
#include <string>
#include <sys/mman.h>
#include <utility>

namespace ducklake {

namespace {
constexpr uint64_t small_page_bytes = 4096;
} // namespace

uint64_t HugePageMapping::PageRounded(uint64_t size) {
	return (size + small_page_bytes - 1) / small_page_bytes * small_page_bytes;
}

bool HugePageMapping::KernelOffersHugePages() {
	std::ifstream setting("/sys/kernel/mm/transparent_hugepage/enabled");
	std::string modes;
	if (!std::getline(setting, modes)) {
		return false;
	}
	// The active mode is bracketed: "always [madvise] never".
	return modes.find("[always]") != std::string::npos || modes.find("[madvise]") != std::string::npos;
}

HugePageMapping::HugePageMapping(uint64_t length) : size(PageRounded(length)) {
	if (size == 0) {
		return;
	}
	// Map one huge page more than needed, then cut the mapping down to start on a 2 MiB boundary:
	// the kernel uses a huge page only for a whole, aligned 2 MiB range inside a mapping.
	auto reserved = size + huge_page_bytes;
	void *mapping = mmap(nullptr, reserved, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mapping == MAP_FAILED) {
		throw std::bad_alloc();
	}
	auto start = reinterpret_cast<uintptr_t>(mapping);
	auto aligned = (start + huge_page_bytes - 1) / huge_page_bytes * huge_page_bytes;
	if (aligned > start) {
		munmap(mapping, aligned - start);
	}
	auto tail = start + reserved - (aligned + size);
	if (tail > 0) {
		munmap(reinterpret_cast<void *>(aligned + size), tail);
	}
	madvise(reinterpret_cast<void *>(aligned), size, MADV_HUGEPAGE);
	data = reinterpret_cast<uint8_t *>(aligned);
}

HugePageMapping::~HugePageMapping() {
	if (data) {
		Unmap(data, size);
	}
}

HugePageMapping::HugePageMapping(HugePageMapping &&other) noexcept
    : data(std::exchange(other.data, nullptr)), size(std::exchange(other.size, 0)) {
}

HugePageMapping &HugePageMapping::operator=(HugePageMapping &&other) noexcept {
	if (this != &other) {
		if (data) {
			Unmap(data, size);
		}
		data = std::exchange(other.data, nullptr);
		size = std::exchange(other.size, 0);
	}
	return *this;
}

uint8_t *HugePageMapping::Release() {
	size = 0;
	return std::exchange(data, nullptr);
}

void HugePageMapping::Unmap(uint8_t *data, uint64_t length) {
	munmap(data, length);
}

} // namespace ducklake
