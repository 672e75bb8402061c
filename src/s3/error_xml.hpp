//===----------------------------------------------------------------------===//
// s3 Error XML: the <Error> document every failed S3 request carries
//
// RenderErrorXml is the single renderer of S3 errors (the server calls nothing else to describe a
// failure); ParseErrorXml reads one back on the client. Unknown child elements are kept in `extra`
// so a client can show S3's hints (e.g. StringToSign, CanonicalRequest, Region).
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/result.hpp"
#include "s3/sigv4_signer.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ducklake {
namespace s3 {

struct S3ErrorBody {
	std::string code;
	std::string message;
	std::string resource;
	std::string request_id;
	std::string bucket_name;
	std::string key;
	//! Further elements, rendered after the standard ones (e.g. {"StringToSign", "..."}).
	std::vector<HttpHeader> extra;
};

std::string RenderErrorXml(const S3ErrorBody &error);
Result<S3ErrorBody> ParseErrorXml(std::string_view xml);

} // namespace s3
} // namespace ducklake
