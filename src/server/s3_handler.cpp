#include "server/s3_handler.hpp"

#include "s3/byte_encoding.hpp"
#include "s3/delete_objects_xml.hpp"
#include "s3/http_date.hpp"
#include "s3/list_objects_xml.hpp"
#include "s3/s3_url.hpp"
#include "s3/xml_writer.hpp"
#include "server/error_response.hpp"
#include "server/handler_context.hpp"

#include <cstdio>
#include <ctime>

namespace ducklake {
namespace server {

using s3::S3ErrorCode;

static constexpr uint64_t LIST_MAX_KEYS_MAX = 1000;

HttpResponse S3Handler::Context::Error(const S3Failure &failure) const {
	auto response = RenderError(failure, raw_path, request_id, request.method == "HEAD");
	return response;
}

std::string Quote(const std::string &etag) {
	return "\"" + etag + "\"";
}

std::string Unquote(const std::string &etag) {
	std::string trimmed = etag;
	if (trimmed.compare(0, 2, "W/") == 0) {
		trimmed = trimmed.substr(2);
	}
	if (trimmed.size() >= 2 && trimmed.front() == '"' && trimmed.back() == '"') {
		return trimmed.substr(1, trimmed.size() - 2);
	}
	return trimmed;
}

S3Handler::S3Handler(HandlerConfig config_p, ObjectStore &objects_p, MultipartStore &uploads_p)
    : config(std::move(config_p)), objects(objects_p), uploads(uploads_p) {
	if (!config.now) {
		config.now = [] {
			return int64_t(time(nullptr));
		};
	}
}

HttpResponse S3Handler::Handle(HttpRequest &request) {
	Context context(request);
	char request_id[32];
	std::snprintf(request_id, sizeof(request_id), "%016llX",
	              static_cast<unsigned long long>(request_counter.fetch_add(1) + (uint64_t(time(nullptr)) << 20)));
	context.request_id = request_id;
	context.now = config.now();
	HttpResponse response;
	try {
		size_t question = request.target.find('?');
		context.raw_path = request.target.substr(0, question);
		std::string raw_query = question == std::string::npos ? "" : request.target.substr(question + 1);
		if (context.raw_path == HEALTH_PATH) {
			response.status = draining ? 503 : 200;
			response.body = draining ? "draining\n" : "ok\n";
			response.SetHeader("Content-Type", "text/plain");
		} else {
			auto query = s3::ParseQueryString(raw_query);
			auto decoded_path = s3::UriDecode(context.raw_path, false);
			if (context.raw_path.empty() || context.raw_path[0] != '/' || !query.Ok() || !decoded_path.Ok()) {
				response = context.Error(S3ErrorCode::INVALID_URI,
				                         "Couldn't parse the specified URI '" + request.target.substr(0, 200) + "'");
			} else {
				context.query = std::move(query.Value());
				auto location =
				    s3::ResolveRequestTarget(request.Header("host"), decoded_path.Value(), config.virtual_host_domains);
				context.bucket = location.bucket;
				context.key = location.key;
				auto auth =
				    Authenticate(request, context.raw_path, context.query, context.bucket, config.auth, context.now);
				if (!auth.Ok()) {
					response = context.Error(auth.Failure());
				} else {
					context.auth = std::move(auth.Value());
					response = Dispatch(context);
				}
			}
		}
	} catch (std::exception &exception) {
		response = context.Error(S3ErrorCode::INTERNAL_ERROR, std::string("internal error: ") + exception.what());
	}
	response.SetHeader("x-amz-request-id", context.request_id);
	response.SetHeader("Server", "ducklake-s3d");
	return response;
}

HttpResponse S3Handler::Dispatch(Context &context) {
	const std::string &method = context.request.method;
	if (context.bucket.empty()) {
		if (method == "GET") {
			return ListBuckets(context);
		}
		return context.Error(S3ErrorCode::METHOD_NOT_ALLOWED, method + " is not allowed on the service root");
	}
	if (!context.key.empty()) {
		auto valid = s3::ValidateObjectKey(context.key);
		if (!valid.Ok()) {
			return context.Error(context.key.size() > s3::OBJECT_KEY_BYTES_MAX ? S3ErrorCode::KEY_TOO_LONG_ERROR
			                                                                   : S3ErrorCode::INVALID_ARGUMENT,
			                     valid.Error());
		}
		if (method == "GET" && context.Has("acl")) {
			return GetAcl(context);
		}
		for (auto unsupported : {"acl", "tagging", "retention", "legal-hold", "attributes", "torrent", "restore"}) {
			if (context.Has(unsupported)) {
				return context.Error(S3ErrorCode::NOT_IMPLEMENTED,
				                     std::string("object subresource '") + unsupported + "' is not implemented");
			}
		}
		if (method == "GET" || method == "HEAD") {
			if (context.Has("uploadId")) {
				return ListParts(context);
			}
			return GetObject(context, method == "HEAD");
		}
		if (method == "PUT") {
			if (context.Has("uploadId") || context.Has("partNumber")) {
				return UploadPart(context);
			}
			if (context.request.HasHeader("x-amz-copy-source")) {
				return CopyObject(context);
			}
			return PutObject(context);
		}
		if (method == "POST") {
			if (context.Has("uploads")) {
				return CreateMultipartUpload(context);
			}
			if (context.Has("uploadId")) {
				return CompleteMultipartUpload(context);
			}
		}
		if (method == "DELETE") {
			if (context.Has("uploadId")) {
				return AbortMultipartUpload(context);
			}
			return DeleteObject(context);
		}
		return context.Error(S3ErrorCode::METHOD_NOT_ALLOWED, method + " is not allowed on an object");
	}
	if (method == "GET") {
		if (context.Has("location")) {
			return GetBucketLocation(context);
		}
		if (context.Has("versioning")) {
			return GetBucketVersioning(context);
		}
		if (context.Has("uploads")) {
			return ListMultipartUploads(context);
		}
		if (context.Has("versions")) {
			return ListObjectVersions(context);
		}
		if (context.Has("acl")) {
			return GetAcl(context);
		}
		for (auto unsupported : {"policy", "cors", "lifecycle", "tagging", "website", "replication", "encryption",
		                         "logging", "notification", "object-lock", "accelerate"}) {
			if (context.Has(unsupported)) {
				return context.Error(S3ErrorCode::NOT_IMPLEMENTED,
				                     std::string("bucket subresource '") + unsupported + "' is not implemented");
			}
		}
		return ListObjects(context, context.Get("list-type") == "2");
	}
	if (method == "HEAD") {
		return HeadBucket(context);
	}
	if (method == "PUT") {
		if (!context.query.empty()) {
			return context.Error(S3ErrorCode::NOT_IMPLEMENTED,
			                     "bucket subresource '" + context.query[0].name + "' is not implemented");
		}
		return CreateBucket(context);
	}
	if (method == "DELETE") {
		if (!context.query.empty()) {
			return context.Error(S3ErrorCode::NOT_IMPLEMENTED,
			                     "bucket subresource '" + context.query[0].name + "' is not implemented");
		}
		return DeleteBucket(context);
	}
	if (method == "POST" && context.Has("delete")) {
		return DeleteObjects(context);
	}
	return context.Error(S3ErrorCode::METHOD_NOT_ALLOWED, method + " is not allowed on a bucket");
}

static HttpResponse XmlResponse(std::string body) {
	HttpResponse response;
	response.body = std::move(body);
	response.SetHeader("Content-Type", "application/xml");
	return response;
}

static void WriteOwner(s3::XmlWriter &xml) {
	xml.Open("Owner");
	xml.Element("ID", std::string_view("ducklake-s3d"));
	xml.Element("DisplayName", std::string_view("ducklake-s3d"));
	xml.Close();
}

HttpResponse S3Handler::ListBuckets(Context &context) {
	s3::XmlWriter xml;
	xml.Open("ListAllMyBucketsResult", s3::S3_XML_NAMESPACE);
	WriteOwner(xml);
	xml.Open("Buckets");
	for (auto &bucket : objects.ListBuckets()) {
		if (context.auth.anonymous && !config.auth.anonymous_read_buckets.count(bucket.name)) {
			continue;
		}
		xml.Open("Bucket");
		xml.Element("Name", bucket.name);
		xml.Element("CreationDate", s3::FormatIso8601(bucket.created));
		xml.Close();
	}
	return XmlResponse(xml.Finish());
}

HttpResponse S3Handler::CreateBucket(Context &context) {
	auto body = ReadSmallBody(context.request, context.auth);
	if (!body.Ok()) {
		return context.Error(body.Failure());
	}
	// A CreateBucketConfiguration may name a LocationConstraint; it must be our region.
	size_t open = body.Value().find("<LocationConstraint>");
	if (open != std::string::npos) {
		size_t start = open + std::string("<LocationConstraint>").size();
		std::string constraint = body.Value().substr(start, body.Value().find('<', start) - start);
		if (!constraint.empty() && constraint != config.auth.region) {
			return context.Error(S3ErrorCode::INVALID_ARGUMENT, "LocationConstraint '" + constraint +
			                                                        "' is not this server's region '" +
			                                                        config.auth.region + "'");
		}
	}
	auto created = objects.CreateBucket(context.bucket);
	if (!created.Ok()) {
		return context.Error(created.Failure());
	}
	HttpResponse response;
	response.SetHeader("Location", "/" + context.bucket);
	return response;
}

HttpResponse S3Handler::DeleteBucket(Context &context) {
	if (uploads.HasUploads(context.bucket)) {
		return context.Error(S3ErrorCode::BUCKET_NOT_EMPTY,
		                     "bucket '" + context.bucket + "' has multipart uploads in progress; abort them first");
	}
	auto deleted = objects.DeleteBucket(context.bucket);
	if (!deleted.Ok()) {
		return context.Error(deleted.Failure());
	}
	HttpResponse response;
	response.status = 204;
	return response;
}

HttpResponse S3Handler::HeadBucket(Context &context) {
	if (!objects.BucketExists(context.bucket)) {
		return context.Error(S3ErrorCode::NO_SUCH_BUCKET, "bucket '" + context.bucket + "' does not exist");
	}
	HttpResponse response;
	response.head_only = true;
	response.SetHeader("x-amz-bucket-region", config.auth.region);
	return response;
}

HttpResponse S3Handler::GetBucketLocation(Context &context) {
	if (!objects.BucketExists(context.bucket)) {
		return context.Error(S3ErrorCode::NO_SUCH_BUCKET, "bucket '" + context.bucket + "' does not exist");
	}
	s3::XmlWriter xml;
	// us-east-1 is reported as an empty LocationConstraint, as S3 does.
	xml.Open("LocationConstraint", s3::S3_XML_NAMESPACE);
	std::string body = xml.Finish();
	if (config.auth.region != "us-east-1") {
		body = body.substr(0, body.rfind("</LocationConstraint>")) + s3::XmlEscape(config.auth.region) +
		       "</LocationConstraint>";
	}
	return XmlResponse(body);
}

HttpResponse S3Handler::GetAcl(Context &context) {
	// No ACLs: every bucket and object is FULL_CONTROL of the one owner; access is by key pair.
	if (context.key.empty() ? !objects.BucketExists(context.bucket)
	                        : !objects.HeadObject(context.bucket, context.key).Ok()) {
		return context.Error(context.key.empty() ? S3ErrorCode::NO_SUCH_BUCKET : S3ErrorCode::NO_SUCH_KEY,
		                     "'" + context.bucket + "/" + context.key + "' does not exist");
	}
	// The Grantee carries an xsi:type attribute, which XmlWriter does not model; the document is fixed.
	std::string body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AccessControlPolicy xmlns=\"" +
	                   std::string(s3::S3_XML_NAMESPACE) +
	                   "\"><Owner><ID>ducklake-s3d</ID><DisplayName>ducklake-s3d</DisplayName></Owner>"
	                   "<AccessControlList><Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	                   "xsi:type=\"CanonicalUser\"><ID>ducklake-s3d</ID><DisplayName>ducklake-s3d</DisplayName>"
	                   "</Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList>"
	                   "</AccessControlPolicy>";
	return XmlResponse(body);
}

HttpResponse S3Handler::GetBucketVersioning(Context &context) {
	if (!objects.BucketExists(context.bucket)) {
		return context.Error(S3ErrorCode::NO_SUCH_BUCKET, "bucket '" + context.bucket + "' does not exist");
	}
	s3::XmlWriter xml;
	xml.Open("VersioningConfiguration", s3::S3_XML_NAMESPACE);
	return XmlResponse(xml.Finish());
}

//! One page of a listing: keys and common prefixes after grouping by delimiter.
struct ListingPage {
	std::vector<std::string> keys;
	std::vector<std::string> common_prefixes;
	bool truncated = false;
	std::string last_entry;
};

static ListingPage GroupKeys(const std::vector<std::string> &all_keys, const std::string &prefix,
                             const std::string &delimiter, const std::string &after, uint64_t max_keys) {
	ListingPage page;
	uint64_t entries = 0;
	bool resume_inside_prefix = !delimiter.empty() && after.size() >= delimiter.size() &&
	                            after.compare(after.size() - delimiter.size(), delimiter.size(), delimiter) == 0;
	for (auto &key : all_keys) {
		if (resume_inside_prefix && key.compare(0, after.size(), after) == 0) {
			continue; // rolled up in the common prefix that ended the previous page
		}
		std::string common_prefix;
		if (!delimiter.empty()) {
			size_t found = key.find(delimiter, prefix.size());
			if (found != std::string::npos) {
				common_prefix = key.substr(0, found + delimiter.size());
			}
		}
		if (!common_prefix.empty() && !page.common_prefixes.empty() && page.common_prefixes.back() == common_prefix) {
			continue;
		}
		if (entries == max_keys) {
			page.truncated = true;
			break;
		}
		entries++;
		if (common_prefix.empty()) {
			page.keys.push_back(key);
			page.last_entry = key;
		} else {
			page.common_prefixes.push_back(common_prefix);
			page.last_entry = common_prefix;
		}
	}
	return page;
}

HttpResponse S3Handler::ListObjects(Context &context, bool v2) {
	s3::ListObjectsPage page;
	page.v2 = v2;
	page.bucket = context.bucket;
	page.prefix = context.Get("prefix");
	page.delimiter = context.Get("delimiter");
	page.encoding_type = context.Get("encoding-type");
	if (!page.encoding_type.empty() && page.encoding_type != "url") {
		return context.Error(S3ErrorCode::INVALID_ARGUMENT, "Invalid Encoding Method specified in Request; only "
		                                                    "encoding-type=url is allowed");
	}
	if (context.Has("max-keys")) {
		std::string text = context.Get("max-keys");
		char *end = nullptr;
		long long value = std::strtoll(text.c_str(), &end, 10);
		if (text.empty() || *end != '\0' || value < 0) {
			return context.Error(S3ErrorCode::INVALID_ARGUMENT,
			                     "max-keys '" + text + "' is not a non-negative integer");
		}
		page.max_keys = std::min<uint64_t>(uint64_t(value), LIST_MAX_KEYS_MAX);
	}
	std::string after;
	if (v2) {
		page.start_after = context.Get("start-after");
		page.continuation_token = context.Get("continuation-token");
		after = page.start_after;
		if (context.Has("continuation-token")) {
			auto decoded = s3::Base64Decode(page.continuation_token);
			if (!decoded.Ok() || decoded.Value().compare(0, 2, "k:") != 0) {
				return context.Error(S3ErrorCode::INVALID_ARGUMENT, "The continuation token provided is incorrect");
			}
			after = std::max(after, decoded.Value().substr(2));
		}
	} else {
		page.marker = context.Get("marker");
		after = page.marker;
	}
	auto keys = objects.ListKeys(context.bucket, page.prefix, after);
	if (!keys.Ok()) {
		return context.Error(keys.Failure());
	}
	ListingPage grouped = GroupKeys(keys.Value(), page.prefix, page.delimiter, after, page.max_keys);
	page.is_truncated = grouped.truncated;
	for (auto &key : grouped.keys) {
		auto metadata = objects.HeadObject(context.bucket, key);
		if (!metadata.Ok()) {
			continue; // deleted between listing and stat
		}
		page.contents.push_back(
		    {key, metadata.Value().last_modified, Quote(metadata.Value().etag), metadata.Value().size, "STANDARD"});
	}
	page.common_prefixes = std::move(grouped.common_prefixes);
	if (page.is_truncated) {
		if (v2) {
			page.next_continuation_token = s3::Base64Encode("k:" + grouped.last_entry);
		} else if (!page.delimiter.empty()) {
			page.next_marker = grouped.last_entry;
		}
	}
	return XmlResponse(s3::RenderListObjects(page));
}

HttpResponse S3Handler::ListObjectVersions(Context &context) {
	// Buckets are unversioned: every object is its only version, with VersionId "null".
	std::string prefix = context.Get("prefix");
	std::string delimiter = context.Get("delimiter");
	std::string after = context.Get("key-marker");
	auto keys = objects.ListKeys(context.bucket, prefix, after);
	if (!keys.Ok()) {
		return context.Error(keys.Failure());
	}
	uint64_t max_keys = LIST_MAX_KEYS_MAX;
	if (context.Has("max-keys")) {
		max_keys = std::min<uint64_t>(std::strtoull(context.Get("max-keys").c_str(), nullptr, 10), LIST_MAX_KEYS_MAX);
	}
	ListingPage grouped = GroupKeys(keys.Value(), prefix, delimiter, after, max_keys);
	s3::XmlWriter xml;
	xml.Open("ListVersionsResult", s3::S3_XML_NAMESPACE);
	xml.Element("Name", context.bucket);
	xml.Element("Prefix", prefix);
	xml.Element("KeyMarker", after);
	xml.Element("VersionIdMarker", std::string_view(""));
	if (grouped.truncated) {
		xml.Element("NextKeyMarker", grouped.last_entry);
		xml.Element("NextVersionIdMarker", std::string_view("null"));
	}
	xml.Element("MaxKeys", max_keys);
	if (!delimiter.empty()) {
		xml.Element("Delimiter", delimiter);
	}
	xml.Element("IsTruncated", grouped.truncated);
	for (auto &key : grouped.keys) {
		auto metadata = objects.HeadObject(context.bucket, key);
		if (!metadata.Ok()) {
			continue;
		}
		xml.Open("Version");
		xml.Element("Key", key);
		xml.Element("VersionId", std::string_view("null"));
		xml.Element("IsLatest", true);
		xml.Element("LastModified", s3::FormatIso8601(metadata.Value().last_modified));
		xml.Element("ETag", Quote(metadata.Value().etag));
		xml.Element("Size", metadata.Value().size);
		xml.Element("StorageClass", std::string_view("STANDARD"));
		WriteOwner(xml);
		xml.Close();
	}
	for (auto &common_prefix : grouped.common_prefixes) {
		xml.Open("CommonPrefixes");
		xml.Element("Prefix", common_prefix);
		xml.Close();
	}
	return XmlResponse(xml.Finish());
}

HttpResponse S3Handler::DeleteObjects(Context &context) {
	if (!objects.BucketExists(context.bucket)) {
		return context.Error(S3ErrorCode::NO_SUCH_BUCKET, "bucket '" + context.bucket + "' does not exist");
	}
	auto body = ReadSmallBody(context.request, context.auth);
	if (!body.Ok()) {
		return context.Error(body.Failure());
	}
	auto request = s3::ParseDeleteObjectsRequest(body.Value());
	if (!request.Ok()) {
		return context.Error(S3ErrorCode::MALFORMED_XML, request.Error());
	}
	s3::DeleteObjectsResult result;
	for (auto &key : request.Value().keys) {
		auto valid = s3::ValidateObjectKey(key);
		auto deleted = valid.Ok() ? objects.DeleteObject(context.bucket, key)
		                          : Outcome<bool>(Fail(S3ErrorCode::INVALID_ARGUMENT, valid.Error()));
		if (deleted.Ok()) {
			if (!request.Value().quiet) {
				result.deleted.push_back(key);
			}
		} else {
			result.errors.push_back({key, s3::ErrorInfo(deleted.Failure().code).name, deleted.Failure().message});
		}
	}
	return XmlResponse(s3::RenderDeleteObjectsResult(result));
}

} // namespace server
} // namespace ducklake
