//===----------------------------------------------------------------------===//
// s3fs settings: the httpfs-compatible options (`SET s3_region = ...`, `SET http_retries = ...`)
// and how a file system reads them through a FileOpener.
//
// The s3_* credential and endpoint settings default to NULL, which means "not set here": the value
// then comes from the environment, the AWS profile files or the httpfs default (see s3_config.hpp),
// so `current_setting('s3_region')` shows NULL until the user sets it. The http_* settings have
// httpfs's defaults. Reading never throws for a missing opener: defaults apply.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/range_reader.hpp"
#include "s3fs/retry_policy.hpp"
#include "s3fs/s3_config.hpp"

#include "duckdb/common/optional_ptr.hpp"

namespace duckdb {
class DBConfig;
class FileOpener;
} // namespace duckdb

namespace ducklake {

struct HttpClientSettings {
	RetryPolicy retry;
	uint64_t request_timeout_ms = 30000;
	//! enable_server_cert_verification (true unless turned off explicitly).
	bool verify_tls = true;
	//! ca_cert_file: PEM file of the CAs to trust for https; empty: the system's.
	std::string ca_cert_file;

	//! Copies the per-request parts (timeout, TLS) into `request`.
	void ApplyTo(HttpRequest &request) const {
		request.timeout_ms = request_timeout_ms;
		request.verify_tls = verify_tls;
		request.ca_cert_file = ca_cert_file;
	}
};

//! Adds the s3_* and http_* options to `config`.
void RegisterS3fsSettings(duckdb::DBConfig &config);

//! http_timeout, http_retries, http_retry_wait_ms, http_retry_backoff from the opener's settings.
HttpClientSettings ReadHttpClientSettings(duckdb::optional_ptr<duckdb::FileOpener> opener);

//! The `SET s3_*` layer of the S3 configuration (unset settings stay unset).
S3ConfigLayer ReadS3SettingsLayer(duckdb::optional_ptr<duckdb::FileOpener> opener);

//! `tuning` with s3fs_read_ranges_in_flight / s3fs_read_range_size_mib / s3fs_read_prefetch applied.
RangeReadTuning ReadRangeTuning(duckdb::optional_ptr<duckdb::FileOpener> opener, RangeReadTuning tuning);

//! s3_uploader_thread_limit: parts of one multipart upload in flight at once.
uint64_t ReadUploadThreadLimit(duckdb::optional_ptr<duckdb::FileOpener> opener);

} // namespace ducklake
