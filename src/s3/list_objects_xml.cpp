#include "s3/list_objects_xml.hpp"

#include "s3/http_date.hpp"
#include "s3/uri_encoding.hpp"
#include "s3/xml_document.hpp"
#include "s3/xml_writer.hpp"

namespace ducklake {
namespace s3 {

std::string RenderListObjects(const ListObjectsPage &page) {
	bool url = page.encoding_type == "url";
	auto encode = [&](const std::string &text) {
		return url ? UriEncode(text, false) : text;
	};
	XmlWriter xml;
	xml.Open("ListBucketResult", S3_XML_NAMESPACE);
	xml.Element("Name", page.bucket);
	xml.Element("Prefix", encode(page.prefix));
	if (page.v2) {
		if (!page.start_after.empty()) {
			xml.Element("StartAfter", encode(page.start_after));
		}
		if (!page.continuation_token.empty()) {
			xml.Element("ContinuationToken", page.continuation_token);
		}
		if (!page.next_continuation_token.empty()) {
			xml.Element("NextContinuationToken", page.next_continuation_token);
		}
		xml.Element("KeyCount", uint64_t(page.contents.size() + page.common_prefixes.size()));
	} else {
		xml.Element("Marker", encode(page.marker));
		if (!page.next_marker.empty()) {
			xml.Element("NextMarker", encode(page.next_marker));
		}
	}
	xml.Element("MaxKeys", page.max_keys);
	if (!page.delimiter.empty()) {
		xml.Element("Delimiter", encode(page.delimiter));
	}
	if (url) {
		xml.Element("EncodingType", std::string_view("url"));
	}
	xml.Element("IsTruncated", page.is_truncated);
	for (auto &object : page.contents) {
		xml.Open("Contents");
		xml.Element("Key", encode(object.key));
		xml.Element("LastModified", FormatIso8601(object.last_modified_epoch_seconds));
		xml.Element("ETag", object.etag);
		xml.Element("Size", object.size);
		xml.Element("StorageClass", object.storage_class);
		xml.Close();
	}
	for (auto &common_prefix : page.common_prefixes) {
		xml.Open("CommonPrefixes");
		xml.Element("Prefix", encode(common_prefix));
		xml.Close();
	}
	return xml.Finish();
}

Result<ListObjectsPage> ParseListObjects(std::string_view xml) {
	using R = Result<ListObjectsPage>;
	auto parsed = ParseXmlDocument(xml, "ListBucketResult");
	if (!parsed.Ok()) {
		return R::Failure(parsed.Error());
	}
	auto &root = parsed.Value().root;
	ListObjectsPage page;
	page.encoding_type = ChildText(root, "EncodingType");
	bool url = page.encoding_type == "url";
	std::string decode_error;
	auto decode = [&](std::string text) {
		if (!url) {
			return text;
		}
		auto decoded = UriDecode(text, true);
		if (!decoded.Ok()) {
			decode_error = decoded.Error();
			return text;
		}
		return decoded.Value();
	};
	page.v2 = root.child("KeyCount") || root.child("ContinuationToken") || root.child("NextContinuationToken");
	page.bucket = ChildText(root, "Name");
	page.prefix = decode(ChildText(root, "Prefix"));
	page.delimiter = decode(ChildText(root, "Delimiter"));
	page.marker = decode(ChildText(root, "Marker"));
	page.next_marker = decode(ChildText(root, "NextMarker"));
	page.start_after = decode(ChildText(root, "StartAfter"));
	page.continuation_token = ChildText(root, "ContinuationToken");
	page.next_continuation_token = ChildText(root, "NextContinuationToken");
	page.max_keys = root.child("MaxKeys").text().as_ullong(1000);
	std::string truncated = ChildText(root, "IsTruncated");
	if (truncated != "true" && truncated != "false") {
		return R::Failure("ListBucketResult has IsTruncated '" + truncated + "'; expected true or false");
	}
	page.is_truncated = truncated == "true";
	for (auto contents : root.children("Contents")) {
		ObjectSummary object;
		object.key = decode(ChildText(contents, "Key"));
		if (object.key.empty()) {
			return R::Failure("ListBucketResult has a Contents entry without a Key");
		}
		auto modified = ParseIso8601(ChildText(contents, "LastModified"));
		object.last_modified_epoch_seconds = modified.Ok() ? modified.Value() : 0;
		object.etag = ChildText(contents, "ETag");
		object.size = contents.child("Size").text().as_ullong();
		object.storage_class = ChildText(contents, "StorageClass");
		page.contents.push_back(std::move(object));
	}
	for (auto common_prefix : root.children("CommonPrefixes")) {
		page.common_prefixes.push_back(decode(ChildText(common_prefix, "Prefix")));
	}
	if (!decode_error.empty()) {
		return R::Failure("ListBucketResult with EncodingType url: " + decode_error);
	}
	return R::Success(std::move(page));
}

} // namespace s3
} // namespace ducklake
