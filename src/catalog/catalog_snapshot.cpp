#include "catalog/catalog_snapshot.hpp"

#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_schema_entry.hpp"

#include "duckdb/parser/parsed_data/create_schema_info.hpp"

#include <unordered_map>

namespace ducklake {

using namespace duckdb; // NOLINT: builds DuckDB catalog entries

CatalogSnapshot::CatalogSnapshot(DucklakeCatalog &catalog, SnapshotRecord snapshot_p,
                                 shared_ptr<const CatalogRecords> records_p,
                                 std::shared_ptr<CommittedColumns> columns_p)
    : snapshot(std::move(snapshot_p)), records(std::move(records_p)), columns(std::move(columns_p)) {
	std::unordered_map<int64_t, DucklakeSchemaEntry *> by_id;
	for (auto &schema_record : records->schemas) {
		CreateSchemaInfo info;
		info.catalog = catalog.GetName();
		info.schema = schema_record.name;
		auto name = schema_record.name;
		auto schema = make_uniq<DucklakeSchemaEntry>(catalog, info, schema_record, snapshot.snapshot_id, false);
		by_id[schema->record.schema_id] = schema.get();
		schemas_by_name[name] = schema.get();
		schemas.push_back(std::move(schema));
	}
	// Entries are built on first lookup (DucklakeSchemaEntry): here only the records are handed out.
	for (auto &table_record : records->tables) {
		auto schema = by_id.find(table_record.schema_id);
		if (schema != by_id.end()) { // else a table of a schema not visible at this snapshot
			schema->second->AddCommittedTable(table_record, *columns);
		}
	}
	for (auto &view_record : records->views) {
		auto schema = by_id.find(view_record.schema_id);
		if (schema != by_id.end()) {
			schema->second->AddCommittedView(view_record);
		}
	}
}

CatalogSnapshot::~CatalogSnapshot() {
}

optional_ptr<DucklakeSchemaEntry> CatalogSnapshot::GetSchema(const std::string &name) const {
	auto entry = schemas_by_name.find(name);
	if (entry == schemas_by_name.end()) {
		return nullptr;
	}
	return entry->second;
}

} // namespace ducklake
