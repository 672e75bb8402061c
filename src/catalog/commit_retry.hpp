//===----------------------------------------------------------------------===//
// CommitRetryPolicy: how often and how patiently a DuckLake commit that lost a race with another
// writer is retried.
//
// The settings carry the official extension's names and defaults:
//   ducklake_max_retry_count  (10)   retries after the first attempt, at most commit_retry_count_max
//   ducklake_retry_wait_ms    (100)  wait before the first retry, at most commit_retry_wait_ms_max
//   ducklake_retry_backoff    (1.5)  factor between consecutive waits, 1 to commit_retry_backoff_max
// Each wait is jittered down by up to a quarter so writers that collided once do not collide
// again in lockstep. Values outside the bounds are refused by SET with an error naming the
// setting and the allowed range.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>

namespace duckdb {
class ClientContext;
class DBConfig;
} // namespace duckdb

namespace ducklake {

constexpr int64_t commit_retry_count_max = 1000;
constexpr int64_t commit_retry_wait_ms_max = 60000;
constexpr double commit_retry_backoff_max = 10;

struct CommitRetryPolicy {
	int64_t max_retry_count = 10;
	int64_t retry_wait_ms = 100;
	double retry_backoff = 1.5;

	//! The settings in effect for `context` (defaults where unset).
	static CommitRetryPolicy FromContext(duckdb::ClientContext &context);
	//! The wait before retry number `retry_idx` (0 = the first retry), without jitter, capped at
	//! commit_retry_wait_ms_max.
	int64_t WaitMs(int64_t retry_idx) const;
};

void RegisterCommitRetrySettings(duckdb::DBConfig &config);

} // namespace ducklake
