//===----------------------------------------------------------------------===//
// Lake attach: which DuckLake the shell attaches at start-up, and attaching it
//
// With no lake option the shell attaches the embedded default lake, metadata in
// ./lake/metadata.ducklake and data under ./lake/data/, as `lake` and makes it the default
// database (USE lake). `--lake URI` picks another catalog ("ducklake:" is prepended when
// missing, so a bare path or "postgres:dbname=lake" works), `--data PATH` another data path,
// `--no-lake` attaches nothing.
//
// The attach runs only when the `ducklake` storage type is registered in
// DBConfig::storage_extensions. Without it, the default lake is skipped silently (the shell
// still works as plain DuckDB) while an explicit --lake/--data is an error, because the user
// asked for something this build cannot do.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb.hpp"

#include <string>

namespace ducklake {

struct LakeOptions {
	//! False after --no-lake
	bool enabled = true;
	//! --lake URI, empty for the default lake
	std::string uri;
	//! --data PATH, empty for the default (./lake/data/ for the default lake, else the catalog's own)
	std::string data_path;

	bool IsExplicit() const {
		return !uri.empty() || !data_path.empty();
	}
};

//! What will be attached: pure, from the options alone.
struct LakeAttachPlan {
	std::string alias;
	//! Always starts with "ducklake:"
	std::string uri;
	//! Empty when the catalog's stored data path is used
	std::string data_path;
	//! Directories to create first (only for the embedded default lake)
	std::string directory_to_create;
	//! ATTACH 'ducklake:...' AS "lake" (DATA_PATH '...')
	std::string attach_sql;
	//! USE "lake"
	std::string use_sql;
};

LakeAttachPlan PlanLakeAttach(const LakeOptions &options);

//! 'text' with single quotes doubled.
std::string QuoteSqlString(const std::string &text);
//! "text" with double quotes doubled.
std::string QuoteSqlIdentifier(const std::string &text);

struct LakeAttachOutcome {
	enum class Status { ATTACHED, DISABLED, UNAVAILABLE, FAILED };
	Status status;
	//! For ATTACHED: "lake: ducklake:... (data ...)"; for FAILED: the error to print
	std::string message;
};

//! Whether the `ducklake` storage type is registered in this database.
bool LakeStorageRegistered(duckdb::DatabaseInstance &db);

//! Attaches the lake the options describe on `connection`. Never throws.
LakeAttachOutcome AttachLake(duckdb::DatabaseInstance &db, duckdb::Connection &connection, const LakeOptions &options);

} // namespace ducklake
