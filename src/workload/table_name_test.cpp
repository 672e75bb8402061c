#include "workload/table_name.hpp"

#include <gtest/gtest.h>

namespace ducklake {

TEST(TableName, BareNameHasNoQualifier) {
	auto name = ParseTableName("trips");
	EXPECT_EQ(name.error, "");
	EXPECT_EQ(name.Quoted(), "\"trips\"");
	EXPECT_EQ(name.QuotedSibling("_loads"), "\"trips_loads\"");
}

TEST(TableName, QualifiedNamesKeepEveryPart) {
	EXPECT_EQ(ParseTableName("lake.trips").Quoted(), "\"lake\".\"trips\"");
	EXPECT_EQ(ParseTableName("lake.main.trips").QuotedSibling("_loads"), "\"lake\".\"main\".\"trips_loads\"");
}

TEST(TableName, RejectsAnythingButPlainIdentifiers) {
	for (auto text : {"", ".", "lake.", ".trips", "a.b.c.d", "trips;drop", "tr\"ips", "1trips", "my trips"}) {
		auto name = ParseTableName(text);
		EXPECT_TRUE(name.parts.empty()) << text;
		EXPECT_NE(name.error.find("invalid table name \"" + std::string(text) + "\""), std::string::npos) << text;
	}
	EXPECT_NE(ParseTableName(std::string(64, 'a')).error, "");
	EXPECT_EQ(ParseTableName(std::string(63, 'a')).error, "");
}

} // namespace ducklake
