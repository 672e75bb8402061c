#include "workload/s3_bucket.hpp"

#include <curl/curl.h>

#include <mutex>

namespace ducklake {

namespace {

size_t DiscardBody(char *, size_t size, size_t count, void *) {
	return size * count;
}

struct Response {
	CURLcode code = CURLE_OK;
	long status = 0;
	std::string transport_error;
};

Response Send(const S3BucketTarget &target, const std::string &method) {
	static std::once_flag once;
	std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
	Response response;
	auto endpoint = target.endpoint;
	if (endpoint.find("://") == std::string::npos) {
		endpoint = "http://" + endpoint;
	}
	while (!endpoint.empty() && endpoint.back() == '/') {
		endpoint.pop_back();
	}
	auto url = endpoint + "/" + target.bucket;
	auto curl = curl_easy_init();
	if (!curl) {
		response.code = CURLE_FAILED_INIT;
		response.transport_error = "curl_easy_init failed";
		return response;
	}
	char error_buffer[CURL_ERROR_SIZE] = {0};
	auto sigv4 = "aws:amz:" + target.region + ":s3";
	auto credentials = target.access_key_id + ":" + target.secret_access_key;
	curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, sigv4.c_str());
	curl_easy_setopt(curl, CURLOPT_USERPWD, credentials.c_str());
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(target.request_timeout_ms));
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, DiscardBody);
	// S3 requires the payload hash with SigV4; libcurl signs the header when it is set. Both
	// requests have an empty body: this is SHA-256 of "".
	curl_slist *headers = curl_slist_append(
	    nullptr, "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	if (method == "HEAD") {
		curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
	} else {
		curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
	}
	response.code = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
	if (response.code != CURLE_OK) {
		response.transport_error = error_buffer[0] ? error_buffer : curl_easy_strerror(response.code);
	}
	curl_easy_cleanup(curl);
	curl_slist_free_all(headers);
	return response;
}

} // namespace

std::string S3BucketOf(const std::string &url) {
	if (url.compare(0, 5, "s3://") != 0) {
		return "";
	}
	auto slash = url.find('/', 5);
	return url.substr(5, slash == std::string::npos ? std::string::npos : slash - 5);
}

S3BucketResult EnsureS3Bucket(const S3BucketTarget &target) {
	S3BucketResult result;
	auto where = "bucket \"" + target.bucket + "\" at " + target.endpoint;
	if (target.bucket.empty()) {
		result.error = "no bucket name given for " + target.endpoint;
		return result;
	}
	auto head = Send(target, "HEAD");
	if (head.code != CURLE_OK) {
		result.error = "cannot reach " + where + ": " + head.transport_error;
		return result;
	}
	if (head.status == 200) {
		result.outcome = S3BucketOutcome::EXISTED;
		return result;
	}
	if (head.status != 404) {
		result.error = "checking " + where + " failed with HTTP " + std::to_string(head.status) +
		               (head.status == 403 ? " (wrong access key or secret?)" : "");
		return result;
	}
	auto put = Send(target, "PUT");
	if (put.code != CURLE_OK) {
		result.error = "creating " + where + " failed: " + put.transport_error;
	} else if (put.status == 200) {
		result.outcome = S3BucketOutcome::CREATED;
	} else if (put.status == 409) {
		// BucketAlreadyOwnedByYou: created meanwhile by someone else with our credentials.
		result.outcome = S3BucketOutcome::EXISTED;
	} else {
		result.error = "creating " + where + " failed with HTTP " + std::to_string(put.status);
	}
	return result;
}

} // namespace ducklake
