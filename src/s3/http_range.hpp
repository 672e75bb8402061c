//===----------------------------------------------------------------------===//
// s3 byte ranges: the Range request header as S3 interprets it
//
// S3 honours one range of the forms "bytes=a-b", "bytes=a-" and "bytes=-n". Against an object of
// `size` bytes: an end past the object is clamped; a start at or past the end (or "-0", or any range
// on an empty object) is unsatisfiable (416 InvalidRange, Content-Range "bytes */size"); a header
// that is not one well-formed single range (other unit, several ranges, garbage) is ignored and the
// whole object is served, as RFC 9110 lets a server do.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ducklake {
namespace s3 {

//! Bound on the Range header length we look at; longer headers are ignored as malformed.
constexpr size_t RANGE_HEADER_BYTES_MAX = 256;

enum class RangeKind {
	//! No usable Range header: serve the whole object with 200.
	WHOLE,
	//! Serve [start, start + length) with 206.
	PARTIAL,
	//! 416 InvalidRange.
	UNSATISFIABLE
};

struct ResolvedRange {
	RangeKind kind = RangeKind::WHOLE;
	uint64_t start = 0;
	uint64_t length = 0;
};

//! Interprets a Range header value (may be empty) against an object of `object_size` bytes.
ResolvedRange ResolveRange(std::string_view header_value, uint64_t object_size);

//! "bytes start-end/size" for a PARTIAL range, "bytes */size" for UNSATISFIABLE.
std::string ContentRangeValue(const ResolvedRange &range, uint64_t object_size);

//! Client side: "bytes=start-(start+length-1)"; length must be > 0.
std::string FormatRangeHeader(uint64_t start, uint64_t length);

} // namespace s3
} // namespace ducklake
