//===----------------------------------------------------------------------===//
// server error responses: the single renderer of S3 <Error> replies
//
// Every failed request of ducklake-s3d is rendered here: the status comes from the S3 error table
// (s3/s3_error.hpp), the body is s3::RenderErrorXml, and the message is the specific one the failing
// step produced (naming bucket, key or header), falling back on S3's generic text.
//===----------------------------------------------------------------------===//
#pragma once

#include "server/http_exchange.hpp"
#include "server/s3_outcome.hpp"

#include <string>

namespace ducklake {
namespace server {

//! `resource` is the request path; HEAD requests get the status and headers without a body.
HttpResponse RenderError(const S3Failure &failure, const std::string &resource, const std::string &request_id,
                         bool head_request);

} // namespace server
} // namespace ducklake
