//===----------------------------------------------------------------------===//
// SqliteMetadataConnection: DuckLake metadata tables in a SQLite database file, over libsqlite3.
//
// Several processes on one host may share one catalog file: it runs in WAL mode (readers never
// block the writer) with a busy timeout, and Begin() takes the write lock at once (BEGIN
// IMMEDIATE), so concurrent commits queue for up to busy_timeout_ms instead of failing on the
// snapshot id. WAL needs shared memory: the file must be on a local file system, not NFS.
//
// SQLite has no schemas: the tables live in the file's `main` database, and a METADATA_SCHEMA
// other than "main" is refused.
//
// SQLite quirks, handled here or by the catalog format:
//   - it stores an IEEE 754 NaN as NULL: the catalog keeps min/max stats as VARCHAR, so only a
//     DOUBLE column holding NaN would lose it (the catalog has none).
//   - it has no BOOLEAN, UUID or TIMESTAMPTZ: values are stored as 0/1 and text, and converted
//     back by declared type (sqlite_value.hpp).
//   - it has no NOW() and no `::` casts: NOW() is registered on each connection, and
//     TimestampLiteral() gives plain text in the stored format.
//
// Failures throw MetadataException: SQLITE_BUSY past the timeout and unique/primary key
// violations are RETRYABLE_CONFLICT; everything else PERMANENT. One thread at a time.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_connection.hpp"

#include <string>

struct sqlite3;

namespace ducklake {

struct SqliteConnectionOptions {
	//! How long a statement waits for another connection's lock before failing.
	int64_t busy_timeout_ms = 5000;
	//! Open without write access (READ_ONLY attach); the file must exist then.
	bool read_only = false;
};

class SqliteMetadataConnection : public MetadataConnection {
public:
	//! Opens (creating when missing, unless read_only) the database file at `path`. Throws
	//! MetadataException naming the path when it cannot be opened or is not a SQLite database,
	//! and InvalidInputException when metadata_schema is neither empty nor "main".
	SqliteMetadataConnection(std::string path, const std::string &metadata_schema = "",
	                         SqliteConnectionOptions options = SqliteConnectionOptions());
	~SqliteMetadataConnection() override;

	MetadataRows Query(const std::string &sql) override;
	//! One statement, prepared under an authorizer that allows only reads (no writes, ATTACH or
	//! PRAGMA).
	MetadataRows QueryReadOnly(const std::string &sql) override;
	void Begin() override;
	void Commit() override;
	void Rollback() override;
	std::string TableName(const std::string &table) const override;
	std::string Describe() const override;
	std::vector<std::string> ListTableNames() override;
	std::string TimestampLiteral(const std::string &text) const override;
	std::string CatalogIndexSQL() const override;
	std::string InlinedColumnType(const duckdb::LogicalType &type) const override;
	std::string InlinedValueLiteral(const duckdb::Value &value) const override;

private:
	[[noreturn]] void ThrowError(int result_code, const std::string &sql);

	std::string path;
	SqliteConnectionOptions options;
	sqlite3 *database = nullptr;
};

} // namespace ducklake
