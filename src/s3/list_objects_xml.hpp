//===----------------------------------------------------------------------===//
// s3 ListObjects XML: the ListBucketResult document of ListObjectsV2 and ListObjects (V1)
//
// One value type, ListObjectsPage, for both versions: the server fills it and renders it; the
// client parses a response into it and follows next_continuation_token (V2) or next_marker (V1)
// until is_truncated is false. With encoding_type "url" keys, prefixes, delimiter and markers are
// URI-encoded on the wire (so keys with control characters survive XML); ParseListObjects decodes
// them, so callers always see raw keys.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ducklake {
namespace s3 {

struct ObjectSummary {
	std::string key;
	int64_t last_modified_epoch_seconds = 0;
	//! With quotes, as S3 sends it: "\"d41d8cd98f00b204e9800998ecf8427e\"".
	std::string etag;
	uint64_t size = 0;
	std::string storage_class = "STANDARD";
};

struct ListObjectsPage {
	bool v2 = true;
	std::string bucket;
	std::string prefix;
	std::string delimiter;
	//! "" or "url".
	std::string encoding_type;
	uint64_t max_keys = 1000;
	bool is_truncated = false;
	// V1
	std::string marker;
	std::string next_marker;
	// V2
	std::string continuation_token;
	std::string next_continuation_token;
	std::string start_after;

	std::vector<ObjectSummary> contents;
	std::vector<std::string> common_prefixes;
};

//! The ListBucketResult document (V2 fields when page.v2, V1 fields otherwise).
std::string RenderListObjects(const ListObjectsPage &page);
//! Parses either version; V2 is recognised by a KeyCount or ContinuationToken element.
Result<ListObjectsPage> ParseListObjects(std::string_view xml);

} // namespace s3
} // namespace ducklake
