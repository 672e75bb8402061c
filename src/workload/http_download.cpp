#include "workload/http_download.hpp"

#include <curl/curl.h>

#include <cstdio>
#include <mutex>

namespace ducklake {

namespace {

struct DownloadSink {
	FILE *file = nullptr;
	uint64_t bytes = 0;
	uint64_t bytes_max = 0;
	bool too_large = false;
};

size_t WriteBody(char *data, size_t size, size_t count, void *user) {
	auto &sink = *static_cast<DownloadSink *>(user);
	auto length = size * count;
	if (sink.bytes + length > sink.bytes_max) {
		sink.too_large = true;
		return 0;
	}
	sink.bytes += length;
	return std::fwrite(data, 1, length, sink.file);
}

void InitCurlOnce() {
	static std::once_flag once;
	std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

HttpDownloadResult HttpDownload(const std::string &url, const std::string &path, const HttpDownloadLimits &limits) {
	HttpDownloadResult result;
	InitCurlOnce();
	auto partial_path = path + ".partial";
	DownloadSink sink;
	sink.bytes_max = limits.body_bytes_max;
	sink.file = std::fopen(partial_path.c_str(), "wb");
	if (!sink.file) {
		result.error = "cannot create \"" + partial_path + "\" to download " + url;
		return result;
	}
	auto curl = curl_easy_init();
	if (!curl) {
		std::fclose(sink.file);
		std::remove(partial_path.c_str());
		result.error = "cannot start a download of " + url + " (curl_easy_init failed)";
		return result;
	}
	char error_buffer[CURL_ERROR_SIZE] = {0};
	curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(limits.redirects_max));
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect_timeout_ms));
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(limits.stall_seconds_max));
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(limits.stall_bytes_per_second_min));
	curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits.body_bytes_max));
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteBody);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
	auto code = curl_easy_perform(curl);
	long http_status = 0;
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http_status);
	curl_easy_cleanup(curl);
	bool closed = std::fclose(sink.file) == 0;

	result.bytes = sink.bytes;
	if (code == CURLE_OK && http_status == 200 && closed && std::rename(partial_path.c_str(), path.c_str()) == 0) {
		result.status = HttpDownloadStatus::OK;
		return result;
	}
	std::remove(partial_path.c_str());
	if (code == CURLE_OK && http_status == 404) {
		result.status = HttpDownloadStatus::NOT_FOUND;
		result.error = url + " does not exist (HTTP 404)";
	} else if (sink.too_large || code == CURLE_FILESIZE_EXCEEDED) {
		result.error = url + " is larger than the " + std::to_string(limits.body_bytes_max) + "-byte limit";
	} else if (code != CURLE_OK) {
		result.error = "downloading " + url + " failed: " + (error_buffer[0] ? error_buffer : curl_easy_strerror(code));
	} else if (http_status != 200) {
		result.error = "downloading " + url + " failed: HTTP " + std::to_string(http_status);
	} else {
		result.error = "cannot write the download of " + url + " to \"" + path + "\"";
	}
	return result;
}

} // namespace ducklake
