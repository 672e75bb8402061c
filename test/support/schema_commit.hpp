//===----------------------------------------------------------------------===//
// Test helpers that drive CommitWriter on any metadata store: a commit that creates one
// schema, and a committer that retries lost races like the catalog's commit loop does.
// Header-only; users link ducklake_metadata.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/commit_writer.hpp"
#include "metadata/metadata_error.hpp"

#include <cstdio>
#include <string>

namespace ducklake {
namespace test {

//! The next snapshot after `latest`, creating schema `schema_name` (id from next_catalog_id).
inline CommitBatch SchemaCommit(const SnapshotRecord &latest, const std::string &schema_name) {
	CommitBatch batch;
	batch.snapshot.snapshot_id = latest.snapshot_id + 1;
	batch.snapshot.schema_version = latest.schema_version + 1;
	batch.snapshot.next_catalog_id = latest.next_catalog_id + 1;
	batch.snapshot.next_file_id = latest.next_file_id;
	batch.changes_made = "created_schema:\"" + schema_name + "\"";
	batch.schema_changed = true;
	SchemaRecord schema;
	schema.schema_id = latest.next_catalog_id;
	char uuid[40];
	snprintf(uuid, sizeof(uuid), "0192f1a8-7b3c-7def-8123-%012lld", static_cast<long long>(schema.schema_id));
	schema.schema_uuid = uuid;
	schema.name = schema_name;
	schema.path = schema_name + "/";
	schema.path_is_relative = true;
	batch.new_schemas.push_back(schema);
	return batch;
}

struct CommitOutcome {
	bool committed = false;
	int64_t attempts = 0;
	std::string error; // the last non-retryable error, when not committed
};

//! Commit a new schema, retrying retryable failures up to attempts_max times.
inline CommitOutcome CommitSchemaWithRetry(MetadataConnection &connection, const std::string &schema_name,
                                           int64_t attempts_max) {
	CommitOutcome outcome;
	while (outcome.attempts < attempts_max) {
		outcome.attempts++;
		CommitWriter writer(connection);
		try {
			auto latest = writer.Begin();
			writer.Write(SchemaCommit(latest, schema_name));
			writer.Commit();
			outcome.committed = true;
			return outcome;
		} catch (MetadataException &error) {
			writer.Abort();
			if (!error.IsRetryable()) {
				outcome.error = error.what();
				return outcome;
			}
		}
	}
	outcome.error = "gave up after " + std::to_string(attempts_max) + " attempts";
	return outcome;
}

} // namespace test
} // namespace ducklake
