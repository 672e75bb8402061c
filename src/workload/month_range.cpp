#include "workload/month_range.hpp"

#include <algorithm>
#include <cctype>

namespace ducklake {

static std::string TwoDigits(int32_t value) {
	return (value < 10 ? "0" : "") + std::to_string(value);
}

std::string YearMonth::ToString() const {
	return std::to_string(year) + "-" + TwoDigits(month);
}

std::string YearMonth::FirstDay() const {
	return ToString() + "-01";
}

YearMonth YearMonth::Next() const {
	return month == 12 ? YearMonth {year + 1, 1} : YearMonth {year, month + 1};
}

int32_t YearMonth::DaysInMonth() const {
	static const int32_t days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

int32_t YearMonth::Weekday(int32_t day) const {
	// Sakamoto's method for the Gregorian calendar.
	static const int32_t offsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	int32_t y = month < 3 ? year - 1 : year;
	return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7;
}

static bool ParseOne(const std::string &text, YearMonth &result) {
	if (text.size() != 7 || text[4] != '-') {
		return false;
	}
	for (size_t char_idx = 0; char_idx < text.size(); char_idx++) {
		if (char_idx != 4 && !std::isdigit(static_cast<unsigned char>(text[char_idx]))) {
			return false;
		}
	}
	result.year = std::stoi(text.substr(0, 4));
	result.month = std::stoi(text.substr(5, 2));
	return result.month >= 1 && result.month <= 12 && result.year >= month_year_min && result.year <= month_year_max;
}

MonthRangeParse ParseMonthRange(const std::string &text) {
	MonthRangeParse result;
	auto fail = [&](const std::string &why) {
		result.months.clear();
		result.error = "invalid --months \"" + text + "\": " + why +
		               "; expected YYYY-MM, YYYY-MM..YYYY-MM or a comma list of those (years " +
		               std::to_string(month_year_min) + "-" + std::to_string(month_year_max) + ")";
		return result;
	};
	if (text.empty()) {
		return fail("empty");
	}
	size_t start = 0;
	while (start <= text.size()) {
		auto comma = text.find(',', start);
		auto item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
		auto dots = item.find("..");
		YearMonth first, last;
		if (dots == std::string::npos) {
			if (!ParseOne(item, first)) {
				return fail("\"" + item + "\" is not a month");
			}
			last = first;
		} else if (!ParseOne(item.substr(0, dots), first) || !ParseOne(item.substr(dots + 2), last)) {
			return fail("\"" + item + "\" is not a month range");
		} else if (last < first) {
			return fail("\"" + item + "\" ends before it starts");
		}
		for (auto month = first; !(last < month); month = month.Next()) {
			if (result.months.size() >= month_range_months_max) {
				return fail("more than " + std::to_string(month_range_months_max) + " months");
			}
			result.months.push_back(month);
		}
		if (comma == std::string::npos) {
			break;
		}
		start = comma + 1;
	}
	std::sort(result.months.begin(), result.months.end());
	result.months.erase(std::unique(result.months.begin(), result.months.end()), result.months.end());
	return result;
}

} // namespace ducklake
