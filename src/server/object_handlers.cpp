// Object operations of S3Handler: PutObject, CopyObject, GetObject/HeadObject, DeleteObject.
#include "s3/byte_encoding.hpp"
#include "s3/checksum.hpp"
#include "s3/crypto_digest.hpp"
#include "s3/http_date.hpp"
#include "s3/http_range.hpp"
#include "s3/xml_writer.hpp"
#include "server/handler_context.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <strings.h>
#include <unistd.h>

namespace ducklake {
namespace server {

using s3::S3ErrorCode;

static constexpr size_t COPY_BUFFER_BYTES = 256 * 1024;
static constexpr size_t USER_METADATA_BYTES_MAX = 2048;

//! Content type, standard headers and x-amz-meta-* of a write request.
static Outcome<ObjectMetadata> MetadataFromRequest(const HttpRequest &request) {
	ObjectMetadata metadata;
	std::string content_type = request.Header("content-type");
	if (!content_type.empty()) {
		metadata.content_type = content_type;
	}
	size_t user_bytes = 0;
	for (auto &header : request.headers) {
		std::string name = header.name;
		for (auto &c : name) {
			c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
		}
		if (name == "content-encoding") {
			// aws-chunked is the transfer framing, not the object's encoding.
			std::string kept;
			size_t start = 0;
			while (start <= header.value.size()) {
				size_t comma = header.value.find(',', start);
				std::string token =
				    header.value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
				token.erase(0, token.find_first_not_of(' '));
				token.erase(token.find_last_not_of(' ') + 1);
				if (!token.empty() && token != "aws-chunked") {
					kept += (kept.empty() ? "" : ",") + token;
				}
				if (comma == std::string::npos) {
					break;
				}
				start = comma + 1;
			}
			if (!kept.empty()) {
				metadata.headers.push_back({name, kept});
			}
		} else if (name == "content-disposition" || name == "content-language" || name == "cache-control" ||
		           name == "expires" || name == "x-amz-website-redirect-location") {
			metadata.headers.push_back({name, header.value});
		} else if (name.compare(0, 11, "x-amz-meta-") == 0) {
			user_bytes += name.size() - 11 + header.value.size();
			metadata.headers.push_back({name, header.value});
		}
	}
	if (user_bytes > USER_METADATA_BYTES_MAX) {
		return Fail(S3ErrorCode::INVALID_ARGUMENT, "user metadata (x-amz-meta-*) is " + std::to_string(user_bytes) +
		                                               " bytes; at most 2048 are allowed");
	}
	return metadata;
}

static Outcome<WriteConditions> WriteConditionsFromRequest(const HttpRequest &request) {
	WriteConditions conditions;
	if (request.HasHeader("if-none-match")) {
		if (request.Header("if-none-match") != "*") {
			return Fail(S3ErrorCode::NOT_IMPLEMENTED, "If-None-Match on a write supports only '*'");
		}
		conditions.if_none_match_any = true;
	}
	if (request.HasHeader("if-match")) {
		conditions.if_match = Unquote(request.Header("if-match"));
		if (conditions.if_match.empty()) {
			return Fail(S3ErrorCode::INVALID_ARGUMENT, "If-Match is empty; expected an ETag or *");
		}
	}
	return conditions;
}

static HttpResponse WriteResult(const ObjectMetadata &metadata) {
	HttpResponse response;
	response.SetHeader("ETag", Quote(metadata.etag));
	for (auto &checksum : metadata.checksums) {
		response.SetHeader(checksum.name, checksum.value);
	}
	return response;
}

HttpResponse S3Handler::PutObject(Context &context) {
	if (!objects.BucketExists(context.bucket)) {
		return context.Error(S3ErrorCode::NO_SUCH_BUCKET, "bucket '" + context.bucket + "' does not exist");
	}
	auto metadata = MetadataFromRequest(context.request);
	auto conditions = WriteConditionsFromRequest(context.request);
	if (!metadata.Ok() || !conditions.Ok()) {
		return context.Error(!metadata.Ok() ? metadata.Failure() : conditions.Failure());
	}
	auto temp = objects.CreateTempFile();
	if (!temp.Ok()) {
		return context.Error(temp.Failure());
	}
	auto received = ReceivePayload(context.request, context.auth, *temp.Value(), PUT_OBJECT_BYTES_MAX);
	if (!received.Ok()) {
		return context.Error(received.Failure());
	}
	metadata.Value().etag = received.Value().md5_hex;
	metadata.Value().checksums = received.Value().checksums;
	auto committed =
	    objects.CommitObject(context.bucket, context.key, *temp.Value(), metadata.Value(), conditions.Value());
	if (!committed.Ok()) {
		return context.Error(committed.Failure());
	}
	return WriteResult(committed.Value());
}

static bool EtagListMatches(const std::string &header, const std::string &etag) {
	size_t start = 0;
	while (start <= header.size()) {
		size_t comma = header.find(',', start);
		std::string candidate = header.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
		candidate.erase(0, candidate.find_first_not_of(' '));
		candidate.erase(candidate.find_last_not_of(' ') + 1);
		if (candidate == "*" || Unquote(candidate) == etag) {
			return true;
		}
		if (comma == std::string::npos) {
			break;
		}
		start = comma + 1;
	}
	return false;
}

//! RFC 9110 precondition evaluation as S3 applies it; returns 0, 304 or 412.
static uint16_t EvaluatePreconditions(const HttpRequest &request, const ObjectMetadata &metadata, const char *prefix) {
	std::string p(prefix);
	std::string if_match = request.Header(p + "if-match");
	std::string if_none_match = request.Header(p + "if-none-match");
	if (request.HasHeader(p + "if-match")) {
		if (!EtagListMatches(if_match, metadata.etag)) {
			return 412;
		}
	} else if (request.HasHeader(p + "if-unmodified-since")) {
		auto since = s3::ParseHttpDate(request.Header(p + "if-unmodified-since"));
		if (since.Ok() && metadata.last_modified > since.Value()) {
			return 412;
		}
	}
	if (request.HasHeader(p + "if-none-match")) {
		if (EtagListMatches(if_none_match, metadata.etag)) {
			return 304;
		}
	} else if (request.HasHeader(p + "if-modified-since")) {
		auto since = s3::ParseHttpDate(request.Header(p + "if-modified-since"));
		if (since.Ok() && metadata.last_modified <= since.Value()) {
			return 304;
		}
	}
	return 0;
}

HttpResponse S3Handler::CopyObject(Context &context) {
	if (!objects.BucketExists(context.bucket)) {
		return context.Error(S3ErrorCode::NO_SUCH_BUCKET, "bucket '" + context.bucket + "' does not exist");
	}
	std::string source = context.request.Header("x-amz-copy-source");
	size_t question = source.find('?');
	std::string version = question == std::string::npos ? "" : source.substr(question + 1);
	auto decoded = s3::UriDecode(source.substr(0, question), false);
	if (!decoded.Ok() || (!version.empty() && version != "versionId=null")) {
		return context.Error(S3ErrorCode::INVALID_ARGUMENT,
		                     "x-amz-copy-source '" + source + "' must be /<bucket>/<key> (URL-encoded), unversioned");
	}
	std::string path = decoded.Value();
	if (!path.empty() && path[0] == '/') {
		path = path.substr(1);
	}
	size_t slash = path.find('/');
	if (slash == std::string::npos || slash == 0 || slash + 1 == path.size()) {
		return context.Error(S3ErrorCode::INVALID_ARGUMENT,
		                     "x-amz-copy-source '" + source + "' must name a bucket and a key: /<bucket>/<key>");
	}
	std::string source_bucket = path.substr(0, slash);
	std::string source_key = path.substr(slash + 1);
	std::string directive = context.request.Header("x-amz-metadata-directive");
	if (directive.empty()) {
		directive = "COPY";
	}
	if (directive != "COPY" && directive != "REPLACE") {
		return context.Error(S3ErrorCode::INVALID_ARGUMENT,
		                     "x-amz-metadata-directive '" + directive + "' is invalid; allowed are COPY and REPLACE");
	}
	if (source_bucket == context.bucket && source_key == context.key && directive == "COPY") {
		return context.Error(S3ErrorCode::INVALID_REQUEST,
		                     "This copy request is illegal because it is trying to copy an object to itself without "
		                     "changing the object's metadata; use x-amz-metadata-directive: REPLACE");
	}
	auto opened = objects.OpenObject(source_bucket, source_key);
	if (!opened.Ok()) {
		return context.Error(opened.Failure());
	}
	if (EvaluatePreconditions(context.request, opened.Value().metadata, "x-amz-copy-source-") != 0) {
		return context.Error(S3ErrorCode::PRECONDITION_FAILED,
		                     "a x-amz-copy-source-if-* condition does not hold for '" + source + "'");
	}
	ObjectMetadata metadata = opened.Value().metadata;
	if (directive == "REPLACE") {
		auto replaced = MetadataFromRequest(context.request);
		if (!replaced.Ok()) {
			return context.Error(replaced.Failure());
		}
		replaced.Value().checksums = metadata.checksums;
		metadata = replaced.Value();
	}
	auto conditions = WriteConditionsFromRequest(context.request);
	if (!conditions.Ok()) {
		return context.Error(conditions.Failure());
	}
	auto temp = objects.CreateTempFile();
	if (!temp.Ok()) {
		return context.Error(temp.Failure());
	}
	s3::DigestHasher md5(s3::DigestAlgorithm::MD5);
	std::vector<char> buffer(COPY_BUFFER_BYTES);
	uint64_t offset = 0;
	while (offset < opened.Value().metadata.size) {
		ssize_t got = pread(opened.Value().file->fd, buffer.data(), buffer.size(), off_t(offset));
		if (got < 0 && errno == EINTR) {
			continue;
		}
		if (got <= 0) {
			return context.Error(S3ErrorCode::INTERNAL_ERROR,
			                     "cannot read the copy source: " +
			                         std::string(got < 0 ? strerror(errno) : "short file"));
		}
		md5.Update(std::string_view(buffer.data(), size_t(got)));
		auto written = temp.Value()->Write(buffer.data(), size_t(got));
		if (!written.Ok()) {
			return context.Error(written.Failure());
		}
		offset += uint64_t(got);
	}
	metadata.etag = s3::HexEncode(md5.Finish());
	metadata.parts_count = 0;
	auto committed = objects.CommitObject(context.bucket, context.key, *temp.Value(), metadata, conditions.Value());
	if (!committed.Ok()) {
		return context.Error(committed.Failure());
	}
	s3::XmlWriter xml;
	xml.Open("CopyObjectResult", s3::S3_XML_NAMESPACE);
	xml.Element("LastModified", s3::FormatIso8601(committed.Value().last_modified));
	xml.Element("ETag", Quote(committed.Value().etag));
	HttpResponse response;
	response.body = xml.Finish();
	response.SetHeader("Content-Type", "application/xml");
	return response;
}

static void SetObjectHeaders(HttpResponse &response, const ObjectMetadata &metadata, const HttpRequest &request) {
	response.SetHeader("ETag", Quote(metadata.etag));
	response.SetHeader("Last-Modified", s3::FormatHttpDate(metadata.last_modified));
	response.SetHeader("Content-Type", metadata.content_type);
	response.SetHeader("Accept-Ranges", "bytes");
	for (auto &header : metadata.headers) {
		response.SetHeader(header.name, header.value);
	}
	if (strcasecmp(request.Header("x-amz-checksum-mode").c_str(), "ENABLED") == 0) {
		for (auto &checksum : metadata.checksums) {
			response.SetHeader(checksum.name, checksum.value);
		}
	}
	if (metadata.parts_count > 0) {
		response.SetHeader("x-amz-mp-parts-count", std::to_string(metadata.parts_count));
	}
}

HttpResponse S3Handler::GetObject(Context &context, bool head) {
	auto opened = objects.OpenObject(context.bucket, context.key);
	if (!opened.Ok()) {
		return context.Error(opened.Failure());
	}
	const ObjectMetadata &metadata = opened.Value().metadata;
	HttpResponse response;
	uint16_t precondition = EvaluatePreconditions(context.request, metadata, "");
	if (precondition == 412) {
		return context.Error(S3ErrorCode::PRECONDITION_FAILED,
		                     "an If-Match or If-Unmodified-Since condition does not hold for key '" + context.key +
		                         "'");
	}
	if (precondition == 304) {
		response.status = 304;
		response.head_only = true;
		response.SetHeader("ETag", Quote(metadata.etag));
		response.SetHeader("Last-Modified", s3::FormatHttpDate(metadata.last_modified));
		return response;
	}
	SetObjectHeaders(response, metadata, context.request);
	static const char *OVERRIDES[][2] = {{"response-content-type", "Content-Type"},
	                                     {"response-content-language", "Content-Language"},
	                                     {"response-expires", "Expires"},
	                                     {"response-cache-control", "Cache-Control"},
	                                     {"response-content-disposition", "Content-Disposition"},
	                                     {"response-content-encoding", "Content-Encoding"}};
	for (auto &override_header : OVERRIDES) {
		if (context.Has(override_header[0])) {
			response.SetHeader(override_header[1], context.Get(override_header[0]));
		}
	}
	auto range = s3::ResolveRange(context.request.Header("range"), metadata.size);
	if (range.kind == s3::RangeKind::UNSATISFIABLE) {
		auto error =
		    context.Error(S3ErrorCode::INVALID_RANGE, "The requested range '" + context.request.Header("range") +
		                                                  "' is not satisfiable for an object of " +
		                                                  std::to_string(metadata.size) + " bytes");
		error.SetHeader("Content-Range", s3::ContentRangeValue(range, metadata.size));
		return error;
	}
	auto file = opened.Value().file;
	if (range.kind == s3::RangeKind::PARTIAL) {
		response.status = 206;
		response.SetHeader("Content-Range", s3::ContentRangeValue(range, metadata.size));
		file->offset = range.start;
		file->length = range.length;
	}
	if (head) {
		response.head_only = true;
		response.content_length = file->length;
	} else {
		response.file = file;
	}
	return response;
}

HttpResponse S3Handler::DeleteObject(Context &context) {
	auto deleted = objects.DeleteObject(context.bucket, context.key);
	if (!deleted.Ok()) {
		return context.Error(deleted.Failure());
	}
	HttpResponse response;
	response.status = 204;
	return response;
}

} // namespace server
} // namespace ducklake
