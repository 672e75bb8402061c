//===----------------------------------------------------------------------===//
// Calendar months as the TLC names its files (`2024-01`), and the `--months` argument:
// one month (`2024-03`), an inclusive range (`2024-01..2024-03`) or a comma list of either
// (`2023-12,2024-02..2024-03`). Parsing is pure; bad input comes back as an error string
// that names the input and the accepted forms.
//===----------------------------------------------------------------------===//

#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ducklake {

struct YearMonth {
	int32_t year = 0;
	//! 1..12
	int32_t month = 0;

	//! `2024-01`
	std::string ToString() const;
	//! `2024-01-01`, the first day as a DATE literal body
	std::string FirstDay() const;
	YearMonth Next() const;
	int32_t DaysInMonth() const;
	//! 0 = Sunday .. 6 = Saturday, for day 1..DaysInMonth()
	int32_t Weekday(int32_t day) const;

	bool operator==(const YearMonth &other) const {
		return year == other.year && month == other.month;
	}
	bool operator<(const YearMonth &other) const {
		return year != other.year ? year < other.year : month < other.month;
	}
};

//! The TLC publishes yellow-taxi files from 2009 on; a range may hold at most this many months.
constexpr int32_t month_year_min = 2009;
constexpr int32_t month_year_max = 2099;
constexpr size_t month_range_months_max = 1200;

struct MonthRangeParse {
	std::vector<YearMonth> months;
	//! empty on success
	std::string error;
};

//! Parses `YYYY-MM`, `YYYY-MM..YYYY-MM` or a comma list of them into sorted, distinct months.
MonthRangeParse ParseMonthRange(const std::string &text);

} // namespace ducklake
