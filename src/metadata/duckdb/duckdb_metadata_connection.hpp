//===----------------------------------------------------------------------===//
// DuckdbMetadataConnection: metadata tables in a DuckDB database file.
//
// The metadata file is attached into the same DuckDB instance under an internal name
// (`__ducklake_metadata_<lake>`) and queried through a separate duckdb::Connection: never through
// the ClientContext that is executing the user's statement (its lock is held for the whole query
// and commit, so re-entering it deadlocks). The separate Connection is its own transaction.
//
// A DuckdbMetadataConnection is cheap to create; create one per DuckLake transaction (a
// Connection kept in the Catalog would keep the DatabaseInstance alive through a cycle).
//
// It offers commits direct access (direct_commit_access.hpp): rows appended and replaced without SQL, and the
// newest snapshot known from the store's commit queue.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/direct_commit_access.hpp"
#include "metadata/metadata_connection.hpp"

#include "duckdb/main/connection.hpp"

#include <memory>
#include <mutex>

namespace ducklake {

//! The commits of one store: a lock held from Begin() to Commit()/Rollback(), shared by the
//! connections of the store so that commits of one process queue instead of colliding, and the
//! newest snapshot when the last commit through the queue wrote it.
struct DuckdbCommitQueue {
	std::mutex lock;
	bool latest_known = false; // guarded by lock
	SnapshotRecord latest;
};

class DuckdbMetadataConnection : public MetadataConnection, public DirectCommitAccess {
public:
	//! metadata_database: the internal attached name; metadata_schema: schema of the tables.
	//! commit_queue (may be null: commits neither queue nor know the newest snapshot): shared by
	//! the connections of one store.
	DuckdbMetadataConnection(duckdb::DatabaseInstance &db, std::string metadata_database, std::string metadata_schema,
	                         std::string metadata_path, std::shared_ptr<DuckdbCommitQueue> commit_queue = nullptr);
	~DuckdbMetadataConnection() override;

	//! Attach the metadata file under `metadata_database` and return that name; when the file is
	//! already attached (a second lake on the same catalog), return the existing database's name
	//! instead, since DuckDB opens a file once per instance. Runs on its own Connection. Throws
	//! IOException naming the path when the file cannot be opened.
	static std::string AttachMetadataDatabase(duckdb::DatabaseInstance &db, const std::string &metadata_database,
	                                          const std::string &metadata_path, bool read_only);
	//! Detach the internal database (on DETACH of the last lake using it); errors are ignored.
	static void DetachMetadataDatabase(duckdb::DatabaseInstance &db, const std::string &metadata_database);

	MetadataRows Query(const std::string &sql) override;
	//! Runs on this connection with the metadata schema as its default (USE); only a single
	//! SELECT that modifies no database passes.
	MetadataRows QueryReadOnly(const std::string &sql) override;
	void Begin() override;
	void Commit() override;
	void Rollback() override;
	std::string TableName(const std::string &table) const override;
	std::string Describe() const override;
	std::vector<std::string> ListTableNames() override;
	//! Creates METADATA_SCHEMA when it is not the default one.
	std::string CatalogPreambleSQL() const override;

	void AppendRows(const std::string &table, const std::vector<std::vector<duckdb::Value>> &rows) override;
	//! Through a DELETE statement and appends when the table has indexes or constraints (a
	//! catalog created elsewhere may).
	void ReplaceRows(const std::string &table, const std::string &key_column, int64_t key_value,
	                 size_t identity_columns, const std::vector<std::vector<duckdb::Value>> &rows) override;
	duckdb::Value TransactionTime() override;
	bool SnapshotIdUpperBound(int64_t &snapshot_id) override;
	bool KnownLatestSnapshot(SnapshotRecord &snapshot) override;
	void WritingSnapshot(const SnapshotRecord &snapshot) override;

private:
	MetadataRows ToRows(duckdb::QueryResult &result, const std::string &sql);

	//! Leave the commit queue; the newest snapshot is `committed` when not null, else unknown.
	void ReleaseQueue(const SnapshotRecord *committed);

	duckdb::Connection connection;
	std::shared_ptr<DuckdbCommitQueue> commit_queue;
	std::unique_lock<std::mutex> commit_guard;
	bool writing_snapshot = false; // WritingSnapshot() was called in the open transaction
	SnapshotRecord written_snapshot;
	std::string metadata_database;
	std::string metadata_schema;
	std::string metadata_path;
};

} // namespace ducklake
