#include "metadata/metadata_store.hpp"

#include "metadata/duckdb/duckdb_metadata_connection.hpp"
#include "metadata/postgres/postgres_metadata_connection.hpp"
#include "metadata/sqlite/sqlite_metadata_connection.hpp"

#include "duckdb/common/exception.hpp"
#include "duckdb/common/file_system.hpp"
#include "duckdb/main/database.hpp"

#include <mutex>

namespace ducklake {

namespace {

const char *const allowed_locations = "'ducklake:<file>', 'ducklake:duckdb:<file>', 'ducklake:sqlite:<file>' or "
                                      "'ducklake:postgres:<conninfo>'";

bool StartsWith(const std::string &text, const std::string &prefix) {
	return text.compare(0, prefix.size(), prefix) == 0;
}

class DuckdbMetadataStore : public MetadataStore {
public:
	DuckdbMetadataStore(duckdb::DatabaseInstance &db_p, const MetadataStoreOptions &options_p)
	    : db(db_p), options(options_p), metadata_database("__ducklake_metadata_" + options_p.lake_name),
	      schema(options_p.metadata_schema.empty() ? "main" : options_p.metadata_schema) {
	}
	bool Exists() override {
		return duckdb::FileSystem::CreateLocal()->FileExists(options.location.target);
	}
	void Open() override {
		metadata_database = DuckdbMetadataConnection::AttachMetadataDatabase(
		    db, metadata_database, options.location.target, options.read_only);
	}
	std::string AttachedDatabaseName() const override {
		return metadata_database;
	}
	std::unique_ptr<MetadataConnection> Connect() override {
		return std::unique_ptr<MetadataConnection>(
		    new DuckdbMetadataConnection(db, metadata_database, schema, options.location.target, commit_queue));
	}
	void Close() override {
		DuckdbMetadataConnection::DetachMetadataDatabase(db, metadata_database);
	}
	std::string LocalPath() const override {
		return options.location.target;
	}
	std::string Describe() const override {
		return "DuckDB file '" + options.location.target + "'";
	}

private:
	duckdb::DatabaseInstance &db;
	MetadataStoreOptions options;
	std::string metadata_database;
	std::string schema;
	//! Commits through this store queue here: one process owns a DuckDB file, so this serializes
	//! all of its writers (a second lake attached to the same file may race, and retries).
	std::shared_ptr<DuckdbCommitQueue> commit_queue = std::make_shared<DuckdbCommitQueue>();
};

class SqliteMetadataStore : public MetadataStore {
public:
	explicit SqliteMetadataStore(const MetadataStoreOptions &options_p) : options(options_p) {
		connection_options.read_only = options.read_only;
	}
	bool Exists() override {
		return duckdb::FileSystem::CreateLocal()->FileExists(options.location.target);
	}
	void Open() override {
		// Opening creates a missing file and switches it to WAL mode. The connection stays open
		// while the lake is attached: when the last connection to a WAL database closes, SQLite
		// checkpoints it and deletes the WAL (several fsyncs), which would otherwise happen at the
		// end of every DuckLake transaction, each of which has a connection of its own.
		keeper.reset(
		    new SqliteMetadataConnection(options.location.target, options.metadata_schema, connection_options));
	}
	std::unique_ptr<MetadataConnection> Connect() override {
		return std::unique_ptr<MetadataConnection>(
		    new SqliteMetadataConnection(options.location.target, options.metadata_schema, connection_options));
	}
	void Close() override {
		keeper.reset();
	}
	std::string LocalPath() const override {
		return options.location.target;
	}
	std::string Describe() const override {
		return "SQLite file '" + options.location.target + "'";
	}

private:
	MetadataStoreOptions options;
	SqliteConnectionOptions connection_options;
	std::unique_ptr<SqliteMetadataConnection> keeper;
};

class PostgresMetadataStore : public MetadataStore {
public:
	explicit PostgresMetadataStore(const MetadataStoreOptions &options_p)
	    : options(options_p), schema(options_p.metadata_schema.empty() ? "public" : options_p.metadata_schema) {
	}
	bool Exists() override {
		return true;
	}
	void Open() override {
		PostgresMetadataConnection probe(options.location.target, schema);
		probe.Connect();
		description = probe.Describe();
	}
	std::unique_ptr<MetadataConnection> Connect() override {
		return std::unique_ptr<MetadataConnection>(new PostgresMetadataConnection(options.location.target, schema));
	}
	void Close() override {
	}
	std::string LocalPath() const override {
		return std::string();
	}
	std::string Describe() const override {
		return description.empty() ? "PostgreSQL metadata store" : description;
	}

private:
	MetadataStoreOptions options;
	std::string schema;
	std::string description;
};

} // namespace

MetadataLocation ParseMetadataLocation(const std::string &attach_path) {
	MetadataLocation location;
	auto text = attach_path;
	if (StartsWith(text, "ducklake:")) {
		text = text.substr(9);
	}
	if (StartsWith(text, "postgres:")) {
		location.backend = MetadataBackend::POSTGRES;
		location.target = text.substr(9);
	} else if (StartsWith(text, "sqlite:")) {
		location.backend = MetadataBackend::SQLITE;
		location.target = text.substr(7);
	} else if (StartsWith(text, "duckdb:")) {
		location.target = text.substr(7);
	} else {
		location.target = text;
	}
	// An empty conninfo is valid for libpq (everything from PG* variables), an empty file is not.
	if (location.target.empty() && location.backend != MetadataBackend::POSTGRES) {
		throw duckdb::InvalidInputException("ATTACH '%s': the metadata file path is empty; use %s", attach_path,
		                                    allowed_locations);
	}
	return location;
}

std::unique_ptr<MetadataStore> CreateMetadataStore(duckdb::DatabaseInstance &db, const MetadataStoreOptions &options) {
	switch (options.location.backend) {
	case MetadataBackend::SQLITE:
		return std::unique_ptr<MetadataStore>(new SqliteMetadataStore(options));
	case MetadataBackend::POSTGRES:
		return std::unique_ptr<MetadataStore>(new PostgresMetadataStore(options));
	default:
		return std::unique_ptr<MetadataStore>(new DuckdbMetadataStore(db, options));
	}
}

} // namespace ducklake
