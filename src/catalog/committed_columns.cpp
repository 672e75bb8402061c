#include "catalog/committed_columns.hpp"

#include "metadata/snapshot_reader.hpp"

#include "duckdb/common/exception.hpp"

namespace ducklake {

CommittedColumns::CommittedColumns(std::shared_ptr<MetadataStore> store_p, int64_t snapshot_id_p)
    : store(std::move(store_p)), snapshot_id(snapshot_id_p) {
}

std::vector<ColumnRecord> CommittedColumns::Columns(int64_t table_id, const std::string &table_name) {
	duckdb::lock_guard<duckdb::mutex> guard(lock);
	auto known = columns.find(table_id);
	if (known == columns.end() && !all_loaded) {
		auto connection = store->Connect();
		auto loaded = SnapshotReader(*connection).LoadColumns(snapshot_id, table_id);
		known = columns.emplace(table_id, std::move(loaded[table_id])).first;
	}
	if (known == columns.end() || known->second.empty()) {
		throw duckdb::IOException("DuckLake catalog %s holds no columns of table \"%s\" (id %lld) at snapshot %lld: "
		                          "the catalog is damaged",
		                          store->Describe(), table_name, static_cast<long long>(table_id),
		                          static_cast<long long>(snapshot_id));
	}
	return known->second;
}

void CommittedColumns::LoadAll() {
	duckdb::lock_guard<duckdb::mutex> guard(lock);
	if (all_loaded) {
		return;
	}
	auto connection = store->Connect();
	columns = SnapshotReader(*connection).LoadColumns(snapshot_id, -1);
	all_loaded = true;
}

} // namespace ducklake
