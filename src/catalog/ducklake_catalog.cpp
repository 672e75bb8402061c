#include "catalog/ducklake_catalog.hpp"

#include "catalog/catalog_snapshot.hpp"
#include "catalog/committed_columns.hpp"
#include "catalog/ducklake_delete.hpp"
#include "catalog/ducklake_insert.hpp"
#include "catalog/ducklake_schema_entry.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "catalog/ducklake_update.hpp"
#include "metadata/snapshot_reader.hpp"

#include "duckdb/catalog/catalog_entry/schema_catalog_entry.hpp"
#include "duckdb/main/attached_database.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/main/database_manager.hpp"
#include "duckdb/parser/parsed_data/create_schema_info.hpp"
#include "duckdb/parser/parsed_data/drop_info.hpp"
#include "duckdb/planner/tableref/bound_at_clause.hpp"
#include "duckdb/storage/database_size.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements DuckDB's Catalog interface

//! Snapshots kept in memory per catalog; older ones are reloaded on demand.
static constexpr size_t snapshot_cache_entries_max = 16;
//! Table file listings kept in memory per catalog (each is one table at one snapshot for one
//! scan query).
static constexpr size_t file_cache_entries_max = 256;

DucklakeCatalog::DucklakeCatalog(AttachedDatabase &db, DucklakeAttachOptions options_p)
    : Catalog(db), options(std::move(options_p)) {
}

DucklakeCatalog::~DucklakeCatalog() {
}

void DucklakeCatalog::Initialize(bool load_builtin) {
}

unique_ptr<MetadataConnection> DucklakeCatalog::Connect(DatabaseInstance &db) {
	auto connection = options.store->Connect();
	return unique_ptr<MetadataConnection>(connection.release());
}

std::vector<MetadataOptionRecord> DucklakeCatalog::StoredOptions(MetadataConnection &connection,
                                                                 int64_t schema_version) {
	std::vector<MetadataOptionRecord> result;
	if (!commit_cache.Options(schema_version, result)) {
		result = SnapshotReader(connection).ListOptions();
		commit_cache.StoreOptions(schema_version, result);
	}
	return result;
}

shared_ptr<CatalogSnapshot> DucklakeCatalog::CachedSnapshot(int64_t snapshot_id) {
	lock_guard<mutex> guard(snapshot_lock);
	auto entry = snapshots.find(snapshot_id);
	return entry == snapshots.end() ? nullptr : entry->second;
}

shared_ptr<CatalogSnapshot> DucklakeCatalog::GetSnapshot(MetadataConnection &connection,
                                                         const SnapshotRecord &snapshot) {
	{
		lock_guard<mutex> guard(snapshot_lock);
		auto entry = snapshots.find(snapshot.snapshot_id);
		if (entry != snapshots.end()) {
			return entry->second;
		}
	}
	// Snapshots of one schema version have the same objects (every DDL raises the version): share
	// the records loaded for another snapshot of it instead of reading them again.
	VersionObjects objects;
	{
		lock_guard<mutex> guard(snapshot_lock);
		auto entry = records_by_version.find(snapshot.schema_version);
		if (entry != records_by_version.end()) {
			objects = entry->second;
		}
	}
	if (!objects.records) {
		// Columns are read per table when its entry is first built (committed_columns.hpp).
		SnapshotReader reader(connection);
		objects.records = make_shared_ptr<const CatalogRecords>(reader.LoadCatalog(snapshot, false));
		objects.columns = std::make_shared<CommittedColumns>(options.store, snapshot.snapshot_id);
		lock_guard<mutex> guard(snapshot_lock);
		if (records_by_version.size() >= snapshot_cache_entries_max) {
			records_by_version.erase(records_by_version.begin());
		}
		records_by_version[snapshot.schema_version] = objects;
	}
	auto loaded = make_shared_ptr<CatalogSnapshot>(*this, snapshot, objects.records, objects.columns);
	lock_guard<mutex> guard(snapshot_lock);
	auto entry = snapshots.find(snapshot.snapshot_id);
	if (entry != snapshots.end()) {
		return entry->second; // built meanwhile by another transaction: keep one per snapshot
	}
	if (snapshots.size() >= snapshot_cache_entries_max) {
		snapshots.erase(snapshots.begin());
	}
	snapshots[snapshot.snapshot_id] = loaded;
	return loaded;
}

shared_ptr<const ScanFileListing> DucklakeCatalog::GetCachedFiles(int64_t table_id, int64_t snapshot_id,
                                                                  const std::string &query_key) {
	lock_guard<mutex> guard(snapshot_lock);
	auto entry = table_files.find(std::make_tuple(table_id, snapshot_id, query_key));
	return entry == table_files.end() ? nullptr : entry->second;
}

void DucklakeCatalog::CacheFiles(int64_t table_id, int64_t snapshot_id, const std::string &query_key,
                                 shared_ptr<const ScanFileListing> files) {
	lock_guard<mutex> guard(snapshot_lock);
	if (table_files.size() >= file_cache_entries_max) {
		table_files.erase(table_files.begin());
	}
	table_files[std::make_tuple(table_id, snapshot_id, query_key)] = std::move(files);
}

ScanFileIndex DucklakeCatalog::CachedFiles(int64_t table_id, int64_t snapshot_id) {
	ScanFileIndex index;
	lock_guard<mutex> guard(snapshot_lock);
	for (auto entry = table_files.lower_bound(std::make_tuple(table_id, snapshot_id, std::string()));
	     entry != table_files.end() && std::get<0>(entry->first) == table_id &&
	     std::get<1>(entry->first) == snapshot_id;
	     ++entry) {
		index.Add(entry->second);
	}
	return index;
}

int64_t DucklakeCatalog::LastCommittedSnapshot(idx_t connection_id) {
	lock_guard<mutex> guard(snapshot_lock);
	auto entry = last_committed.find(connection_id);
	return entry == last_committed.end() ? -1 : entry->second;
}

void DucklakeCatalog::SetLastCommittedSnapshot(idx_t connection_id, int64_t snapshot_id) {
	lock_guard<mutex> guard(snapshot_lock);
	last_committed[connection_id] = snapshot_id;
}

void DucklakeCatalog::CheckWritable(const std::string &action) const {
	if (IsReadOnly()) {
		throw InvalidInputException("Cannot %s: DuckLake catalog \"%s\" is attached read-only%s", action,
		                            const_cast<DucklakeCatalog *>(this)->GetName(),
		                            options.read_only ? "" : " (pinned to a snapshot)");
	}
}

optional_ptr<CatalogEntry> DucklakeCatalog::CreateSchema(CatalogTransaction transaction, CreateSchemaInfo &info) {
	CheckWritable("CREATE SCHEMA");
	auto &ducklake_transaction = DucklakeTransaction::Get(transaction);
	auto existing = LookupSchema(transaction, EntryLookupInfo(CatalogType::SCHEMA_ENTRY, info.schema),
	                             OnEntryNotFound::RETURN_NULL);
	if (existing) {
		switch (info.on_conflict) {
		case OnCreateConflict::IGNORE_ON_CONFLICT:
			return nullptr;
		case OnCreateConflict::ERROR_ON_CONFLICT:
			throw CatalogException("Schema with name \"%s\" already exists", info.schema);
		default:
			throw NotImplementedException("CREATE OR REPLACE SCHEMA is not supported by DuckLake catalogs");
		}
	}
	return &ducklake_transaction.AddSchema(info);
}

optional_ptr<SchemaCatalogEntry> DucklakeCatalog::LookupSchema(CatalogTransaction transaction,
                                                               const EntryLookupInfo &schema_lookup,
                                                               OnEntryNotFound if_not_found) {
	auto &ducklake_transaction = DucklakeTransaction::Get(transaction);
	auto &name = schema_lookup.GetEntryName();
	auto at_clause = schema_lookup.GetAtClause();
	optional_ptr<SchemaCatalogEntry> result;
	if (at_clause) {
		auto snapshot = ducklake_transaction.AtClause(at_clause->Unit(), at_clause->GetValue());
		result = snapshot->GetSchema(name).get();
	} else {
		auto local = ducklake_transaction.GetLocalSchema(name);
		if (local) {
			result = local.get();
		} else {
			auto schema = ducklake_transaction.Base()->GetSchema(name);
			if (schema && !ducklake_transaction.IsSchemaDropped(schema->record.schema_id)) {
				result = schema.get();
			}
		}
	}
	if (!result && if_not_found == OnEntryNotFound::THROW_EXCEPTION) {
		throw CatalogException("Schema with name \"%s\" does not exist in DuckLake catalog \"%s\"", name, GetName());
	}
	return result;
}

void DucklakeCatalog::ScanSchemas(ClientContext &context, std::function<void(SchemaCatalogEntry &)> callback) {
	auto &transaction = DucklakeTransaction::Get(context, *this);
	for (auto &schema : transaction.Base()->Schemas()) {
		if (!transaction.IsSchemaDropped(schema->record.schema_id)) {
			callback(*schema);
		}
	}
	for (auto &schema : transaction.LocalSchemas()) {
		callback(*schema);
	}
}

void DucklakeCatalog::DropSchema(ClientContext &context, DropInfo &info) {
	CheckWritable("DROP SCHEMA");
	auto &transaction = DucklakeTransaction::Get(context, *this);
	auto schema = LookupSchema(GetCatalogTransaction(context), EntryLookupInfo(CatalogType::SCHEMA_ENTRY, info.name),
	                           OnEntryNotFound::RETURN_NULL);
	if (!schema) {
		if (info.if_not_found == OnEntryNotFound::RETURN_NULL) {
			return;
		}
		throw CatalogException("Schema with name \"%s\" does not exist in DuckLake catalog \"%s\"", info.name,
		                       GetName());
	}
	transaction.DropSchema(schema->Cast<DucklakeSchemaEntry>(), info.cascade);
}

PhysicalOperator &DucklakeCatalog::PlanDelete(ClientContext &context, PhysicalPlanGenerator &planner, LogicalDelete &op,
                                              PhysicalOperator &plan) {
	return PlanDucklakeDelete(context, planner, op, plan);
}

PhysicalOperator &DucklakeCatalog::PlanUpdate(ClientContext &context, PhysicalPlanGenerator &planner, LogicalUpdate &op,
                                              PhysicalOperator &plan) {
	return PlanDucklakeUpdate(context, planner, op, plan);
}

DatabaseSize DucklakeCatalog::GetDatabaseSize(ClientContext &context) {
	DatabaseSize size;
	size.free_blocks = 0;
	size.total_blocks = 0;
	size.used_blocks = 0;
	size.wal_size = 0;
	size.block_size = 0;
	size.bytes = 0;
	return size;
}

void DucklakeCatalog::OnDetach(ClientContext &context) {
	// Another lake attached on the same metadata file keeps using it.
	for (auto &database : DatabaseManager::Get(context).GetDatabases(context)) {
		auto &other = database->GetCatalog();
		if (&other != this && other.GetCatalogType() == "ducklake" &&
		    other.Cast<DucklakeCatalog>().Options().metadata_database == options.metadata_database) {
			return;
		}
	}
	options.store->Close();
}

} // namespace ducklake
