//===----------------------------------------------------------------------===//
// Downloads one http(s) URL to a local file with libcurl, for TLC files served over https.
// The file appears at `path` only when the whole body arrived (written to `path.partial`, then
// renamed), so a failed or interrupted download never leaves a truncated Parquet file behind.
// Every transfer is bounded in size, connect time and stall time. Thread-safe: one curl easy
// handle per call (curl_global_init is done once, on first use).
//===----------------------------------------------------------------------===//

#pragma once

#include <cstdint>
#include <string>

namespace ducklake {

struct HttpDownloadLimits {
	//! A TLC yellow-taxi month is 50-70 MB; refuse anything past this.
	uint64_t body_bytes_max = uint64_t(2) << 30;
	int64_t connect_timeout_ms = 10000;
	//! Abort when fewer than stall_bytes_per_second_min arrive for stall_seconds_max.
	int64_t stall_seconds_max = 30;
	int64_t stall_bytes_per_second_min = 1024;
	int64_t redirects_max = 5;
};

enum class HttpDownloadStatus { OK, NOT_FOUND, FAILED };

struct HttpDownloadResult {
	HttpDownloadStatus status = HttpDownloadStatus::FAILED;
	uint64_t bytes = 0;
	//! For FAILED and NOT_FOUND: names the URL and what went wrong.
	std::string error;
};

HttpDownloadResult HttpDownload(const std::string &url, const std::string &path,
                                const HttpDownloadLimits &limits = HttpDownloadLimits());

} // namespace ducklake
