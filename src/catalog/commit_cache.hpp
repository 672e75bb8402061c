//===----------------------------------------------------------------------===//
// CommitCache: facts about committed snapshots that small commits reuse instead of reading
// them from the metadata store again (one catalog, all its transactions).
//
// - Table stats as of a snapshot: a commit needs the table's ducklake_table_stats at the newest
//   snapshot; when that snapshot is the one this process committed last for the table, the
//   stats it wrote are those stats (a snapshot never changes).
// - The inlined data table a table's inlined rows go into at a schema version: fixed for the
//   version, since creating one raises the version.
// - The ducklake_metadata options, re-read when the schema version changes or this process
//   sets an option. Options are written without a snapshot: another process's set_option is
//   seen here at the next DDL or attach.
//
// Thread-safe (one lock); every map is bounded.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_records.hpp"

#include "duckdb/common/mutex.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ducklake {

class CommitCache {
public:
	bool TableStats(int64_t table_id, int64_t snapshot_id, TableStatsRecord &result);
	//! The stats a commit of `snapshot_id` wrote (complete rows of those tables).
	void StoreTableStats(int64_t snapshot_id, const std::vector<TableStatsRecord> &stats);

	bool InlinedTable(int64_t table_id, int64_t schema_version, std::string &table_name);
	void StoreInlinedTable(int64_t table_id, int64_t schema_version, std::string table_name);

	bool Options(int64_t schema_version, std::vector<MetadataOptionRecord> &result);
	void StoreOptions(int64_t schema_version, std::vector<MetadataOptionRecord> options);
	void InvalidateOptions();

private:
	duckdb::mutex lock;
	std::map<int64_t, std::pair<int64_t, TableStatsRecord>> table_stats; // table -> (snapshot, stats)
	std::map<std::pair<int64_t, int64_t>, std::string> inlined_tables;   // (table, version) -> name
	bool options_valid = false;
	int64_t options_version = -1;
	std::vector<MetadataOptionRecord> options;
};

} // namespace ducklake
