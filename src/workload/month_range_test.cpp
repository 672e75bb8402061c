#include "workload/month_range.hpp"

#include <gtest/gtest.h>

namespace ducklake {

static std::vector<std::string> Names(const MonthRangeParse &parse) {
	std::vector<std::string> names;
	for (auto &month : parse.months) {
		names.push_back(month.ToString());
	}
	return names;
}

TEST(MonthRange, SingleMonth) {
	auto parse = ParseMonthRange("2024-03");
	EXPECT_EQ(parse.error, "");
	EXPECT_EQ(Names(parse), std::vector<std::string>({"2024-03"}));
}

TEST(MonthRange, InclusiveRangeCrossesTheYear) {
	auto parse = ParseMonthRange("2023-11..2024-02");
	EXPECT_EQ(Names(parse), std::vector<std::string>({"2023-11", "2023-12", "2024-01", "2024-02"}));
}

TEST(MonthRange, CommaListIsSortedAndDeduplicated) {
	auto parse = ParseMonthRange("2024-03,2024-01..2024-03");
	EXPECT_EQ(Names(parse), std::vector<std::string>({"2024-01", "2024-02", "2024-03"}));
}

TEST(MonthRange, BadInputNamesTheInputAndTheAcceptedForms) {
	for (auto text : {"", "2024-13", "2024-1", "24-01", "2024-01..", "2024-03..2024-01", "2024-01,", "2008-12",
	                  "2024/01", "2024-0a"}) {
		auto parse = ParseMonthRange(text);
		EXPECT_TRUE(parse.months.empty()) << text;
		EXPECT_NE(parse.error.find("invalid --months \"" + std::string(text) + "\""), std::string::npos) << text;
		EXPECT_NE(parse.error.find("YYYY-MM..YYYY-MM"), std::string::npos) << text;
	}
}

TEST(MonthRange, RangeIsBounded) {
	// 1092 months fit the year bounds; repeating part of them passes the bound on the work done.
	EXPECT_EQ(ParseMonthRange("2009-01..2099-12").months.size(), 1092u);
	auto parse = ParseMonthRange("2009-01..2099-12,2009-01..2018-12");
	EXPECT_TRUE(parse.months.empty());
	EXPECT_NE(parse.error.find("more than 1200 months"), std::string::npos);
}

TEST(MonthRange, CalendarFacts) {
	EXPECT_EQ((YearMonth {2024, 2}).DaysInMonth(), 29);
	EXPECT_EQ((YearMonth {2023, 2}).DaysInMonth(), 28);
	EXPECT_EQ((YearMonth {2100 - 100, 2}).DaysInMonth(), 29);
	EXPECT_EQ((YearMonth {2024, 4}).DaysInMonth(), 30);
	// 2024-01-01 was a Monday, 2024-03-31 a Sunday.
	EXPECT_EQ((YearMonth {2024, 1}).Weekday(1), 1);
	EXPECT_EQ((YearMonth {2024, 3}).Weekday(31), 0);
	EXPECT_EQ((YearMonth {2024, 12}).Next().ToString(), "2025-01");
	EXPECT_EQ((YearMonth {2024, 7}).FirstDay(), "2024-07-01");
}

} // namespace ducklake
