//===----------------------------------------------------------------------===//
// CatalogInitializer: creating a new DuckLake 0.3 catalog and checking an existing one.
//
// Responsibility: the DDL of the 22 catalog tables (column names, order and types exactly as
// DuckDB 1.4's ducklake extension creates them) and the initial rows of spec 0.3: snapshot 0,
// schema 0 "main", schema_versions (0, 0), metadata version/created_by/data_path/encrypted.
//
// Initialize() runs in one metadata transaction: either the whole catalog exists afterwards or
// nothing was created. Inspect() never writes.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_connection.hpp"

#include <string>

namespace ducklake {

//! The spec version this build reads and writes.
constexpr const char *DUCKLAKE_SPEC_VERSION = "0.3";

enum class CatalogState { EMPTY_DATABASE, DUCKLAKE_CATALOG };

struct CatalogInspection {
	CatalogState state = CatalogState::EMPTY_DATABASE;
	std::string version;   // ducklake_metadata 'version' (when a catalog)
	std::string data_path; // ducklake_metadata 'data_path' (when a catalog)
};

class CatalogInitializer {
public:
	explicit CatalogInitializer(MetadataConnection &connection);

	//! Classify the metadata database. Throws InvalidInputException naming `description` when it
	//! holds tables but no DuckLake catalog, or a catalog of a newer spec version.
	CatalogInspection Inspect(const std::string &description);

	//! Create the catalog tables and the initial rows. data_path must end with '/'.
	void Initialize(const std::string &data_path, const std::string &created_by);

private:
	MetadataConnection &connection;
};

//! Compare spec versions "major.minor" numerically; <0, 0, >0 like strcmp. Unparseable text
//! compares as newer than anything.
int CompareSpecVersions(const std::string &left, const std::string &right);

} // namespace ducklake
