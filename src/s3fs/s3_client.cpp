#include "s3fs/s3_client.hpp"

#include "s3fs/s3_error_message.hpp"

#include "s3/byte_encoding.hpp"
#include "s3/crypto_digest.hpp"
#include "s3/delete_objects_xml.hpp"
#include "s3/s3_url.hpp"
#include "s3/sigv4_signer.hpp"

#include "duckdb/common/exception.hpp"

#include <ctime>

namespace ducklake {

namespace {

s3::RequestTarget Target(const S3Config &config, const std::string &bucket, const std::string &key) {
	s3::S3Endpoint endpoint {config.Scheme(), config.endpoint};
	auto style = config.url_style == S3UrlStyle::PATH ? s3::UrlStyle::PATH : s3::UrlStyle::VIRTUAL_HOSTED;
	return s3::MakeRequestTarget(endpoint, style, bucket, key);
}

bool BodyHasError(const std::string &body) {
	return body.find("<Error>") != std::string::npos;
}

} // namespace

S3Client::S3Client(HttpTransport &base_transport, S3Config config_p, HttpClientSettings settings_p)
    : config(std::move(config_p)), settings(settings_p), transport(base_transport, settings_p.retry) {
}

HttpRequest S3Client::NewRequest(HttpMethod method, const std::string &bucket, const std::string &key,
                                 const std::vector<s3::QueryParameter> &query) const {
	HttpRequest request;
	request.method = method;
	request.url = Target(config, bucket, key).url;
	if (!query.empty()) {
		request.url += "?" + s3::CanonicalQueryString(query);
	}
	settings.ApplyTo(request);
	return request;
}

void S3Client::Sign(HttpRequest &request, const std::string &bucket, const std::string &key,
                    const std::vector<s3::QueryParameter> &query) const {
	if (config.Anonymous()) {
		return;
	}
	auto target = Target(config, bucket, key);
	s3::SigningRequest signing;
	signing.method = HttpMethodName(request.method);
	signing.host = target.host;
	signing.encoded_path = target.encoded_path;
	signing.query = query;
	for (auto &header : request.headers) {
		signing.headers.push_back({header.name, header.value});
	}
	if (request.body_size == 0) {
		signing.payload_hash = s3::EMPTY_SHA256_HEX;
	} else if (!config.SignsPayload()) {
		signing.payload_hash = s3::UNSIGNED_PAYLOAD;
	} else {
		signing.payload_hash = s3::Sha256Hex(std::string_view(request.body, request.body_size));
	}
	s3::SigV4Credentials credentials {config.key_id, config.secret, config.session_token};
	for (auto &header : s3::SignRequestHeaders(signing, credentials, config.region, time(nullptr))) {
		request.headers.push_back({header.name, header.value});
	}
}

HttpResponse S3Client::Send(HttpRequest &request, const std::string &bucket, const std::string &key,
                            const std::vector<s3::QueryParameter> &query) {
	Sign(request, bucket, key, query);
	return transport.Perform(request);
}

void S3Client::Fail(const std::string &operation, const std::string &bucket, const std::string &key,
                    const HttpResponse &response) const {
	S3FailureContext context {operation, bucket, key, &config};
	throw duckdb::IOException(DescribeS3Failure(context, response));
}

HeadOutcome S3Client::Head(const std::string &bucket, const std::string &key, RemoteObjectHead &head) {
	auto request = NewRequest(HttpMethod::HEAD, bucket, key);
	return HeadRemoteObject(
	    transport, request, head, [&](HttpRequest &prepared) { Sign(prepared, bucket, key); },
	    [&](const HttpRequest &, const HttpResponse &response) {
		    S3FailureContext context {"HEAD", bucket, key, &config};
		    return DescribeS3Failure(context, response);
	    });
}

void S3Client::GetRange(const std::string &bucket, const std::string &key, const RemoteObjectHead &head,
                        uint64_t offset, uint64_t length, char *out) {
	auto request = NewRequest(HttpMethod::GET, bucket, key);
	FetchRemoteRange(
	    transport, request, head, offset, length, out, [&](HttpRequest &prepared) { Sign(prepared, bucket, key); },
	    [&](const HttpRequest &, const HttpResponse &response) {
		    S3FailureContext context {"GET", bucket, key, &config};
		    return DescribeS3Failure(context, response);
	    });
}

void S3Client::PutObject(const std::string &bucket, const std::string &key, const char *data, uint64_t size) {
	auto request = NewRequest(HttpMethod::PUT, bucket, key);
	request.body = data;
	request.body_size = size;
	auto response = Send(request, bucket, key);
	if (!response.Succeeded()) {
		Fail("PUT", bucket, key, response);
	}
}

std::string S3Client::CreateMultipartUpload(const std::string &bucket, const std::string &key) {
	std::vector<s3::QueryParameter> query {{"uploads", ""}};
	auto request = NewRequest(HttpMethod::POST, bucket, key, query);
	auto response = Send(request, bucket, key, query);
	if (!response.Succeeded()) {
		Fail("CreateMultipartUpload", bucket, key, response);
	}
	auto parsed = s3::ParseInitiateMultipartUploadResult(response.body);
	if (!parsed.Ok() || parsed.Value().upload_id.empty()) {
		throw duckdb::IOException("S3 CreateMultipartUpload s3://" + bucket + "/" + key +
		                          " returned an unreadable answer: " + (parsed.Ok() ? "no UploadId" : parsed.Error()));
	}
	return parsed.Value().upload_id;
}

std::string S3Client::UploadPart(const std::string &bucket, const std::string &key, const std::string &upload_id,
                                 uint32_t part_number, const char *data, uint64_t size) {
	std::vector<s3::QueryParameter> query {{"partNumber", std::to_string(part_number)}, {"uploadId", upload_id}};
	auto request = NewRequest(HttpMethod::PUT, bucket, key, query);
	request.body = data;
	request.body_size = size;
	auto response = Send(request, bucket, key, query);
	if (!response.Succeeded()) {
		Fail("UploadPart " + std::to_string(part_number), bucket, key, response);
	}
	auto etag = response.FindHeader("etag");
	if (!etag || etag->empty()) {
		throw duckdb::IOException("S3 UploadPart " + std::to_string(part_number) + " s3://" + bucket + "/" + key +
		                          " answered without an ETag");
	}
	return *etag;
}

void S3Client::CompleteMultipartUpload(const std::string &bucket, const std::string &key, const std::string &upload_id,
                                       const std::vector<s3::CompletedPart> &parts) {
	std::vector<s3::QueryParameter> query {{"uploadId", upload_id}};
	auto request = NewRequest(HttpMethod::POST, bucket, key, query);
	auto body = s3::RenderCompleteMultipartUpload(parts);
	request.body = body.data();
	request.body_size = body.size();
	request.headers.push_back({"Content-Type", "application/xml"});
	auto response = Send(request, bucket, key, query);
	// S3 may answer 200 and still report an error in the body.
	if (!response.Succeeded() || BodyHasError(response.body)) {
		if (response.Succeeded()) {
			response.status = 500;
		}
		Fail("CompleteMultipartUpload", bucket, key, response);
	}
}

bool S3Client::AbortMultipartUpload(const std::string &bucket, const std::string &key, const std::string &upload_id) {
	std::vector<s3::QueryParameter> query {{"uploadId", upload_id}};
	auto request = NewRequest(HttpMethod::DELETE, bucket, key, query);
	auto response = Send(request, bucket, key, query);
	return response.Succeeded() || response.status == 404;
}

s3::ListObjectsPage S3Client::ListObjectsV2(const std::string &bucket, const std::string &prefix,
                                            const std::string &delimiter, const std::string &continuation_token,
                                            uint64_t max_keys) {
	std::vector<s3::QueryParameter> query {{"list-type", "2"}, {"max-keys", std::to_string(max_keys)}};
	if (!prefix.empty()) {
		query.push_back({"prefix", prefix});
	}
	if (!delimiter.empty()) {
		query.push_back({"delimiter", delimiter});
	}
	if (!continuation_token.empty()) {
		query.push_back({"continuation-token", continuation_token});
	}
	query.push_back({"encoding-type", "url"});
	auto request = NewRequest(HttpMethod::GET, bucket, "", query);
	auto response = Send(request, bucket, "", query);
	if (!response.Succeeded()) {
		Fail("LIST (prefix '" + prefix + "')", bucket, "", response);
	}
	auto parsed = s3::ParseListObjects(response.body);
	if (!parsed.Ok()) {
		throw duckdb::IOException("S3 LIST s3://" + bucket + "/" + prefix +
		                          " returned an unreadable ListBucketResult: " + parsed.Error());
	}
	return std::move(parsed.Value());
}

void S3Client::DeleteObject(const std::string &bucket, const std::string &key) {
	auto request = NewRequest(HttpMethod::DELETE, bucket, key);
	auto response = Send(request, bucket, key);
	if (!response.Succeeded() && response.status != 404) {
		Fail("DELETE", bucket, key, response);
	}
}

void S3Client::DeleteObjects(const std::string &bucket, const std::vector<std::string> &keys) {
	if (keys.empty()) {
		return;
	}
	if (keys.size() > s3::DELETE_OBJECTS_KEYS_MAX) {
		throw duckdb::InternalException("DeleteObjects called with more than 1000 keys");
	}
	s3::DeleteObjectsRequest delete_request;
	delete_request.quiet = true;
	delete_request.keys = keys;
	auto body = s3::RenderDeleteObjectsRequest(delete_request);
	std::vector<s3::QueryParameter> query {{"delete", ""}};
	auto request = NewRequest(HttpMethod::POST, bucket, "", query);
	request.body = body.data();
	request.body_size = body.size();
	request.headers.push_back({"Content-Type", "application/xml"});
	// S3 requires an integrity header on DeleteObjects.
	request.headers.push_back({"Content-MD5", s3::Base64Encode(s3::Md5(body))});
	auto response = Send(request, bucket, "", query);
	if (!response.Succeeded()) {
		Fail("DeleteObjects", bucket, keys.front(), response);
	}
	auto parsed = s3::ParseDeleteObjectsResult(response.body);
	if (parsed.Ok() && !parsed.Value().errors.empty()) {
		auto &first = parsed.Value().errors.front();
		throw duckdb::IOException("S3 DeleteObjects s3://" + bucket + "/" + first.key + " failed: " + first.code +
		                          " (" + first.message + ")" +
		                          (parsed.Value().errors.size() > 1
		                               ? " and " + std::to_string(parsed.Value().errors.size() - 1) + " more keys"
		                               : std::string()));
	}
}

void S3Client::CopyObject(const std::string &source_bucket, const std::string &source_key, const std::string &bucket,
                          const std::string &key) {
	auto request = NewRequest(HttpMethod::PUT, bucket, key);
	request.headers.push_back({"x-amz-copy-source", "/" + source_bucket + "/" + s3::UriEncode(source_key, false)});
	auto response = Send(request, bucket, key);
	if (!response.Succeeded() || BodyHasError(response.body)) {
		if (response.Succeeded()) {
			response.status = 500;
		}
		Fail("COPY from s3://" + source_bucket + "/" + source_key + " to", bucket, key, response);
	}
}

} // namespace ducklake
