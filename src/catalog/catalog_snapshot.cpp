#include "catalog/catalog_snapshot.hpp"

#include "catalog/committed_columns.hpp"
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
		schema_names_by_id[schema_record.schema_id] = &schema_record.name;
		schemas_by_name[name] = schema.get();
		schemas.push_back(std::move(schema));
	}
	// Entries are built on first lookup (DucklakeSchemaEntry): here only the records are handed out.
	for (auto &table_record : records->tables) {
		auto schema = by_id.find(table_record.schema_id);
		if (schema != by_id.end()) { // else a table of a schema not visible at this snapshot
			schema->second->AddCommittedTable(table_record, *columns);
			tables_by_id[table_record.table_id] = &table_record;
		}
	}
	for (auto &view_record : records->views) {
		auto schema = by_id.find(view_record.schema_id);
		if (schema != by_id.end()) {
			schema->second->AddCommittedView(view_record);
			views_by_id[view_record.view_id] = &view_record;
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

const TableRecord *CatalogSnapshot::FindTable(int64_t table_id) const {
	auto entry = tables_by_id.find(table_id);
	return entry == tables_by_id.end() ? nullptr : entry->second;
}

const ViewRecord *CatalogSnapshot::FindView(int64_t view_id) const {
	auto entry = views_by_id.find(view_id);
	return entry == views_by_id.end() ? nullptr : entry->second;
}

std::vector<ColumnRecord> CatalogSnapshot::TableColumns(int64_t table_id) const {
	auto table = FindTable(table_id);
	if (!table) {
		return {};
	}
	return columns->Columns(table_id, table->name);
}

const std::string *CatalogSnapshot::SchemaName(int64_t schema_id) const {
	auto entry = schema_names_by_id.find(schema_id);
	return entry == schema_names_by_id.end() ? nullptr : entry->second;
}

} // namespace ducklake
