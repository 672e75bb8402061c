//===----------------------------------------------------------------------===//
// s3 URI encoding: S3's UriEncode, percent-decoding and query-string splitting
//
// SigV4 canonicalisation encodes every byte except the unreserved set A-Z a-z 0-9 - . _ ~ as %XY
// with upper-case hex, a space as %20 (never '+'), and '/' only when asked (object key paths keep
// their slashes; query values encode them). S3, unlike other AWS services, does not normalise the
// path: "a//b" and "a/./b" are distinct keys and are signed as written.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/result.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ducklake {
namespace s3 {

//! A query parameter after percent-decoding; a bare "?uploads" has an empty value.
struct QueryParameter {
	std::string name;
	std::string value;
};

//! S3's UriEncode. `encode_slash` false keeps '/' (paths), true encodes it (query names and values).
std::string UriEncode(std::string_view text, bool encode_slash);

//! Percent-decodes `text`. With `plus_is_space` a '+' decodes to ' ' (form/query encoding as some
//! clients send it); without, '+' stays '+' (paths). Fails on a truncated or non-hex %XY.
Result<std::string> UriDecode(std::string_view text, bool plus_is_space);

//! Splits a raw query string ("a=1&b&c=x%20y") into decoded parameters in wire order. Empty
//! pieces ("a=1&&b") are skipped. A '+' in the query decodes to a space, as HTTP clients mean it.
Result<std::vector<QueryParameter>> ParseQueryString(std::string_view raw_query);

} // namespace s3
} // namespace ducklake
