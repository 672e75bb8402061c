#include "s3/http_date.hpp"

#include <cstdio>
#include <cstring>
#include <ctime>

namespace ducklake {
namespace s3 {

static const char *DAY_NAMES[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *MONTH_NAMES[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static std::tm ToUtc(int64_t epoch_seconds) {
	std::time_t time = static_cast<std::time_t>(epoch_seconds);
	std::tm utc {};
	gmtime_r(&time, &utc);
	return utc;
}

static Result<int64_t> FromFields(int year, int month, int day, int hour, int minute, int second, std::string_view text,
                                  const char *expected) {
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
	    second < 0 || second > 60 || year < 1970 || year > 9999) {
		return Result<int64_t>::Failure("date '" + std::string(text) + "' has a field out of range; expected " +
		                                expected);
	}
	std::tm fields {};
	fields.tm_year = year - 1900;
	fields.tm_mon = month - 1;
	fields.tm_mday = day;
	fields.tm_hour = hour;
	fields.tm_min = minute;
	fields.tm_sec = second;
	return Result<int64_t>::Success(static_cast<int64_t>(timegm(&fields)));
}

static bool AllDigits(std::string_view text, size_t start, size_t count) {
	if (start + count > text.size()) {
		return false;
	}
	for (size_t char_idx = start; char_idx < start + count; char_idx++) {
		if (text[char_idx] < '0' || text[char_idx] > '9') {
			return false;
		}
	}
	return true;
}

static int Digits(std::string_view text, size_t start, size_t count) {
	int value = 0;
	for (size_t char_idx = start; char_idx < start + count; char_idx++) {
		value = value * 10 + (text[char_idx] - '0');
	}
	return value;
}

std::string FormatAmzDate(int64_t epoch_seconds) {
	std::tm utc = ToUtc(epoch_seconds);
	char buffer[64];
	std::snprintf(buffer, sizeof(buffer), "%04d%02d%02dT%02d%02d%02dZ", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
	              utc.tm_hour, utc.tm_min, utc.tm_sec);
	return buffer;
}

Result<int64_t> ParseAmzDate(std::string_view text) {
	static const char *EXPECTED = "the form YYYYMMDDTHHMMSSZ, e.g. 20130524T000000Z";
	if (text.size() != 16 || !AllDigits(text, 0, 8) || text[8] != 'T' || !AllDigits(text, 9, 6) || text[15] != 'Z') {
		return Result<int64_t>::Failure("date '" + std::string(text) + "' is malformed; expected " + EXPECTED);
	}
	return FromFields(Digits(text, 0, 4), Digits(text, 4, 2), Digits(text, 6, 2), Digits(text, 9, 2),
	                  Digits(text, 11, 2), Digits(text, 13, 2), text, EXPECTED);
}

std::string AmzDateDay(std::string_view amz_date) {
	return std::string(amz_date.substr(0, 8));
}

std::string FormatHttpDate(int64_t epoch_seconds) {
	std::tm utc = ToUtc(epoch_seconds);
	char buffer[64];
	std::snprintf(buffer, sizeof(buffer), "%s, %02d %s %04d %02d:%02d:%02d GMT", DAY_NAMES[utc.tm_wday], utc.tm_mday,
	              MONTH_NAMES[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
	return buffer;
}

static int MonthIndex(std::string_view name) {
	for (int month_idx = 0; month_idx < 12; month_idx++) {
		if (name == MONTH_NAMES[month_idx]) {
			return month_idx + 1;
		}
	}
	return -1;
}

Result<int64_t> ParseHttpDate(std::string_view text) {
	static const char *EXPECTED = "an HTTP date such as 'Fri, 24 May 2013 00:00:00 GMT'";
	std::string input(text.substr(0, 64));
	char day_name[16] = {0};
	char month_name[8] = {0};
	int day = 0, year = 0, hour = 0, minute = 0, second = 0;
	int consumed = 0;
	// IMF-fixdate: Fri, 24 May 2013 00:00:00 GMT
	if (std::sscanf(input.c_str(), "%3s, %2d %3s %4d %2d:%2d:%2d GMT%n", day_name, &day, month_name, &year, &hour,
	                &minute, &second, &consumed) == 7 &&
	    consumed == static_cast<int>(input.size())) {
		return FromFields(year, MonthIndex(month_name), day, hour, minute, second, text, EXPECTED);
	}
	// RFC 850: Friday, 24-May-13 00:00:00 GMT
	consumed = 0;
	if (std::sscanf(input.c_str(), "%15[A-Za-z], %2d-%3s-%2d %2d:%2d:%2d GMT%n", day_name, &day, month_name, &year,
	                &hour, &minute, &second, &consumed) == 7 &&
	    consumed == static_cast<int>(input.size())) {
		month_name[3] = 0;
		return FromFields(year + (year < 70 ? 2000 : 1900), MonthIndex(month_name), day, hour, minute, second, text,
		                  EXPECTED);
	}
	// asctime: Fri May 24 00:00:00 2013
	consumed = 0;
	if (std::sscanf(input.c_str(), "%3s %3s %2d %2d:%2d:%2d %4d%n", day_name, month_name, &day, &hour, &minute, &second,
	                &year, &consumed) == 7 &&
	    consumed == static_cast<int>(input.size())) {
		return FromFields(year, MonthIndex(month_name), day, hour, minute, second, text, EXPECTED);
	}
	return Result<int64_t>::Failure("date '" + std::string(text) + "' is malformed; expected " + EXPECTED);
}

std::string FormatIso8601(int64_t epoch_seconds) {
	std::tm utc = ToUtc(epoch_seconds);
	char buffer[64];
	std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02dT%02d:%02d:%02d.000Z", utc.tm_year + 1900, utc.tm_mon + 1,
	              utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
	return buffer;
}

Result<int64_t> ParseIso8601(std::string_view text) {
	static const char *EXPECTED = "the form 2013-05-24T00:00:00.000Z";
	if (text.size() < 20 || !AllDigits(text, 0, 4) || text[4] != '-' || !AllDigits(text, 5, 2) || text[7] != '-' ||
	    !AllDigits(text, 8, 2) || text[10] != 'T' || !AllDigits(text, 11, 2) || text[13] != ':' ||
	    !AllDigits(text, 14, 2) || text[16] != ':' || !AllDigits(text, 17, 2) || text.back() != 'Z') {
		return Result<int64_t>::Failure("date '" + std::string(text) + "' is malformed; expected " + EXPECTED);
	}
	std::string_view fraction = text.substr(19, text.size() - 20);
	if (!fraction.empty() &&
	    (fraction[0] != '.' || fraction.size() < 2 || !AllDigits(fraction, 1, fraction.size() - 1))) {
		return Result<int64_t>::Failure("date '" + std::string(text) + "' is malformed; expected " + EXPECTED);
	}
	return FromFields(Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2), Digits(text, 11, 2),
	                  Digits(text, 14, 2), Digits(text, 17, 2), text, EXPECTED);
}

} // namespace s3
} // namespace ducklake
