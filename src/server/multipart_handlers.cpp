// Multipart upload operations of S3Handler: Create, UploadPart (and UploadPartCopy), Complete, Abort,
// ListParts, ListMultipartUploads.
#include "s3/crypto_digest.hpp"
#include "s3/byte_encoding.hpp"
#include "s3/http_date.hpp"
#include "s3/http_range.hpp"
#include "s3/multipart_xml.hpp"
#include "s3/xml_writer.hpp"
#include "server/handler_context.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace ducklake {
namespace server {

using s3::S3ErrorCode;

static constexpr size_t PART_COPY_BUFFER_BYTES = 256 * 1024;

static HttpResponse Xml(std::string body) {
	HttpResponse response;
	response.body = std::move(body);
	response.SetHeader("Content-Type", "application/xml");
	return response;
}

HttpResponse S3Handler::CreateMultipartUpload(Context &context) {
	ObjectMetadata metadata;
	std::string content_type = context.request.Header("content-type");
	if (!content_type.empty()) {
		metadata.content_type = content_type;
	}
	for (auto &header : context.request.headers) {
		std::string name = header.name;
		for (auto &c : name) {
			c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
		}
		if (name.compare(0, 11, "x-amz-meta-") == 0 || name == "content-disposition" || name == "content-language" ||
		    name == "cache-control" || name == "expires" || name == "content-encoding") {
			metadata.headers.push_back({name, header.value});
		}
	}
	auto created = uploads.Create(context.bucket, context.key, metadata);
	if (!created.Ok()) {
		return context.Error(created.Failure());
	}
	return Xml(s3::RenderInitiateMultipartUploadResult({context.bucket, context.key, created.Value()}));
}

static Outcome<uint32_t> PartNumberOf(const std::string &text) {
	char *end = nullptr;
	long value = std::strtol(text.c_str(), &end, 10);
	if (text.empty() || *end != '\0' || value < 1 || value > long(s3::MULTIPART_PARTS_MAX)) {
		return Fail(S3ErrorCode::INVALID_ARGUMENT,
		            "partNumber '" + text + "' is invalid; part numbers are integers from 1 to 10000");
	}
	return uint32_t(value);
}

HttpResponse S3Handler::UploadPart(Context &context) {
	auto part_number = PartNumberOf(context.Get("partNumber"));
	if (!part_number.Ok()) {
		return context.Error(part_number.Failure());
	}
	auto upload = uploads.Find(context.Get("uploadId"), context.bucket, context.key);
	if (!upload.Ok()) {
		return context.Error(upload.Failure());
	}
	std::string etag;
	std::unique_ptr<PartDestination> destination;
	bool copy = context.request.HasHeader("x-amz-copy-source");
	if (copy) {
		// UploadPartCopy: the part's bytes come from an existing object (optionally a range of it).
		std::string source = context.request.Header("x-amz-copy-source");
		auto decoded = s3::UriDecode(source.substr(0, source.find('?')), false);
		std::string path = decoded.Ok() ? decoded.Value() : "";
		if (!path.empty() && path[0] == '/') {
			path = path.substr(1);
		}
		size_t slash = path.find('/');
		if (slash == std::string::npos || slash == 0) {
			return context.Error(S3ErrorCode::INVALID_ARGUMENT,
			                     "x-amz-copy-source '" + source + "' must be /<bucket>/<key>");
		}
		auto opened = objects.OpenObject(path.substr(0, slash), path.substr(slash + 1));
		if (!opened.Ok()) {
			return context.Error(opened.Failure());
		}
		uint64_t start = 0, length = opened.Value().metadata.size;
		std::string range_header = context.request.Header("x-amz-copy-source-range");
		if (!range_header.empty()) {
			auto range = s3::ResolveRange(range_header, length);
			if (range.kind != s3::RangeKind::PARTIAL) {
				return context.Error(S3ErrorCode::INVALID_ARGUMENT, "x-amz-copy-source-range '" + range_header +
				                                                        "' is not a satisfiable bytes=a-b range");
			}
			start = range.start;
			length = range.length;
		}
		auto opened_part = uploads.OpenPart(upload.Value(), part_number.Value(), length);
		if (!opened_part.Ok()) {
			return context.Error(opened_part.Failure());
		}
		destination = std::move(opened_part.Value());
		TempFile &temp = destination->File();
		s3::DigestHasher md5(s3::DigestAlgorithm::MD5);
		std::vector<char> buffer(PART_COPY_BUFFER_BYTES);
		uint64_t copied = 0;
		while (copied < length) {
			ssize_t got = pread(opened.Value().file->fd, buffer.data(),
			                    size_t(std::min<uint64_t>(buffer.size(), length - copied)), off_t(start + copied));
			if (got < 0 && errno == EINTR) {
				continue;
			}
			if (got <= 0) {
				return context.Error(S3ErrorCode::INTERNAL_ERROR, "cannot read the copy source");
			}
			md5.Update(std::string_view(buffer.data(), size_t(got)));
			auto written = temp.Write(buffer.data(), size_t(got));
			if (!written.Ok()) {
				return context.Error(written.Failure());
			}
			copied += uint64_t(got);
		}
		auto synced = temp.SyncAndClose();
		if (!synced.Ok()) {
			return context.Error(synced.Failure());
		}
		etag = s3::HexEncode(md5.Finish());
	} else {
		auto opened_part =
		    uploads.OpenPart(upload.Value(), part_number.Value(), AnnouncedPayloadBytes(context.request));
		if (!opened_part.Ok()) {
			return context.Error(opened_part.Failure());
		}
		destination = std::move(opened_part.Value());
		auto received = ReceivePayload(context.request, context.auth, destination->File(), MULTIPART_PART_BYTES_MAX);
		if (!received.Ok()) {
			return context.Error(received.Failure());
		}
		etag = received.Value().md5_hex;
	}
	auto part = uploads.PutPart(upload.Value(), part_number.Value(), *destination, etag);
	if (!part.Ok()) {
		return context.Error(part.Failure());
	}
	if (copy) {
		s3::XmlWriter xml;
		xml.Open("CopyPartResult", s3::S3_XML_NAMESPACE);
		xml.Element("LastModified", s3::FormatIso8601(part.Value().last_modified));
		xml.Element("ETag", Quote(etag));
		return Xml(xml.Finish());
	}
	HttpResponse response;
	response.SetHeader("ETag", Quote(etag));
	return response;
}

HttpResponse S3Handler::CompleteMultipartUpload(Context &context) {
	auto upload = uploads.Find(context.Get("uploadId"), context.bucket, context.key);
	if (!upload.Ok()) {
		return context.Error(upload.Failure());
	}
	auto body = ReadSmallBody(context.request, context.auth);
	if (!body.Ok()) {
		return context.Error(body.Failure());
	}
	auto parts = s3::ParseCompleteMultipartUpload(body.Value());
	if (!parts.Ok()) {
		bool order = parts.Error().rfind("InvalidPartOrder:", 0) == 0;
		return context.Error(order ? S3ErrorCode::INVALID_PART_ORDER : S3ErrorCode::MALFORMED_XML, parts.Error());
	}
	std::vector<std::pair<uint32_t, std::string>> requested;
	for (auto &part : parts.Value()) {
		requested.emplace_back(part.part_number, part.etag);
	}
	WriteConditions conditions;
	if (context.request.HasHeader("if-none-match")) {
		conditions.if_none_match_any = context.request.Header("if-none-match") == "*";
	}
	if (context.request.HasHeader("if-match")) {
		conditions.if_match = Unquote(context.request.Header("if-match"));
	}
	auto completed = uploads.Complete(upload.Value(), requested, conditions);
	if (!completed.Ok()) {
		return context.Error(completed.Failure());
	}
	std::string host = context.request.Header("host");
	return Xml(s3::RenderCompleteMultipartUploadResult(
	    {"http://" + host + "/" + context.bucket + "/" + s3::UriEncode(context.key, false), context.bucket, context.key,
	     Quote(completed.Value().etag)}));
}

HttpResponse S3Handler::AbortMultipartUpload(Context &context) {
	auto upload = uploads.Find(context.Get("uploadId"), context.bucket, context.key);
	if (!upload.Ok()) {
		return context.Error(upload.Failure());
	}
	uploads.Abort(upload.Value());
	HttpResponse response;
	response.status = 204;
	return response;
}

static void WriteInitiator(s3::XmlWriter &xml) {
	for (auto element : {"Initiator", "Owner"}) {
		xml.Open(element);
		xml.Element("ID", std::string_view("ducklake-s3d"));
		xml.Element("DisplayName", std::string_view("ducklake-s3d"));
		xml.Close();
	}
}

HttpResponse S3Handler::ListParts(Context &context) {
	auto upload = uploads.Find(context.Get("uploadId"), context.bucket, context.key);
	if (!upload.Ok()) {
		return context.Error(upload.Failure());
	}
	auto parts = uploads.ListParts(upload.Value());
	if (!parts.Ok()) {
		return context.Error(parts.Failure());
	}
	uint32_t marker = uint32_t(std::strtoul(context.Get("part-number-marker").c_str(), nullptr, 10));
	uint64_t max_parts = 1000;
	if (context.Has("max-parts")) {
		max_parts = std::min<uint64_t>(std::strtoull(context.Get("max-parts").c_str(), nullptr, 10), 1000);
	}
	s3::XmlWriter xml;
	xml.Open("ListPartsResult", s3::S3_XML_NAMESPACE);
	xml.Element("Bucket", context.bucket);
	xml.Element("Key", context.key);
	xml.Element("UploadId", upload.Value().upload_id);
	WriteInitiator(xml);
	xml.Element("StorageClass", std::string_view("STANDARD"));
	xml.Element("PartNumberMarker", uint64_t(marker));
	uint64_t listed = 0;
	bool truncated = false;
	uint32_t last = marker;
	std::string entries;
	s3::XmlWriter part_xml;
	std::vector<PartInfo> page;
	for (auto &part : parts.Value()) {
		if (part.part_number <= marker) {
			continue;
		}
		if (listed == max_parts) {
			truncated = true;
			break;
		}
		page.push_back(part);
		last = part.part_number;
		listed++;
	}
	xml.Element("NextPartNumberMarker", uint64_t(last));
	xml.Element("MaxParts", max_parts);
	xml.Element("IsTruncated", truncated);
	for (auto &part : page) {
		xml.Open("Part");
		xml.Element("PartNumber", uint64_t(part.part_number));
		xml.Element("LastModified", s3::FormatIso8601(part.last_modified));
		xml.Element("ETag", Quote(part.etag));
		xml.Element("Size", part.size);
		xml.Close();
	}
	return Xml(xml.Finish());
}

HttpResponse S3Handler::ListMultipartUploads(Context &context) {
	if (!objects.BucketExists(context.bucket)) {
		return context.Error(S3ErrorCode::NO_SUCH_BUCKET, "bucket '" + context.bucket + "' does not exist");
	}
	std::string prefix = context.Get("prefix");
	std::string key_marker = context.Get("key-marker");
	auto all = uploads.ListUploads(context.bucket, prefix);
	s3::XmlWriter xml;
	xml.Open("ListMultipartUploadsResult", s3::S3_XML_NAMESPACE);
	xml.Element("Bucket", context.bucket);
	xml.Element("KeyMarker", key_marker);
	xml.Element("UploadIdMarker", context.Get("upload-id-marker"));
	xml.Element("Prefix", prefix);
	xml.Element("MaxUploads", uint64_t(MULTIPART_UPLOADS_LIST_MAX));
	xml.Element("IsTruncated", false);
	for (auto &upload : all) {
		if (!key_marker.empty() && upload.key <= key_marker) {
			continue;
		}
		xml.Open("Upload");
		xml.Element("Key", upload.key);
		xml.Element("UploadId", upload.upload_id);
		WriteInitiator(xml);
		xml.Element("StorageClass", std::string_view("STANDARD"));
		xml.Element("Initiated", s3::FormatIso8601(upload.initiated));
		xml.Close();
	}
	return Xml(xml.Finish());
}

} // namespace server
} // namespace ducklake
