//===----------------------------------------------------------------------===//
// MetadataStore: the SQL database holding one attached lake's catalog, and the factory that
// picks it from the ATTACH path.
//
//   ATTACH 'ducklake:<file>'               DuckDB file (the embedded default)
//   ATTACH 'ducklake:duckdb:<file>'        the same, explicitly
//   ATTACH 'ducklake:sqlite:<file>'        SQLite file
//   ATTACH 'ducklake:postgres:<conninfo>'  PostgreSQL (keyword/value conninfo or postgresql:// URI)
//
// The catalog keeps one MetadataStore per attached lake (created at ATTACH, closed at
// DETACH) and asks it for one MetadataConnection per DuckLake transaction. Connect() may be
// called from several client threads at once; each connection is used by one thread.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_connection.hpp"

#include <memory>
#include <string>

namespace duckdb {
class DatabaseInstance;
}

namespace ducklake {

enum class MetadataBackend { DUCKDB, SQLITE, POSTGRES };

struct MetadataLocation {
	MetadataBackend backend = MetadataBackend::DUCKDB;
	//! The file path (DuckDB, SQLite) or the conninfo (PostgreSQL), prefix removed.
	std::string target;
};

//! Split the ATTACH path (with or without the leading "ducklake:") into backend and target.
//! Throws InvalidInputException naming the path and the allowed forms when the target is empty.
MetadataLocation ParseMetadataLocation(const std::string &attach_path);

struct MetadataStoreOptions {
	MetadataLocation location;
	//! The attached lake's name (internal names derive from it).
	std::string lake_name;
	//! METADATA_SCHEMA; empty selects the backend's default (DuckDB "main", PostgreSQL "public").
	std::string metadata_schema;
	bool read_only = false;
};

class MetadataStore {
public:
	virtual ~MetadataStore() = default;

	//! Whether the store already exists. False only for a missing DuckDB or SQLite file; a
	//! server-backed store always exists (its catalog may still be empty).
	virtual bool Exists() = 0;
	//! Make the store usable (create a missing file, attach it, check the server answers).
	//! Throws naming the store when it cannot be reached.
	virtual void Open() = 0;
	//! A new connection for one DuckLake transaction.
	virtual std::unique_ptr<MetadataConnection> Connect() = 0;
	//! Release what Open() acquired (DuckDB: detach the internal database); errors are ignored.
	virtual void Close() = 0;
	//! The local file the catalog lives in, or "" for a server (DATA_PATH has no default then).
	virtual std::string LocalPath() const = 0;
	//! The internal DuckDB database the store attached (DuckDB files only; after Open(): a file
	//! already attached for another lake is shared under that lake's name), else "".
	virtual std::string AttachedDatabaseName() const {
		return std::string();
	}
	//! "DuckDB file 'x'", "SQLite file 'x'", "PostgreSQL database ..." for messages.
	virtual std::string Describe() const = 0;
};

//! The store for `options.location`; nothing is opened yet.
std::unique_ptr<MetadataStore> CreateMetadataStore(duckdb::DatabaseInstance &db, const MetadataStoreOptions &options);

} // namespace ducklake
