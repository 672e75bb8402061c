//===----------------------------------------------------------------------===//
// DucklakeCatalog: a DuckDB Catalog whose objects live in a DuckLake 0.3 metadata store and
// whose data lives in Parquet files under DATA_PATH.
//
// The catalog holds only attach-time facts (paths, options) and an immutable cache of catalog
// snapshots (one CatalogSnapshot per snapshot id: the schemas, tables and views visible at it).
// Everything per transaction (the pinned snapshot, uncommitted objects and files, the metadata
// connection) lives in DucklakeTransaction. All methods may be called from several client
// threads; the snapshot cache is guarded by a mutex.
//===----------------------------------------------------------------------===//
#pragma once

#include "catalog/commit_cache.hpp"
#include "metadata/metadata_connection.hpp"
#include "metadata/metadata_records.hpp"
#include "metadata/metadata_store.hpp"
#include "storage/ducklake_scan.hpp"

#include "duckdb/catalog/catalog.hpp"
#include "duckdb/common/mutex.hpp"

#include <map>
#include <tuple>

namespace ducklake {

class CatalogSnapshot;
class CommittedColumns;
class DucklakeSchemaEntry;

struct DucklakeAttachOptions {
	std::string metadata_path;     // the metadata file as given (prefix stripped)
	std::string metadata_database; // internal attached name of the metadata file
	std::string metadata_schema = "main";
	std::string data_path; // resolved, ends with '/'
	bool read_only = false;
	duckdb::Value snapshot_version; // pinned snapshot id (implies read-only)
	duckdb::Value snapshot_time;    // pinned snapshot time (implies read-only)
	//! DATA_INLINING_ROW_LIMIT of this attach (BIGINT), NULL when not given.
	duckdb::Value data_inlining_row_limit;
	//! The metadata store picked by the ATTACH path (DuckDB file, SQLite, PostgreSQL).
	std::shared_ptr<MetadataStore> store;
};

class DucklakeCatalog : public duckdb::Catalog {
public:
	DucklakeCatalog(duckdb::AttachedDatabase &db, DucklakeAttachOptions options);
	~DucklakeCatalog() override;

	void Initialize(bool load_builtin) override;
	std::string GetCatalogType() override {
		return "ducklake";
	}
	duckdb::optional_ptr<duckdb::CatalogEntry> CreateSchema(duckdb::CatalogTransaction transaction,
	                                                        duckdb::CreateSchemaInfo &info) override;
	duckdb::optional_ptr<duckdb::SchemaCatalogEntry> LookupSchema(duckdb::CatalogTransaction transaction,
	                                                              const duckdb::EntryLookupInfo &schema_lookup,
	                                                              duckdb::OnEntryNotFound if_not_found) override;
	void ScanSchemas(duckdb::ClientContext &context,
	                 std::function<void(duckdb::SchemaCatalogEntry &)> callback) override;
	duckdb::PhysicalOperator &PlanCreateTableAs(duckdb::ClientContext &context, duckdb::PhysicalPlanGenerator &planner,
	                                            duckdb::LogicalCreateTable &op,
	                                            duckdb::PhysicalOperator &plan) override;
	duckdb::PhysicalOperator &PlanInsert(duckdb::ClientContext &context, duckdb::PhysicalPlanGenerator &planner,
	                                     duckdb::LogicalInsert &op,
	                                     duckdb::optional_ptr<duckdb::PhysicalOperator> plan) override;
	duckdb::PhysicalOperator &PlanDelete(duckdb::ClientContext &context, duckdb::PhysicalPlanGenerator &planner,
	                                     duckdb::LogicalDelete &op, duckdb::PhysicalOperator &plan) override;
	duckdb::PhysicalOperator &PlanUpdate(duckdb::ClientContext &context, duckdb::PhysicalPlanGenerator &planner,
	                                     duckdb::LogicalUpdate &op, duckdb::PhysicalOperator &plan) override;
	//! ducklake_merge.hpp
	duckdb::PhysicalOperator &PlanMergeInto(duckdb::ClientContext &context, duckdb::PhysicalPlanGenerator &planner,
	                                        duckdb::LogicalMergeInto &op, duckdb::PhysicalOperator &plan) override;
	duckdb::DatabaseSize GetDatabaseSize(duckdb::ClientContext &context) override;
	bool InMemory() override {
		return false;
	}
	std::string GetDBPath() override {
		return options.metadata_path;
	}
	bool SupportsTimeTravel() const override {
		return true;
	}
	void OnDetach(duckdb::ClientContext &context) override;

	const DucklakeAttachOptions &Options() const {
		return options;
	}
	bool IsReadOnly() const {
		return options.read_only || !options.snapshot_version.IsNull() || !options.snapshot_time.IsNull();
	}
	//! A new connection to the metadata store (one per transaction).
	duckdb::unique_ptr<MetadataConnection> Connect(duckdb::DatabaseInstance &db);
	//! The catalog objects visible at `snapshot`, built once per snapshot and cached. The objects
	//! are read from the store only when the schema_version differs from the newest catalog read
	//! so far: snapshots that changed only data share their catalog rows.
	duckdb::shared_ptr<CatalogSnapshot> GetSnapshot(MetadataConnection &connection, const SnapshotRecord &snapshot);
	//! The cached catalog of snapshot `snapshot_id`; nullptr when it is not cached.
	duckdb::shared_ptr<CatalogSnapshot> CachedSnapshot(int64_t snapshot_id);
	//! The snapshot id last committed through connection `connection_id`; -1 when none.
	int64_t LastCommittedSnapshot(duckdb::idx_t connection_id);
	void SetLastCommittedSnapshot(duckdb::idx_t connection_id, int64_t snapshot_id);
	//! The cached committed files of a table at a snapshot listed for one scan query (its
	//! ScanFileQuery::Key()); nullptr when not cached yet. Immutable: what a committed snapshot
	//! contains never changes.
	duckdb::shared_ptr<const ScanFileListing> GetCachedFiles(int64_t table_id, int64_t snapshot_id,
	                                                         const std::string &query_key);
	void CacheFiles(int64_t table_id, int64_t snapshot_id, const std::string &query_key,
	                duckdb::shared_ptr<const ScanFileListing> files);
	//! Every cached listing of the table at the snapshot, by file path (empty when none is cached).
	ScanFileIndex CachedFiles(int64_t table_id, int64_t snapshot_id);
	//! What commits reuse from earlier commits of this process (commit_cache.hpp).
	CommitCache &Cache() {
		return commit_cache;
	}
	//! The ducklake_metadata options, cached per schema version (commit_cache.hpp).
	std::vector<MetadataOptionRecord> StoredOptions(MetadataConnection &connection, int64_t schema_version);
	//! Throw a clear error when the attach is read-only; `action` names the refused statement.
	void CheckWritable(const std::string &action) const;

private:
	void DropSchema(duckdb::ClientContext &context, duckdb::DropInfo &info) override;

	DucklakeAttachOptions options;
	duckdb::mutex snapshot_lock;
	std::map<int64_t, duckdb::shared_ptr<CatalogSnapshot>> snapshots;
	CommitCache commit_cache;
	//! The catalog records loaded for a schema version (the same for all its snapshots), tables
	//! without their columns, and the columns read so far.
	struct VersionObjects {
		duckdb::shared_ptr<const CatalogRecords> records;
		std::shared_ptr<CommittedColumns> columns;
	};
	std::map<int64_t, VersionObjects> records_by_version;
	std::map<duckdb::idx_t, int64_t> last_committed;
	std::map<std::tuple<int64_t, int64_t, std::string>, duckdb::shared_ptr<const ScanFileListing>> table_files;
};

} // namespace ducklake
