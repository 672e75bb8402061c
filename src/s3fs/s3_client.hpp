//===----------------------------------------------------------------------===//
// S3Client: S3 operations (HEAD, ranged GET, PUT, multipart, list, delete, copy) for one resolved
// configuration, over a borrowed transport.
//
// Builds each request's URL for the configured endpoint and URL style, signs it with SigV4 (no
// signature when the configuration is anonymous) and sends it through a RetryingTransport with the
// query's retry policy and timeout. Bodies are signed with their SHA-256 over http; over https they
// are sent as UNSIGNED-PAYLOAD (TLS protects them), as the AWS SDKs do. Failures throw
// duckdb::IOException with the text of s3_error_message.hpp, except Head, whose "not found" is an
// expected outcome. Thread-safe: operations may run concurrently (multipart parts do).
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/http_transport.hpp"
#include "s3fs/remote_object_head.hpp"
#include "s3fs/retrying_transport.hpp"
#include "s3fs/s3_config.hpp"
#include "s3fs/s3fs_settings.hpp"

#include "s3/list_objects_xml.hpp"
#include "s3/multipart_xml.hpp"
#include "s3/uri_encoding.hpp"

namespace ducklake {

class S3Client {
public:
	S3Client(HttpTransport &base_transport, S3Config config, HttpClientSettings settings);

	const S3Config &Config() const {
		return config;
	}
	//! A request for bucket/key (key may be empty) with its URL set; not yet signed.
	HttpRequest NewRequest(HttpMethod method, const std::string &bucket, const std::string &key,
	                       const std::vector<s3::QueryParameter> &query = {}) const;
	//! Adds the SigV4 headers for the request as it is now (its headers are all signed).
	void Sign(HttpRequest &request, const std::string &bucket, const std::string &key,
	          const std::vector<s3::QueryParameter> &query = {}) const;
	//! Signs and sends.
	HttpResponse Send(HttpRequest &request, const std::string &bucket, const std::string &key,
	                  const std::vector<s3::QueryParameter> &query = {});
	//! Throws the IOException for a failed `operation` on bucket/key.
	[[noreturn]] void Fail(const std::string &operation, const std::string &bucket, const std::string &key,
	                       const HttpResponse &response) const;

	HeadOutcome Head(const std::string &bucket, const std::string &key, RemoteObjectHead &head);
	//! Exactly `length` bytes at `offset`; checks the ETag against head.etag (object replaced = error).
	void GetRange(const std::string &bucket, const std::string &key, const RemoteObjectHead &head, uint64_t offset,
	              uint64_t length, char *out);
	void PutObject(const std::string &bucket, const std::string &key, const char *data, uint64_t size);
	std::string CreateMultipartUpload(const std::string &bucket, const std::string &key);
	//! Returns the part's ETag.
	std::string UploadPart(const std::string &bucket, const std::string &key, const std::string &upload_id,
	                       uint32_t part_number, const char *data, uint64_t size);
	void CompleteMultipartUpload(const std::string &bucket, const std::string &key, const std::string &upload_id,
	                             const std::vector<s3::CompletedPart> &parts);
	//! Best effort: returns false instead of throwing (it runs while another error is reported).
	bool AbortMultipartUpload(const std::string &bucket, const std::string &key, const std::string &upload_id);
	//! One ListObjectsV2 page.
	s3::ListObjectsPage ListObjectsV2(const std::string &bucket, const std::string &prefix,
	                                  const std::string &delimiter, const std::string &continuation_token,
	                                  uint64_t max_keys = 1000);
	void DeleteObject(const std::string &bucket, const std::string &key);
	//! At most s3::DELETE_OBJECTS_KEYS_MAX keys; throws naming the first key that failed.
	void DeleteObjects(const std::string &bucket, const std::vector<std::string> &keys);
	void CopyObject(const std::string &source_bucket, const std::string &source_key, const std::string &bucket,
	                const std::string &key);

private:
	S3Config config;
	HttpClientSettings settings;
	RetryingTransport transport;
};

} // namespace ducklake
