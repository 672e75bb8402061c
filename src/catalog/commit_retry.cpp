#include "catalog/commit_retry.hpp"

#include "duckdb/common/exception.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/main/config.hpp"

#include <algorithm>
#include <cmath>

namespace ducklake {

using duckdb::Value;

namespace {

void CheckRetryCount(duckdb::ClientContext &, duckdb::SetScope, Value &parameter) {
	auto count = parameter.GetValue<int64_t>();
	if (count < 0 || count > commit_retry_count_max) {
		throw duckdb::InvalidInputException("ducklake_max_retry_count must be between 0 and %lld, got %lld",
		                                    static_cast<long long>(commit_retry_count_max),
		                                    static_cast<long long>(count));
	}
}

void CheckRetryWait(duckdb::ClientContext &, duckdb::SetScope, Value &parameter) {
	auto wait_ms = parameter.GetValue<int64_t>();
	if (wait_ms < 0 || wait_ms > commit_retry_wait_ms_max) {
		throw duckdb::InvalidInputException(
		    "ducklake_retry_wait_ms must be between 0 and %lld (milliseconds), got %lld",
		    static_cast<long long>(commit_retry_wait_ms_max), static_cast<long long>(wait_ms));
	}
}

void CheckRetryBackoff(duckdb::ClientContext &, duckdb::SetScope, Value &parameter) {
	auto backoff = parameter.GetValue<double>();
	if (!(backoff >= 1 && backoff <= commit_retry_backoff_max)) {
		throw duckdb::InvalidInputException("ducklake_retry_backoff must be between 1 and %g, got %s",
		                                    commit_retry_backoff_max, parameter.ToString());
	}
}

} // namespace

void RegisterCommitRetrySettings(duckdb::DBConfig &config) {
	CommitRetryPolicy defaults;
	config.AddExtensionOption("ducklake_max_retry_count",
	                          "Retries of a DuckLake commit that lost the race for the next snapshot to another writer",
	                          duckdb::LogicalType::BIGINT, Value::BIGINT(defaults.max_retry_count), CheckRetryCount);
	config.AddExtensionOption("ducklake_retry_wait_ms", "Wait before the first DuckLake commit retry (milliseconds)",
	                          duckdb::LogicalType::BIGINT, Value::BIGINT(defaults.retry_wait_ms), CheckRetryWait);
	config.AddExtensionOption("ducklake_retry_backoff", "Factor between consecutive DuckLake commit retry waits",
	                          duckdb::LogicalType::DOUBLE, Value::DOUBLE(defaults.retry_backoff), CheckRetryBackoff);
}

CommitRetryPolicy CommitRetryPolicy::FromContext(duckdb::ClientContext &context) {
	CommitRetryPolicy policy;
	Value value;
	if (context.TryGetCurrentSetting("ducklake_max_retry_count", value) && !value.IsNull()) {
		policy.max_retry_count = std::min(std::max<int64_t>(value.GetValue<int64_t>(), 0), commit_retry_count_max);
	}
	if (context.TryGetCurrentSetting("ducklake_retry_wait_ms", value) && !value.IsNull()) {
		policy.retry_wait_ms = std::min(std::max<int64_t>(value.GetValue<int64_t>(), 0), commit_retry_wait_ms_max);
	}
	if (context.TryGetCurrentSetting("ducklake_retry_backoff", value) && !value.IsNull()) {
		policy.retry_backoff = std::min(std::max(value.GetValue<double>(), 1.0), commit_retry_backoff_max);
	}
	return policy;
}

int64_t CommitRetryPolicy::WaitMs(int64_t retry_idx) const {
	auto wait = static_cast<double>(retry_wait_ms) * std::pow(retry_backoff, static_cast<double>(retry_idx));
	return static_cast<int64_t>(std::min(wait, static_cast<double>(commit_retry_wait_ms_max)));
}

} // namespace ducklake
