#include "common/huge_page_mapping.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <sys/mman.h>
#include <utility>

namespace ducklake {
namespace {

constexpr uint64_t mib = 1ULL << 20;

//! The kernel's own count of huge-page-backed anonymous memory in this process's mapping at
//! `address` (smaps "AnonHugePages"), in KiB; -1 when smaps cannot be read.
long AnonHugePagesKiBAt(const void *address) {
	std::ifstream smaps("/proc/self/smaps");
	std::string line;
	auto target = reinterpret_cast<uintptr_t>(address);
	bool inside = false;
	while (std::getline(smaps, line)) {
		uintptr_t low = 0, high = 0;
		if (sscanf(line.c_str(), "%lx-%lx ", &low, &high) == 2 && line.find(':') > line.find(' ')) {
			inside = target >= low && target < high;
			continue;
		}
		if (inside && line.rfind("AnonHugePages:", 0) == 0) {
			return std::stol(line.substr(std::strlen("AnonHugePages:")));
		}
	}
	return -1;
}

TEST(HugePageMapping, StartsOnAHugePageBoundaryAndRoundsToPages) {
	HugePageMapping mapping(5 * mib + 1);
	ASSERT_NE(mapping.Data(), nullptr);
	EXPECT_EQ(reinterpret_cast<uintptr_t>(mapping.Data()) % HugePageMapping::huge_page_bytes, 0u);
	EXPECT_EQ(mapping.Size(), 5 * mib + 4096);
	std::memset(mapping.Data(), 0x33, mapping.Size());
	EXPECT_EQ(mapping.Data()[mapping.Size() - 1], 0x33);
}

TEST(HugePageMapping, IsBackedByHugePagesWhereTheKernelOffersThem) {
	if (!HugePageMapping::KernelOffersHugePages()) {
		GTEST_SKIP() << "transparent huge pages are off in this kernel (/sys/kernel/mm/transparent_hugepage/enabled)";
	}
	HugePageMapping mapping(8 * mib);
	std::memset(mapping.Data(), 1, mapping.Size());
	auto huge_kib = AnonHugePagesKiBAt(mapping.Data());
	ASSERT_GE(huge_kib, 0) << "no smaps entry for the mapping";
	// The kernel may be short of free huge pages; most of the memory must still be huge-backed.
	EXPECT_GE(huge_kib, 4 * 1024) << "only " << huge_kib << " KiB of 8 MiB on huge pages";
}

TEST(HugePageMapping, MovesOwnershipAndReleases) {
	HugePageMapping first(3 * mib);
	auto data = first.Data();
	HugePageMapping second(std::move(first));
	EXPECT_EQ(first.Data(), nullptr);
	EXPECT_EQ(second.Data(), data);
	auto released = second.Release();
	EXPECT_EQ(released, data);
	EXPECT_EQ(second.Data(), nullptr);
	HugePageMapping::Unmap(released, HugePageMapping::PageRounded(3 * mib));
	HugePageMapping empty(0);
	EXPECT_EQ(empty.Data(), nullptr);
}

} // namespace
} // namespace ducklake
