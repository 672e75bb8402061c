#include "s3fs/s3fs_settings.hpp"

#include "duckdb/common/file_opener.hpp"
#include "duckdb/common/types/value.hpp"
#include "duckdb/main/config.hpp"

namespace ducklake {

namespace {

using duckdb::LogicalType;
using duckdb::Value;

bool TryRead(duckdb::optional_ptr<duckdb::FileOpener> opener, const std::string &name, Value &value) {
	if (!opener) {
		return false;
	}
	if (!duckdb::FileOpener::TryGetCurrentSetting(opener, name, value)) {
		return false;
	}
	return !value.IsNull();
}

std::optional<std::string> ReadString(duckdb::optional_ptr<duckdb::FileOpener> opener, const std::string &name) {
	Value value;
	if (!TryRead(opener, name, value)) {
		return std::nullopt;
	}
	return value.ToString();
}

} // namespace

void RegisterS3fsSettings(duckdb::DBConfig &config) {
	auto unset_text = Value(LogicalType::VARCHAR);
	config.AddExtensionOption("s3_region", "S3 region (NULL: AWS_REGION, the AWS profile, or us-east-1)",
	                          LogicalType::VARCHAR, unset_text);
	config.AddExtensionOption("s3_endpoint",
	                          "S3 endpoint host[:port] (NULL: AWS_ENDPOINT_URL, the AWS profile, or s3.amazonaws.com)",
	                          LogicalType::VARCHAR, unset_text);
	config.AddExtensionOption("s3_url_style", "S3 URL style: 'vhost' (default) or 'path'", LogicalType::VARCHAR,
	                          unset_text);
	config.AddExtensionOption("s3_use_ssl", "Use https for S3 (NULL: true)", LogicalType::BOOLEAN,
	                          Value(LogicalType::BOOLEAN));
	config.AddExtensionOption("s3_access_key_id", "S3 access key id", LogicalType::VARCHAR, unset_text);
	config.AddExtensionOption("s3_secret_access_key", "S3 secret access key", LogicalType::VARCHAR, unset_text);
	config.AddExtensionOption("s3_session_token", "S3 session token", LogicalType::VARCHAR, unset_text);
	config.AddExtensionOption("s3_uploader_thread_limit", "Parts of one S3 multipart upload in flight at once",
	                          LogicalType::UBIGINT, Value::UBIGINT(8));
	// A NULL default is not stored by AddExtensionOption, and a setting with no stored value makes
	// current_setting() try to autoload httpfs: store the NULLs explicitly.
	for (auto name :
	     {"s3_region", "s3_endpoint", "s3_url_style", "s3_access_key_id", "s3_secret_access_key", "s3_session_token"}) {
		config.options.set_variables[name] = unset_text;
	}
	config.options.set_variables["s3_use_ssl"] = Value(LogicalType::BOOLEAN);
	config.AddExtensionOption("s3fs_read_ranges_in_flight",
	                          "Range requests one large read of an s3:// or http(s):// file keeps in flight",
	                          LogicalType::UBIGINT, Value::UBIGINT(RangeReadTuning().ranges_in_flight_max));
	config.AddExtensionOption("s3fs_read_range_size_mib", "Size of each range request of a large read (MiB)",
	                          LogicalType::UBIGINT, Value::UBIGINT(RangeReadTuning().range_size_bytes >> 20));
	config.AddExtensionOption("s3fs_read_prefetch", "Prefetch the next range in the background on sequential reads",
	                          LogicalType::BOOLEAN, Value::BOOLEAN(false));
	config.AddExtensionOption("http_timeout", "HTTP request timeout in seconds", LogicalType::UBIGINT,
	                          Value::UBIGINT(30));
	config.AddExtensionOption("http_retries", "Retries of a failed HTTP request", LogicalType::UBIGINT,
	                          Value::UBIGINT(3));
	config.AddExtensionOption("http_retry_wait_ms", "Wait before the first HTTP retry (ms)", LogicalType::UBIGINT,
	                          Value::UBIGINT(100));
	config.AddExtensionOption("ca_cert_file",
	                          "PEM file with the CA certificates to trust for https:// and s3:// over TLS (NULL: the "
	                          "system's)",
	                          LogicalType::VARCHAR, unset_text);
	config.options.set_variables["ca_cert_file"] = unset_text;
	config.AddExtensionOption("enable_server_cert_verification",
	                          "Verify the server's TLS certificate and host name (default true)", LogicalType::BOOLEAN,
	                          Value::BOOLEAN(true));
	config.AddExtensionOption("http_retry_backoff", "Factor between consecutive HTTP retry waits", LogicalType::FLOAT,
	                          Value::FLOAT(4));
}

HttpClientSettings ReadHttpClientSettings(duckdb::optional_ptr<duckdb::FileOpener> opener) {
	HttpClientSettings settings;
	Value value;
	const uint64_t timeout_s_max = 24 * 3600;
	const uint64_t retries_max = 100;
	if (TryRead(opener, "http_timeout", value)) {
		settings.request_timeout_ms = std::min<uint64_t>(value.GetValue<uint64_t>(), timeout_s_max) * 1000;
		if (settings.request_timeout_ms == 0) {
			settings.request_timeout_ms = timeout_s_max * 1000;
		}
	}
	if (TryRead(opener, "http_retries", value)) {
		settings.retry.retries_max = static_cast<uint32_t>(std::min<uint64_t>(value.GetValue<uint64_t>(), retries_max));
	}
	if (TryRead(opener, "http_retry_wait_ms", value)) {
		settings.retry.wait_initial_ms = value.GetValue<uint64_t>();
	}
	if (TryRead(opener, "http_retry_backoff", value)) {
		settings.retry.backoff_factor = std::max<double>(1.0, value.GetValue<float>());
	}
	if (TryRead(opener, "enable_server_cert_verification", value)) {
		settings.verify_tls = value.GetValue<bool>();
	}
	if (auto ca_cert_file = ReadString(opener, "ca_cert_file")) {
		settings.ca_cert_file = *ca_cert_file;
	}
	return settings;
}

S3ConfigLayer ReadS3SettingsLayer(duckdb::optional_ptr<duckdb::FileOpener> opener) {
	S3ConfigLayer layer;
	layer.source = "SET s3_*";
	layer.key_id = ReadString(opener, "s3_access_key_id");
	layer.secret = ReadString(opener, "s3_secret_access_key");
	layer.session_token = ReadString(opener, "s3_session_token");
	layer.region = ReadString(opener, "s3_region");
	layer.endpoint = ReadString(opener, "s3_endpoint");
	layer.url_style = ReadString(opener, "s3_url_style");
	Value value;
	if (TryRead(opener, "s3_use_ssl", value)) {
		layer.use_ssl = value.GetValue<bool>();
	}
	return layer;
}

RangeReadTuning ReadRangeTuning(duckdb::optional_ptr<duckdb::FileOpener> opener, RangeReadTuning tuning) {
	Value value;
	const uint64_t ranges_in_flight_max = 64;
	const uint64_t range_size_mib_max = 1024;
	if (TryRead(opener, "s3fs_read_ranges_in_flight", value)) {
		tuning.ranges_in_flight_max =
		    std::max<uint64_t>(1, std::min<uint64_t>(value.GetValue<uint64_t>(), ranges_in_flight_max));
	}
	if (TryRead(opener, "s3fs_read_range_size_mib", value)) {
		tuning.range_size_bytes =
		    std::max<uint64_t>(1, std::min<uint64_t>(value.GetValue<uint64_t>(), range_size_mib_max)) << 20;
	}
	const uint64_t prefetch_bytes_max = 64ULL << 20;
	if (TryRead(opener, "s3fs_read_prefetch", value)) {
		tuning.sequential_prefetch_bytes_max = value.GetValue<bool>() ? prefetch_bytes_max : 0;
	}
	return tuning;
}

uint64_t ReadUploadThreadLimit(duckdb::optional_ptr<duckdb::FileOpener> opener) {
	Value value;
	const uint64_t upload_threads_max = 64;
	if (TryRead(opener, "s3_uploader_thread_limit", value)) {
		return std::max<uint64_t>(1, std::min<uint64_t>(value.GetValue<uint64_t>(), upload_threads_max));
	}
	return 8;
}

} // namespace ducklake
