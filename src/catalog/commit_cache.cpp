#include "catalog/commit_cache.hpp"

namespace ducklake {

using duckdb::lock_guard;
using duckdb::mutex;

//! Entries per map; the oldest keys go first.
static constexpr size_t commit_cache_entries_max = 1024;

bool CommitCache::TableStats(int64_t table_id, int64_t snapshot_id, TableStatsRecord &result) {
	lock_guard<mutex> guard(lock);
	auto entry = table_stats.find(table_id);
	if (entry == table_stats.end() || entry->second.first != snapshot_id) {
		return false;
	}
	result = entry->second.second;
	return true;
}

void CommitCache::StoreTableStats(int64_t snapshot_id, const std::vector<TableStatsRecord> &stats) {
	lock_guard<mutex> guard(lock);
	for (auto &record : stats) {
		if (table_stats.size() >= commit_cache_entries_max && !table_stats.count(record.table_id)) {
			table_stats.erase(table_stats.begin());
		}
		auto stored = record;
		stored.exists = true;
		table_stats[record.table_id] = std::make_pair(snapshot_id, std::move(stored));
	}
}

bool CommitCache::InlinedTable(int64_t table_id, int64_t schema_version, std::string &table_name) {
	lock_guard<mutex> guard(lock);
	auto entry = inlined_tables.find(std::make_pair(table_id, schema_version));
	if (entry == inlined_tables.end()) {
		return false;
	}
	table_name = entry->second;
	return true;
}

void CommitCache::StoreInlinedTable(int64_t table_id, int64_t schema_version, std::string table_name) {
	lock_guard<mutex> guard(lock);
	if (inlined_tables.size() >= commit_cache_entries_max) {
		inlined_tables.erase(inlined_tables.begin());
	}
	inlined_tables[std::make_pair(table_id, schema_version)] = std::move(table_name);
}

bool CommitCache::Options(int64_t schema_version, std::vector<MetadataOptionRecord> &result) {
	lock_guard<mutex> guard(lock);
	if (!options_valid || options_version != schema_version) {
		return false;
	}
	result = options;
	return true;
}

void CommitCache::StoreOptions(int64_t schema_version, std::vector<MetadataOptionRecord> options_p) {
	lock_guard<mutex> guard(lock);
	options = std::move(options_p);
	options_version = schema_version;
	options_valid = true;
}

void CommitCache::InvalidateOptions() {
	lock_guard<mutex> guard(lock);
	options_valid = false;
}

} // namespace ducklake
