//===----------------------------------------------------------------------===//
// s3 dates: the three timestamp spellings S3 uses
//
// - SigV4 "basic" ISO 8601 (x-amz-date, X-Amz-Date): 20130524T000000Z
// - HTTP IMF-fixdate (Date, Last-Modified, If-Modified-Since): Fri, 24 May 2013 00:00:00 GMT
// - XML ISO 8601 with milliseconds (LastModified in listings): 2013-05-24T00:00:00.000Z
// All times are UTC seconds since the Unix epoch. Parsers are strict about the shape and fail with
// a message that shows the expected form.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace ducklake {
namespace s3 {

std::string FormatAmzDate(int64_t epoch_seconds);
Result<int64_t> ParseAmzDate(std::string_view text);

std::string FormatHttpDate(int64_t epoch_seconds);
//! Accepts IMF-fixdate and, as RFC 9110 asks of recipients, RFC 850 and asctime forms.
Result<int64_t> ParseHttpDate(std::string_view text);

std::string FormatIso8601(int64_t epoch_seconds);
//! Accepts "2013-05-24T00:00:00Z" with optional fractional seconds.
Result<int64_t> ParseIso8601(std::string_view text);

//! The date part (YYYYMMDD) of an amz date, used in the credential scope.
std::string AmzDateDay(std::string_view amz_date);

} // namespace s3
} // namespace ducklake
