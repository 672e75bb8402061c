//===----------------------------------------------------------------------===//
// CatalogSnapshot: the DuckDB catalog entries (schemas, tables, views) of one DuckLake snapshot.
//
// Built from the metadata records of the snapshot's schema version, which it shares with the
// other snapshots of that version (they are never copied). Schema entries are built up front;
// a table's or view's entry is built from its record on first lookup (DucklakeSchemaEntry), so
// attaching a catalog of thousands of tables and querying one builds one table entry. What a
// snapshot contains never changes, so any number of transactions may read it concurrently.
// Uncommitted objects are not here: DucklakeTransaction overlays them.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_records.hpp"

#include "duckdb/common/case_insensitive_map.hpp"
#include "duckdb/common/shared_ptr.hpp"
#include "duckdb/common/unique_ptr.hpp"

#include <memory>
#include <unordered_map>
#include <vector>

namespace ducklake {

class CommittedColumns;
class DucklakeCatalog;
class DucklakeSchemaEntry;

class CatalogSnapshot {
public:
	//! The objects of `records` (loaded without columns at any snapshot of `snapshot`'s schema
	//! version) at `snapshot`; the tables' columns come from `columns` (of the same version).
	CatalogSnapshot(DucklakeCatalog &catalog, SnapshotRecord snapshot, duckdb::shared_ptr<const CatalogRecords> records,
	                std::shared_ptr<CommittedColumns> columns);
	~CatalogSnapshot();

	const SnapshotRecord &Snapshot() const {
		return snapshot;
	}
	duckdb::optional_ptr<DucklakeSchemaEntry> GetSchema(const std::string &name) const;
	const std::vector<duckdb::unique_ptr<DucklakeSchemaEntry>> &Schemas() const {
		return schemas;
	}
	//! Lookups by id that build no entry (a catalog may hold thousands of tables).
	//! The record of visible table `table_id` (its `columns` are not filled), or nullptr.
	const TableRecord *FindTable(int64_t table_id) const;
	//! The record of visible view `view_id`, or nullptr.
	const ViewRecord *FindView(int64_t view_id) const;
	//! The columns of visible table `table_id` (read from the store on first request); empty when
	//! there is no such table.
	std::vector<ColumnRecord> TableColumns(int64_t table_id) const;
	//! Every table record of the snapshot's schema version, in catalog order (tables of schemas not
	//! visible at the snapshot included: match them to Schemas() by schema_id).
	const std::vector<TableRecord> &TableRecords() const {
		return records->tables;
	}
	//! The name of the schema of id `schema_id`, or nullptr.
	const std::string *SchemaName(int64_t schema_id) const;

private:
	SnapshotRecord snapshot;
	//! Outlives the schema entries, which point into it until they build an entry.
	duckdb::shared_ptr<const CatalogRecords> records;
	std::shared_ptr<CommittedColumns> columns;
	std::vector<duckdb::unique_ptr<DucklakeSchemaEntry>> schemas;
	duckdb::case_insensitive_map_t<DucklakeSchemaEntry *> schemas_by_name;
	std::unordered_map<int64_t, const TableRecord *> tables_by_id;
	std::unordered_map<int64_t, const ViewRecord *> views_by_id;
	std::unordered_map<int64_t, const std::string *> schema_names_by_id;
};

} // namespace ducklake
