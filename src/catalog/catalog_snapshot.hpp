//===----------------------------------------------------------------------===//
// CatalogSnapshot: the DuckDB catalog entries (schemas, tables, views) of one DuckLake snapshot.
//
// Built once from the metadata records and never changed afterwards, so any number of
// transactions may read it concurrently. Uncommitted objects are not here: DucklakeTransaction
// overlays them.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_records.hpp"

#include "duckdb/common/case_insensitive_map.hpp"
#include "duckdb/common/unique_ptr.hpp"

#include <vector>

namespace ducklake {

class DucklakeCatalog;
class DucklakeSchemaEntry;

class CatalogSnapshot {
public:
	CatalogSnapshot(DucklakeCatalog &catalog, CatalogRecords records);
	~CatalogSnapshot();

	const SnapshotRecord &Snapshot() const {
		return snapshot;
	}
	duckdb::optional_ptr<DucklakeSchemaEntry> GetSchema(const std::string &name) const;
	const std::vector<duckdb::unique_ptr<DucklakeSchemaEntry>> &Schemas() const {
		return schemas;
	}

private:
	SnapshotRecord snapshot;
	std::vector<duckdb::unique_ptr<DucklakeSchemaEntry>> schemas;
	duckdb::case_insensitive_map_t<DucklakeSchemaEntry *> schemas_by_name;
};

} // namespace ducklake
