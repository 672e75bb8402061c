// The three date spellings of S3.
#include "s3/http_date.hpp"

#include <gtest/gtest.h>

using namespace ducklake::s3;

TEST(HttpDate, AmzDateRoundTrip) {
	EXPECT_EQ(FormatAmzDate(1369353600), "20130524T000000Z");
	EXPECT_EQ(ParseAmzDate("20130524T000000Z").Value(), 1369353600);
	EXPECT_FALSE(ParseAmzDate("2013-05-24T00:00:00Z").Ok());
	EXPECT_FALSE(ParseAmzDate("20131324T000000Z").Ok());
}

TEST(HttpDate, HttpDateForms) {
	EXPECT_EQ(FormatHttpDate(1369353600), "Fri, 24 May 2013 00:00:00 GMT");
	EXPECT_EQ(ParseHttpDate("Fri, 24 May 2013 00:00:00 GMT").Value(), 1369353600);
	EXPECT_EQ(ParseHttpDate("Friday, 24-May-13 00:00:00 GMT").Value(), 1369353600);
	EXPECT_EQ(ParseHttpDate("Fri May 24 00:00:00 2013").Value(), 1369353600);
	EXPECT_FALSE(ParseHttpDate("yesterday").Ok());
	EXPECT_FALSE(ParseHttpDate("Fri, 24 Foo 2013 00:00:00 GMT").Ok());
}

TEST(HttpDate, Iso8601) {
	EXPECT_EQ(FormatIso8601(1369353600), "2013-05-24T00:00:00.000Z");
	EXPECT_EQ(ParseIso8601("2013-05-24T00:00:00.000Z").Value(), 1369353600);
	EXPECT_EQ(ParseIso8601("2013-05-24T00:00:00Z").Value(), 1369353600);
	EXPECT_FALSE(ParseIso8601("2013-05-24 00:00:00Z").Ok());
	EXPECT_FALSE(ParseIso8601("2013-05-24T00:00:00.Z").Ok());
}
