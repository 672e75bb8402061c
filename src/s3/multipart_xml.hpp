//===----------------------------------------------------------------------===//
// s3 multipart XML: the documents of CreateMultipartUpload and CompleteMultipartUpload
//
// InitiateMultipartUploadResult (response to POST ?uploads), the CompleteMultipartUpload request
// body listing the parts, and CompleteMultipartUploadResult. Each has a renderer and a parser, so
// the client and the server speak the same shapes. ParseCompleteMultipartUpload checks what S3
// checks before touching any part: at most MULTIPART_PARTS_MAX parts, numbers in 1..10000 in
// strictly ascending order, every part with an ETag.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ducklake {
namespace s3 {

constexpr uint32_t MULTIPART_PARTS_MAX = 10000;

struct InitiateMultipartUploadResult {
	std::string bucket;
	std::string key;
	std::string upload_id;
};

struct CompletedPart {
	uint32_t part_number = 0;
	//! As sent, usually quoted.
	std::string etag;
};

struct CompleteMultipartUploadResult {
	std::string location;
	std::string bucket;
	std::string key;
	std::string etag;
};

std::string RenderInitiateMultipartUploadResult(const InitiateMultipartUploadResult &result);
Result<InitiateMultipartUploadResult> ParseInitiateMultipartUploadResult(std::string_view xml);

std::string RenderCompleteMultipartUpload(const std::vector<CompletedPart> &parts);
//! Fails with a message starting "InvalidPartOrder:" when numbers are not strictly ascending,
//! so a server can map it to that S3 code; any other failure is MalformedXML.
Result<std::vector<CompletedPart>> ParseCompleteMultipartUpload(std::string_view xml);

std::string RenderCompleteMultipartUploadResult(const CompleteMultipartUploadResult &result);
Result<CompleteMultipartUploadResult> ParseCompleteMultipartUploadResult(std::string_view xml);

} // namespace s3
} // namespace ducklake
