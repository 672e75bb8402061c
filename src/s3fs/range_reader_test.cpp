#include "s3fs/range_reader.hpp"

#include "duckdb/common/exception.hpp"

#include <atomic>
#include <thread>
#include <gtest/gtest.h>

namespace ducklake {

namespace {

struct FakeObject {
	explicit FakeObject(size_t size) : data(size, '\0') {
		for (size_t byte_idx = 0; byte_idx < size; byte_idx++) {
			data[byte_idx] = static_cast<char>(byte_idx % 253);
		}
	}
	RangeReader::RangeFetch Fetch() {
		return [this](uint64_t offset, uint64_t length, char *out) {
			fetches++;
			fetched_bytes += length;
			if (fail_at_offset >= 0 && static_cast<uint64_t>(fail_at_offset) >= offset &&
			    static_cast<uint64_t>(fail_at_offset) < offset + length) {
				throw duckdb::IOException("injected failure");
			}
			memcpy(out, data.data() + offset, length);
		};
	}
	std::string data;
	std::atomic<uint64_t> fetches {0};
	std::atomic<uint64_t> fetched_bytes {0};
	int64_t fail_at_offset = -1;
};

RangeReadTuning SmallTuning() {
	RangeReadTuning tuning;
	tuning.read_ahead_bytes = 1000;
	tuning.range_size_bytes = 4000;
	tuning.parallel_read_bytes_min = 3000;
	tuning.ranges_in_flight_max = 3;
	return tuning;
}

} // namespace

TEST(RangeReader, SplitCoversTheRangeExactlyWithALastShortPart) {
	auto ranges = SplitIntoRanges(10, 25, 10);
	ASSERT_EQ(ranges.size(), 3u);
	EXPECT_EQ(ranges[0].offset, 10u);
	EXPECT_EQ(ranges[2].offset, 30u);
	EXPECT_EQ(ranges[2].length, 5u);
	EXPECT_TRUE(SplitIntoRanges(0, 0, 10).empty());
	EXPECT_EQ(SplitIntoRanges(0, 10, 10).size(), 1u);
	EXPECT_EQ(SplitIntoRanges(0, 11, 10).size(), 2u);
}

TEST(RangeReader, SmallSequentialReadsShareOneReadAheadRequest) {
	FakeObject object(100000);
	RangeReader reader(object.data.size(), SmallTuning(), object.Fetch());
	char buffer[100];
	for (uint64_t offset = 0; offset < 1000; offset += 100) {
		reader.Read(buffer, 100, offset);
		ASSERT_EQ(std::string(buffer, 100), object.data.substr(offset, 100));
	}
	EXPECT_EQ(object.fetches.load(), 1u);
	reader.Read(buffer, 100, 1000);
	EXPECT_EQ(object.fetches.load(), 2u);
}

TEST(RangeReader, LargeReadIsFetchedInParallelPartsStraightIntoTheBuffer) {
	FakeObject object(100000);
	RangeReader reader(object.data.size(), SmallTuning(), object.Fetch());
	std::string buffer(30000, '\0');
	reader.Read(&buffer[0], buffer.size(), 12345);
	EXPECT_EQ(buffer, object.data.substr(12345, 30000));
	EXPECT_EQ(object.fetches.load(), 8u); // ceil(30000 / 4000)
	EXPECT_EQ(object.fetched_bytes.load(), 30000u);
}

TEST(RangeReader, SequentialLargeReadsAreServedByTheBackgroundPrefetch) {
	FakeObject object(100000);
	auto tuning = SmallTuning();
	tuning.sequential_prefetch_bytes_max = 20000;
	RangeReader reader(object.data.size(), tuning, object.Fetch());
	std::string buffer(10000, '\0');
	for (uint64_t offset = 0; offset + buffer.size() <= object.data.size(); offset += buffer.size()) {
		reader.Read(&buffer[0], buffer.size(), offset);
		ASSERT_EQ(buffer, object.data.substr(offset, buffer.size())) << offset;
	}
	EXPECT_EQ(reader.PrefetchHits(), 9u);
	// Every byte fetched once: the first read directly, the rest by prefetches.
	EXPECT_EQ(object.fetched_bytes.load(), 100000u);
}

TEST(RangeReader, PrefetchKeepsTwoRangesAheadForReadersTakingTurns) {
	// Two scanning threads take row groups in turn, so a read may come before the one preceding it.
	FakeObject object(100000);
	auto tuning = SmallTuning();
	tuning.sequential_prefetch_bytes_max = 20000;
	RangeReader reader(object.data.size(), tuning, object.Fetch());
	std::string buffer(10000, '\0');
	reader.Read(&buffer[0], buffer.size(), 0);     // starts the scan: two ranges are fetched after it
	reader.Read(&buffer[0], buffer.size(), 20000); // the second thread's row group, first
	EXPECT_EQ(buffer, object.data.substr(20000, 10000));
	reader.Read(&buffer[0], buffer.size(), 10000);
	EXPECT_EQ(buffer, object.data.substr(10000, 10000));
	for (uint64_t offset = 30000; offset < 100000; offset += 10000) {
		reader.Read(&buffer[0], buffer.size(), offset);
		ASSERT_EQ(buffer, object.data.substr(offset, 10000)) << offset;
	}
	EXPECT_EQ(reader.PrefetchHits(), 9u);
	// Nothing was fetched twice: the prefetched ranges start where the held ones end.
	EXPECT_EQ(object.fetched_bytes.load(), object.data.size());
}

TEST(RangeReader, ThreadsSharingOneReaderWithPrefetchReadTheRightBytes) {
	FakeObject object(400000);
	auto tuning = SmallTuning();
	tuning.sequential_prefetch_bytes_max = 20000;
	RangeReader reader(object.data.size(), tuning, object.Fetch());
	const uint64_t chunk = 7000;
	const uint64_t chunks = object.data.size() / chunk;
	std::atomic<uint64_t> next_chunk {0};
	std::atomic<uint64_t> wrong {0};
	auto scan = [&]() {
		std::string buffer(chunk, '\0');
		for (auto chunk_idx = next_chunk++; chunk_idx < chunks; chunk_idx = next_chunk++) {
			reader.Read(&buffer[0], chunk, chunk_idx * chunk);
			if (buffer != object.data.substr(chunk_idx * chunk, chunk)) {
				wrong++;
			}
		}
	};
	std::thread first(scan);
	std::thread second(scan);
	first.join();
	second.join();
	EXPECT_EQ(wrong.load(), 0u);
	EXPECT_GT(reader.PrefetchHits(), 0u);
	// Races may fetch a range both ahead and on demand, but never much more than the object.
	EXPECT_LE(object.fetched_bytes.load(), 2 * object.data.size());
}

TEST(RangeReader, FailedPrefetchIsFetchedAgainOnDemand) {
	FakeObject object(100000);
	auto tuning = SmallTuning();
	tuning.sequential_prefetch_bytes_max = 20000;
	RangeReader reader(object.data.size(), tuning, object.Fetch());
	std::string buffer(10000, '\0');
	object.fail_at_offset = 15000; // the prefetch after the first read fails, and so does the retry
	reader.Read(&buffer[0], buffer.size(), 0);
	EXPECT_THROW(reader.Read(&buffer[0], buffer.size(), 10000), duckdb::IOException);
	object.fail_at_offset = -1;
	reader.Read(&buffer[0], buffer.size(), 10000);
	EXPECT_EQ(buffer, object.data.substr(10000, 10000));
}

TEST(RangeReader, ReadAheadStopsAtTheEndOfTheObject) {
	FakeObject object(1500);
	RangeReader reader(object.data.size(), SmallTuning(), object.Fetch());
	char buffer[10];
	reader.Read(buffer, 10, 1490);
	EXPECT_EQ(std::string(buffer, 10), object.data.substr(1490, 10));
	EXPECT_EQ(object.fetched_bytes.load(), 10u);
}

TEST(RangeReader, ReadPastTheEndIsAnErrorNamingTheSize) {
	FakeObject object(1500);
	RangeReader reader(object.data.size(), SmallTuning(), object.Fetch());
	char buffer[10];
	try {
		reader.Read(buffer, 10, 1495);
		FAIL() << "expected an error";
	} catch (duckdb::IOException &error) {
		EXPECT_NE(std::string(error.what()).find("passes the end of the object (1500 bytes)"), std::string::npos);
	}
	EXPECT_EQ(object.fetches.load(), 0u);
}

TEST(RangeReader, AFailedPartFailsTheWholeRead) {
	FakeObject object(100000);
	object.fail_at_offset = 20000;
	RangeReader reader(object.data.size(), SmallTuning(), object.Fetch());
	std::string buffer(40000, '\0');
	EXPECT_THROW(reader.Read(&buffer[0], buffer.size(), 0), duckdb::IOException);
}

TEST(RangeReader, ZeroLengthReadFetchesNothing) {
	FakeObject object(10);
	RangeReader reader(object.data.size(), SmallTuning(), object.Fetch());
	reader.Read(nullptr, 0, 10);
	EXPECT_EQ(object.fetches.load(), 0u);
}

} // namespace ducklake
