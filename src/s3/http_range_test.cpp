// The Range header as S3 interprets it.
#include "s3/http_range.hpp"

#include <gtest/gtest.h>

using namespace ducklake::s3;

TEST(HttpRange, ClosedRange) {
	auto range = ResolveRange("bytes=0-9", 100);
	EXPECT_EQ(range.kind, RangeKind::PARTIAL);
	EXPECT_EQ(range.start, 0u);
	EXPECT_EQ(range.length, 10u);
	EXPECT_EQ(ContentRangeValue(range, 100), "bytes 0-9/100");
}

TEST(HttpRange, OpenEndedAndSuffix) {
	auto open = ResolveRange("bytes=90-", 100);
	EXPECT_EQ(open.start, 90u);
	EXPECT_EQ(open.length, 10u);
	auto suffix = ResolveRange("bytes=-5", 100);
	EXPECT_EQ(suffix.start, 95u);
	EXPECT_EQ(suffix.length, 5u);
	auto long_suffix = ResolveRange("bytes=-500", 100);
	EXPECT_EQ(long_suffix.kind, RangeKind::PARTIAL);
	EXPECT_EQ(long_suffix.start, 0u);
	EXPECT_EQ(long_suffix.length, 100u);
}

TEST(HttpRange, EndPastObjectIsClamped) {
	auto range = ResolveRange("bytes=50-1000", 100);
	EXPECT_EQ(range.kind, RangeKind::PARTIAL);
	EXPECT_EQ(range.length, 50u);
	EXPECT_EQ(ContentRangeValue(range, 100), "bytes 50-99/100");
}

TEST(HttpRange, RangeBeyondEndIs416) {
	EXPECT_EQ(ResolveRange("bytes=100-", 100).kind, RangeKind::UNSATISFIABLE);
	EXPECT_EQ(ResolveRange("bytes=100-200", 100).kind, RangeKind::UNSATISFIABLE);
	EXPECT_EQ(ResolveRange("bytes=-0", 100).kind, RangeKind::UNSATISFIABLE);
	EXPECT_EQ(ResolveRange("bytes=0-", 0).kind, RangeKind::UNSATISFIABLE);
	EXPECT_EQ(ContentRangeValue(ResolveRange("bytes=100-", 100), 100), "bytes */100");
}

TEST(HttpRange, MalformedOrMultipleRangesServeWholeObject) {
	for (auto header : {"", "bytes=", "bytes=a-b", "bytes=5-2", "items=0-1", "bytes=0-1,5-6", "bytes=1",
	                    "bytes=99999999999999999999-"}) {
		EXPECT_EQ(ResolveRange(header, 100).kind, RangeKind::WHOLE) << header;
	}
}

TEST(HttpRange, LastByte) {
	auto range = ResolveRange("bytes=99-99", 100);
	EXPECT_EQ(range.kind, RangeKind::PARTIAL);
	EXPECT_EQ(range.length, 1u);
	EXPECT_EQ(FormatRangeHeader(99, 1), "bytes=99-99");
}
