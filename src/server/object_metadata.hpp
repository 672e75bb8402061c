//===----------------------------------------------------------------------===//
// server ObjectMetadata: what s3d remembers about an object besides its bytes
//
// Persisted in a sidecar file next to the data (see object_store.hpp for where). The sidecar is a
// small line-oriented text file, one "field value" per line with values URI-encoded, so it is
// readable with `cat` and survives any byte in a key or header. The sidecar records the size and
// modification time of the data file it describes; a sidecar whose data file no longer matches
// (a crash between the two renames, or a file edited by hand) is ignored and the object is
// described from the file alone.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/result.hpp"
#include "s3/sigv4_signer.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ducklake {
namespace server {

constexpr size_t METADATA_FILE_BYTES_MAX = 64 * 1024;

struct ObjectMetadata {
	std::string key;
	uint64_t size = 0;
	//! Without quotes: "d41d8cd98f00b204e9800998ecf8427e" or "<hex>-<parts>".
	std::string etag;
	int64_t last_modified = 0;
	std::string content_type = "binary/octet-stream";
	//! Stored response headers: content-encoding, content-disposition, content-language,
	//! cache-control, expires, and x-amz-meta-* (names lower-case).
	std::vector<s3::HttpHeader> headers;
	//! x-amz-checksum-<algorithm> headers with their base64 values.
	std::vector<s3::HttpHeader> checksums;
	uint32_t parts_count = 0;
	//! Identity of the data file described (size above, and its mtime in ns).
	int64_t data_mtime_ns = 0;
};

std::string SerializeMetadata(const ObjectMetadata &metadata);
s3::Result<ObjectMetadata> ParseMetadata(const std::string &text);

} // namespace server
} // namespace ducklake
