//===----------------------------------------------------------------------===//
// DucklakeSchemaEntry: one DuckLake schema as a DuckDB SchemaCatalogEntry.
//
// A schema entry belongs either to a CatalogSnapshot (committed, immutable) or to one
// transaction (created by it, not yet committed). A committed schema holds the records of its
// tables and views and builds an object's DuckDB entry on its first lookup (a query on one
// table of a catalog with thousands builds one entry, not all of them); a scan builds them all.
// Built entries live as long as the schema, so lookups from any thread may share them. Lookups in a committed schema of
// the transaction's own snapshot first consult the transaction's uncommitted changes, so a transaction sees its own
// CREATE/DROP. Creating and dropping record the change in the transaction; nothing is written until commit.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_records.hpp"

#include "duckdb/catalog/catalog_entry/schema_catalog_entry.hpp"
#include "duckdb/common/case_insensitive_map.hpp"

namespace ducklake {

class CommittedColumns;
class DucklakeTransaction;

class DucklakeSchemaEntry : public duckdb::SchemaCatalogEntry {
public:
	DucklakeSchemaEntry(duckdb::Catalog &catalog, duckdb::CreateSchemaInfo &info, SchemaRecord record,
	                    int64_t snapshot_id, bool transaction_local);

	SchemaRecord record;
	int64_t snapshot_id;
	bool transaction_local;

	//! Add a committed table or view (used while building a CatalogSnapshot); its entry is built
	//! from a copy of the record on first lookup, a table's with its columns from `columns`.
	//! The record and `columns` must outlive this schema entry.
	void AddCommittedTable(const TableRecord &table, CommittedColumns &columns);
	void AddCommittedView(const ViewRecord &view);
	//! The committed entry of that name, without the transaction overlay.
	duckdb::optional_ptr<duckdb::CatalogEntry> GetCommittedEntry(const std::string &name);

	void Scan(duckdb::ClientContext &context, duckdb::CatalogType type,
	          const std::function<void(duckdb::CatalogEntry &)> &callback) override;
	void Scan(duckdb::CatalogType type, const std::function<void(duckdb::CatalogEntry &)> &callback) override;
	duckdb::optional_ptr<duckdb::CatalogEntry> CreateIndex(duckdb::CatalogTransaction transaction,
	                                                       duckdb::CreateIndexInfo &info,
	                                                       duckdb::TableCatalogEntry &table) override;
	duckdb::optional_ptr<duckdb::CatalogEntry> CreateFunction(duckdb::CatalogTransaction transaction,
	                                                          duckdb::CreateFunctionInfo &info) override;
	duckdb::optional_ptr<duckdb::CatalogEntry> CreateTable(duckdb::CatalogTransaction transaction,
	                                                       duckdb::BoundCreateTableInfo &info) override;
	duckdb::optional_ptr<duckdb::CatalogEntry> CreateView(duckdb::CatalogTransaction transaction,
	                                                      duckdb::CreateViewInfo &info) override;
	duckdb::optional_ptr<duckdb::CatalogEntry> CreateSequence(duckdb::CatalogTransaction transaction,
	                                                          duckdb::CreateSequenceInfo &info) override;
	duckdb::optional_ptr<duckdb::CatalogEntry> CreateTableFunction(duckdb::CatalogTransaction transaction,
	                                                               duckdb::CreateTableFunctionInfo &info) override;
	duckdb::optional_ptr<duckdb::CatalogEntry> CreateCopyFunction(duckdb::CatalogTransaction transaction,
	                                                              duckdb::CreateCopyFunctionInfo &info) override;
	duckdb::optional_ptr<duckdb::CatalogEntry> CreatePragmaFunction(duckdb::CatalogTransaction transaction,
	                                                                duckdb::CreatePragmaFunctionInfo &info) override;
	duckdb::optional_ptr<duckdb::CatalogEntry> CreateCollation(duckdb::CatalogTransaction transaction,
	                                                           duckdb::CreateCollationInfo &info) override;
	duckdb::optional_ptr<duckdb::CatalogEntry> CreateType(duckdb::CatalogTransaction transaction,
	                                                      duckdb::CreateTypeInfo &info) override;
	duckdb::optional_ptr<duckdb::CatalogEntry> LookupEntry(duckdb::CatalogTransaction transaction,
	                                                       const duckdb::EntryLookupInfo &lookup_info) override;
	void DropEntry(duckdb::ClientContext &context, duckdb::DropInfo &info) override;
	void Alter(duckdb::CatalogTransaction transaction, duckdb::AlterInfo &info) override;

private:
	bool UsesOverlay(DucklakeTransaction &transaction) const;
	//! `lake.snapshots()`, `lake.set_commit_message(...)`, ...: table macros over the ducklake_*
	//! functions with this catalog's name filled in, created on first lookup.
	duckdb::optional_ptr<duckdb::CatalogEntry> LookupCatalogMacro(const std::string &name);

	duckdb::mutex macro_lock;
	duckdb::case_insensitive_map_t<duckdb::unique_ptr<duckdb::CatalogEntry>> macros;

	//! The committed entry of `name`, built from its record if not built yet; nullptr when the
	//! schema has no such object. The caller holds entry_lock.
	duckdb::CatalogEntry *CommittedEntryLocked(const std::string &name);
	//! Every committed table and view, built, in the order they were added.
	std::vector<duckdb::reference<duckdb::CatalogEntry>> AllCommittedEntries();

	duckdb::mutex entry_lock;
	//! Records of committed objects whose entries are not built yet.
	duckdb::case_insensitive_map_t<const TableRecord *> table_records;
	CommittedColumns *committed_columns = nullptr;
	duckdb::case_insensitive_map_t<const ViewRecord *> view_records;
	duckdb::case_insensitive_map_t<duckdb::unique_ptr<duckdb::CatalogEntry>> entries;
	std::vector<std::string> entry_order;
};

} // namespace ducklake
