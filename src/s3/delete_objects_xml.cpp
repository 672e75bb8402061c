#include "s3/delete_objects_xml.hpp"

#include "s3/xml_document.hpp"
#include "s3/xml_writer.hpp"

namespace ducklake {
namespace s3 {

std::string RenderDeleteObjectsRequest(const DeleteObjectsRequest &request) {
	XmlWriter xml;
	xml.Open("Delete", S3_XML_NAMESPACE);
	if (request.quiet) {
		xml.Element("Quiet", true);
	}
	for (auto &key : request.keys) {
		xml.Open("Object");
		xml.Element("Key", key);
		xml.Close();
	}
	return xml.Finish();
}

Result<DeleteObjectsRequest> ParseDeleteObjectsRequest(std::string_view xml) {
	using R = Result<DeleteObjectsRequest>;
	auto parsed = ParseXmlDocument(xml, "Delete");
	if (!parsed.Ok()) {
		return R::Failure(parsed.Error());
	}
	DeleteObjectsRequest request;
	std::string quiet = ChildText(parsed.Value().root, "Quiet");
	request.quiet = quiet == "true" || quiet == "True";
	for (auto object : parsed.Value().root.children("Object")) {
		if (request.keys.size() >= DELETE_OBJECTS_KEYS_MAX) {
			return R::Failure("Delete request names more than 1000 keys; split it into batches of at most 1000");
		}
		auto key_node = object.child("Key");
		std::string key = key_node.text().as_string();
		if (!key_node || key.empty()) {
			return R::Failure("Delete request has an Object without a Key");
		}
		request.keys.push_back(std::move(key));
	}
	if (request.keys.empty()) {
		return R::Failure("Delete request names no Object; at least one is required");
	}
	return R::Success(std::move(request));
}

std::string RenderDeleteObjectsResult(const DeleteObjectsResult &result) {
	XmlWriter xml;
	xml.Open("DeleteResult", S3_XML_NAMESPACE);
	for (auto &key : result.deleted) {
		xml.Open("Deleted");
		xml.Element("Key", key);
		xml.Close();
	}
	for (auto &error : result.errors) {
		xml.Open("Error");
		xml.Element("Key", error.key);
		xml.Element("Code", error.code);
		xml.Element("Message", error.message);
		xml.Close();
	}
	return xml.Finish();
}

Result<DeleteObjectsResult> ParseDeleteObjectsResult(std::string_view xml) {
	auto parsed = ParseXmlDocument(xml, "DeleteResult");
	if (!parsed.Ok()) {
		return Result<DeleteObjectsResult>::Failure(parsed.Error());
	}
	DeleteObjectsResult result;
	for (auto deleted : parsed.Value().root.children("Deleted")) {
		result.deleted.push_back(ChildText(deleted, "Key"));
	}
	for (auto error : parsed.Value().root.children("Error")) {
		result.errors.push_back({ChildText(error, "Key"), ChildText(error, "Code"), ChildText(error, "Message")});
	}
	return Result<DeleteObjectsResult>::Success(std::move(result));
}

} // namespace s3
} // namespace ducklake
