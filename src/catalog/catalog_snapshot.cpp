#include "catalog/catalog_snapshot.hpp"

#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_schema_entry.hpp"
#include "catalog/ducklake_table_entry.hpp"
#include "catalog/table_alter.hpp"
#include "storage/column_tree.hpp"

#include "duckdb/parser/parsed_data/create_schema_info.hpp"
#include "duckdb/parser/parsed_data/create_table_info.hpp"
#include "duckdb/parser/parsed_data/create_view_info.hpp"

#include <unordered_map>

namespace ducklake {

using namespace duckdb; // NOLINT: builds DuckDB catalog entries

CatalogSnapshot::CatalogSnapshot(DucklakeCatalog &catalog, CatalogRecords records)
    : snapshot(std::move(records.snapshot)) {
	std::unordered_map<int64_t, DucklakeSchemaEntry *> by_id;
	for (auto &schema_record : records.schemas) {
		CreateSchemaInfo info;
		info.catalog = catalog.GetName();
		info.schema = schema_record.name;
		auto name = schema_record.name;
		auto schema =
		    make_uniq<DucklakeSchemaEntry>(catalog, info, std::move(schema_record), snapshot.snapshot_id, false);
		by_id[schema->record.schema_id] = schema.get();
		schemas_by_name[name] = schema.get();
		schemas.push_back(std::move(schema));
	}
	for (auto &table_record : records.tables) {
		auto schema = by_id.find(table_record.schema_id);
		if (schema == by_id.end()) {
			continue; // a table of a schema not visible at this snapshot
		}
		auto info = TableInfoOf(*schema->second, table_record);
		auto table = make_uniq<DucklakeTableEntry>(catalog, *schema->second, *info, std::move(table_record),
		                                           snapshot.snapshot_id, false);
		schema->second->AddEntry(std::move(table));
	}
	for (auto &view_record : records.views) {
		auto schema = by_id.find(view_record.schema_id);
		if (schema == by_id.end()) {
			continue;
		}
		CreateViewInfo info(*schema->second, view_record.name);
		info.query = CreateViewInfo::ParseSelect(view_record.sql);
		if (!view_record.column_aliases.empty()) {
			for (auto &alias : StringUtil::Split(view_record.column_aliases, ',')) {
				info.aliases.push_back(alias);
			}
		}
		if (!view_record.comment.IsNull()) {
			info.comment = view_record.comment;
		}
		auto view = make_uniq<DucklakeViewEntry>(catalog, *schema->second, info, std::move(view_record));
		schema->second->AddEntry(std::move(view));
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
