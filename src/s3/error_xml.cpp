#include "s3/error_xml.hpp"

#include "s3/xml_document.hpp"
#include "s3/xml_writer.hpp"

namespace ducklake {
namespace s3 {

std::string RenderErrorXml(const S3ErrorBody &error) {
	XmlWriter xml;
	xml.Open("Error");
	xml.Element("Code", error.code);
	xml.Element("Message", error.message);
	if (!error.bucket_name.empty()) {
		xml.Element("BucketName", error.bucket_name);
	}
	if (!error.key.empty()) {
		xml.Element("Key", error.key);
	}
	for (auto &field : error.extra) {
		xml.Element(field.name, field.value);
	}
	if (!error.resource.empty()) {
		xml.Element("Resource", error.resource);
	}
	xml.Element("RequestId", error.request_id);
	return xml.Finish();
}

Result<S3ErrorBody> ParseErrorXml(std::string_view xml) {
	auto parsed = ParseXmlDocument(xml, "Error");
	if (!parsed.Ok()) {
		return Result<S3ErrorBody>::Failure(parsed.Error());
	}
	S3ErrorBody error;
	for (auto child : parsed.Value().root.children()) {
		std::string name = child.name();
		std::string text = child.text().as_string();
		if (name == "Code") {
			error.code = text;
		} else if (name == "Message") {
			error.message = text;
		} else if (name == "Resource") {
			error.resource = text;
		} else if (name == "RequestId") {
			error.request_id = text;
		} else if (name == "BucketName") {
			error.bucket_name = text;
		} else if (name == "Key") {
			error.key = text;
		} else if (!name.empty()) {
			error.extra.push_back({name, text});
		}
	}
	if (error.code.empty()) {
		return Result<S3ErrorBody>::Failure("Error document has no Code element");
	}
	return Result<S3ErrorBody>::Success(std::move(error));
}

} // namespace s3
} // namespace ducklake
