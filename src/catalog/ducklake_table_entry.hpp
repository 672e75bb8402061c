//===----------------------------------------------------------------------===//
// DucklakeTableEntry and DucklakeViewEntry: DuckLake tables and views as DuckDB catalog entries.
//
// A table entry carries its ducklake_table record (ids, path, column tree) and the snapshot it
// was read at; scanning it reads that snapshot's data files plus, when it is the transaction's
// own snapshot, the files the transaction inserted but has not committed.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/file_lister.hpp"
#include "metadata/metadata_connection.hpp"
#include "metadata/metadata_records.hpp"

#include "duckdb/catalog/catalog_entry/table_catalog_entry.hpp"
#include "duckdb/catalog/catalog_entry/view_catalog_entry.hpp"
#include "duckdb/common/mutex.hpp"

namespace ducklake {

class DucklakeTableEntry : public duckdb::TableCatalogEntry {
public:
	DucklakeTableEntry(duckdb::Catalog &catalog, duckdb::SchemaCatalogEntry &schema, duckdb::CreateTableInfo &info,
	                   TableRecord record, int64_t snapshot_id, bool transaction_local);

	TableRecord record;
	int64_t snapshot_id;
	bool transaction_local;

	duckdb::unique_ptr<duckdb::BaseStatistics> GetStatistics(duckdb::ClientContext &context,
	                                                         duckdb::column_t column_id) override;
	duckdb::TableFunction GetScanFunction(duckdb::ClientContext &context,
	                                      duckdb::unique_ptr<duckdb::FunctionData> &bind_data) override;
	duckdb::TableFunction GetScanFunction(duckdb::ClientContext &context,
	                                      duckdb::unique_ptr<duckdb::FunctionData> &bind_data,
	                                      const duckdb::EntryLookupInfo &lookup) override;
	duckdb::TableStorageInfo GetStorageInfo(duckdb::ClientContext &context) override;

	// Row identity for DELETE/UPDATE (ducklake_delete.cpp, ducklake_update.cpp).
	duckdb::virtual_column_map_t GetVirtualColumns() const override;
	duckdb::vector<duckdb::column_t> GetRowIdColumns() const override;
	void BindUpdateConstraints(duckdb::Binder &binder, duckdb::LogicalGet &get, duckdb::LogicalProjection &proj,
	                           duckdb::LogicalUpdate &update, duckdb::ClientContext &context) override;

private:
	//! Row estimate and inlined-data registration of the table, read once per entry.
	const TableScanFacts &ScanFacts(MetadataConnection &connection);

	duckdb::mutex scan_facts_lock;
	bool scan_facts_loaded = false;
	TableScanFacts scan_facts;
};

class DucklakeViewEntry : public duckdb::ViewCatalogEntry {
public:
	DucklakeViewEntry(duckdb::Catalog &catalog, duckdb::SchemaCatalogEntry &schema, duckdb::CreateViewInfo &info,
	                  ViewRecord record);

	ViewRecord record;

	//! Stored views are bound at query time: their column types are not kept in the catalog.
	bool HasTypes() const override {
		return false;
	}
};

} // namespace ducklake
