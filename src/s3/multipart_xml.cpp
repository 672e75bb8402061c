#include "s3/multipart_xml.hpp"

#include "s3/xml_document.hpp"
#include "s3/xml_writer.hpp"

namespace ducklake {
namespace s3 {

std::string RenderInitiateMultipartUploadResult(const InitiateMultipartUploadResult &result) {
	XmlWriter xml;
	xml.Open("InitiateMultipartUploadResult", S3_XML_NAMESPACE);
	xml.Element("Bucket", result.bucket);
	xml.Element("Key", result.key);
	xml.Element("UploadId", result.upload_id);
	return xml.Finish();
}

Result<InitiateMultipartUploadResult> ParseInitiateMultipartUploadResult(std::string_view xml) {
	using R = Result<InitiateMultipartUploadResult>;
	auto parsed = ParseXmlDocument(xml, "InitiateMultipartUploadResult");
	if (!parsed.Ok()) {
		return R::Failure(parsed.Error());
	}
	InitiateMultipartUploadResult result;
	result.bucket = ChildText(parsed.Value().root, "Bucket");
	result.key = ChildText(parsed.Value().root, "Key");
	result.upload_id = ChildText(parsed.Value().root, "UploadId");
	if (result.upload_id.empty()) {
		return R::Failure("InitiateMultipartUploadResult has no UploadId");
	}
	return R::Success(std::move(result));
}

std::string RenderCompleteMultipartUpload(const std::vector<CompletedPart> &parts) {
	XmlWriter xml;
	xml.Open("CompleteMultipartUpload", S3_XML_NAMESPACE);
	for (auto &part : parts) {
		xml.Open("Part");
		xml.Element("PartNumber", uint64_t(part.part_number));
		xml.Element("ETag", part.etag);
		xml.Close();
	}
	return xml.Finish();
}

Result<std::vector<CompletedPart>> ParseCompleteMultipartUpload(std::string_view xml) {
	using R = Result<std::vector<CompletedPart>>;
	auto parsed = ParseXmlDocument(xml, "CompleteMultipartUpload");
	if (!parsed.Ok()) {
		return R::Failure(parsed.Error());
	}
	std::vector<CompletedPart> parts;
	for (auto part_node : parsed.Value().root.children("Part")) {
		if (parts.size() >= MULTIPART_PARTS_MAX) {
			return R::Failure("CompleteMultipartUpload lists more than 10000 parts");
		}
		CompletedPart part;
		std::string number_text = ChildText(part_node, "PartNumber");
		unsigned long long number = 0;
		bool numeric = !number_text.empty() && number_text.size() <= 5;
		for (char c : number_text) {
			numeric = numeric && c >= '0' && c <= '9';
		}
		if (numeric) {
			number = std::stoull(number_text);
		}
		if (!numeric || number < 1 || number > MULTIPART_PARTS_MAX) {
			return R::Failure("CompleteMultipartUpload has PartNumber '" + number_text +
			                  "'; part numbers are integers from 1 to 10000");
		}
		part.part_number = static_cast<uint32_t>(number);
		part.etag = ChildText(part_node, "ETag");
		if (part.etag.empty()) {
			return R::Failure("CompleteMultipartUpload part " + number_text + " has no ETag");
		}
		if (!parts.empty() && part.part_number <= parts.back().part_number) {
			return R::Failure("InvalidPartOrder: part " + number_text + " follows part " +
			                  std::to_string(parts.back().part_number) + "; parts must be in ascending order");
		}
		parts.push_back(std::move(part));
	}
	if (parts.empty()) {
		return R::Failure("CompleteMultipartUpload lists no parts; at least one Part is required");
	}
	return R::Success(std::move(parts));
}

std::string RenderCompleteMultipartUploadResult(const CompleteMultipartUploadResult &result) {
	XmlWriter xml;
	xml.Open("CompleteMultipartUploadResult", S3_XML_NAMESPACE);
	xml.Element("Location", result.location);
	xml.Element("Bucket", result.bucket);
	xml.Element("Key", result.key);
	xml.Element("ETag", result.etag);
	return xml.Finish();
}

Result<CompleteMultipartUploadResult> ParseCompleteMultipartUploadResult(std::string_view xml) {
	using R = Result<CompleteMultipartUploadResult>;
	auto parsed = ParseXmlDocument(xml, "CompleteMultipartUploadResult");
	if (!parsed.Ok()) {
		return R::Failure(parsed.Error());
	}
	CompleteMultipartUploadResult result;
	result.location = ChildText(parsed.Value().root, "Location");
	result.bucket = ChildText(parsed.Value().root, "Bucket");
	result.key = ChildText(parsed.Value().root, "Key");
	result.etag = ChildText(parsed.Value().root, "ETag");
	return R::Success(std::move(result));
}

} // namespace s3
} // namespace ducklake
