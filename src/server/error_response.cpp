#include "server/error_response.hpp"

#include "s3/error_xml.hpp"

namespace ducklake {
namespace server {

HttpResponse RenderError(const S3Failure &failure, const std::string &resource, const std::string &request_id,
                         bool head_request) {
	const auto &info = s3::ErrorInfo(failure.code);
	HttpResponse response;
	response.status = info.http_status;
	response.error_code = info.name;
	s3::S3ErrorBody body;
	body.code = info.name;
	body.message = failure.message.empty() ? info.description : failure.message;
	body.resource = resource;
	body.request_id = request_id;
	response.SetHeader("Content-Type", "application/xml");
	if (head_request) {
		response.head_only = true;
		response.content_length = 0;
	} else {
		response.body = s3::RenderErrorXml(body);
	}
	return response;
}

} // namespace server
} // namespace ducklake
