#include "s3fs/range_reader_registry.hpp"

#include <gtest/gtest.h>

namespace ducklake {

namespace {

std::function<std::shared_ptr<RangeReader>()> Creator(int &created) {
	return [&created]() {
		created++;
		return std::make_shared<RangeReader>(100, RangeReadTuning(), [](uint64_t, uint64_t, char *) {});
	};
}

} // namespace

TEST(RangeReaderRegistry, HandlesOpenAtOnceShareOneReaderPerKey) {
	RangeReaderRegistry registry;
	int created = 0;
	auto first = registry.GetOrCreate("s3://b/k\netag-1", Creator(created));
	auto second = registry.GetOrCreate("s3://b/k\netag-1", Creator(created));
	EXPECT_EQ(first.get(), second.get());
	// Another version of the object (or other credentials) gets its own reader.
	auto other = registry.GetOrCreate("s3://b/k\netag-2", Creator(created));
	EXPECT_NE(first.get(), other.get());
	EXPECT_EQ(created, 2);
	EXPECT_EQ(registry.LiveCount(), 2u);
}

TEST(RangeReaderRegistry, ReaderEndsWithItsLastHandleAndIsNotReused) {
	RangeReaderRegistry registry;
	int created = 0;
	auto first = registry.GetOrCreate("key", Creator(created));
	first.reset();
	EXPECT_EQ(registry.LiveCount(), 0u);
	auto again = registry.GetOrCreate("key", Creator(created));
	EXPECT_EQ(created, 2);
	// Expired entries are swept when another reader is added: the map does not grow with them.
	for (int key_idx = 0; key_idx < 100; key_idx++) {
		registry.GetOrCreate("other-" + std::to_string(key_idx), Creator(created));
	}
	EXPECT_EQ(registry.LiveCount(), 1u);
	EXPECT_EQ(registry.EntryCount(), 2u); // "key" and the last one added, expired since
}

} // namespace ducklake
