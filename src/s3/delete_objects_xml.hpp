//===----------------------------------------------------------------------===//
// s3 DeleteObjects XML: the batch-delete request (<Delete>) and its result (<DeleteResult>)
//
// A request names at most DELETE_OBJECTS_KEYS_MAX keys; in quiet mode the result lists only the
// failures. Renderer and parser for both documents, shared by client and server.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ducklake {
namespace s3 {

constexpr size_t DELETE_OBJECTS_KEYS_MAX = 1000;

struct DeleteObjectsRequest {
	bool quiet = false;
	std::vector<std::string> keys;
};

struct DeleteObjectError {
	std::string key;
	std::string code;
	std::string message;
};

struct DeleteObjectsResult {
	std::vector<std::string> deleted;
	std::vector<DeleteObjectError> errors;
};

std::string RenderDeleteObjectsRequest(const DeleteObjectsRequest &request);
//! Fails on a missing/empty Key, more than 1000 keys, or no keys at all.
Result<DeleteObjectsRequest> ParseDeleteObjectsRequest(std::string_view xml);

std::string RenderDeleteObjectsResult(const DeleteObjectsResult &result);
Result<DeleteObjectsResult> ParseDeleteObjectsResult(std::string_view xml);

} // namespace s3
} // namespace ducklake
