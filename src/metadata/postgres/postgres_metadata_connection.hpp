//===----------------------------------------------------------------------===//
// PostgresMetadataConnection: DuckLake metadata tables in a PostgreSQL database, over libpq.
//
// conninfo is anything libpq accepts: keyword/value text (`dbname=lake host=db user=me`) or a
// `postgresql://` URI. libpq itself fills in what it leaves out from the PG* environment
// variables and ~/.pgpass. The tables live in `metadata_schema` (default `public`), created by
// the catalog initializer when missing.
//
// Connections come from PostgresConnectionPool on the first statement and go back to it when
// this object is destroyed or a transaction ends. Each new connection sets statement_timeout
// and TimeZone UTC for its session; connecting is bounded by connect_timeout.
//
// Failures throw MetadataException classified by SQLSTATE (postgres_error.hpp). When the
// connection breaks (server restart, network), the failing statement throws CONNECTION_LOST,
// any open transaction is gone (PostgreSQL rolled it back), and the next statement reconnects.
// The password never appears in messages.
//
// One thread at a time, like every MetadataConnection.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_connection.hpp"

#include <libpq-fe.h>

#include <string>

namespace ducklake {

struct PostgresConnectionOptions {
	//! Bound on connecting (libpq connect_timeout, per host tried; libpq's minimum is 2 s).
	//! A connect_timeout in the conninfo wins.
	int64_t connect_timeout_s = 10;
	//! Bound on one metadata statement (the session's statement_timeout).
	int64_t statement_timeout_ms = 60000;
};

class PostgresMetadataConnection : public MetadataConnection {
public:
	PostgresMetadataConnection(std::string conninfo, std::string metadata_schema = "public",
	                           PostgresConnectionOptions options = PostgresConnectionOptions());
	~PostgresMetadataConnection() override;

	//! Connect now instead of on the first statement. Throws MetadataException naming host and
	//! port (CONNECTION_LOST when the server cannot be reached, PERMANENT when authentication fails).
	void Connect();

	MetadataRows Query(const std::string &sql) override;
	//! In a READ ONLY transaction (rolled back) with search_path set to the metadata schema;
	//! sent with the extended protocol, which takes exactly one statement.
	MetadataRows QueryReadOnly(const std::string &sql) override;
	void Begin() override;
	void Commit() override;
	void Rollback() override;
	std::string TableName(const std::string &table) const override;
	std::string Describe() const override;
	std::vector<std::string> ListTableNames() override;
	std::string CatalogPreambleSQL() const override;
	std::string CatalogIndexSQL() const override;
	std::string InlinedColumnType(const duckdb::LogicalType &type) const override;
	std::string InlinedValueLiteral(const duckdb::Value &value) const override;

	//! The server process id of the current connection (0 when not connected), for tests.
	int BackendPid() const;

private:
	void EnsureConnected();
	void DropConnection();
	[[noreturn]] void ThrowStatementError(PGresult *result, const std::string &sql);
	//! The rows of a successful result; clears `result`.
	MetadataRows ToRows(PGresult *result);

	std::string conninfo;
	std::string metadata_schema;
	PostgresConnectionOptions options;
	//! conninfo plus the options, the pool key (connections differ in their session settings).
	std::string pool_key;
	//! "host:port database d user u" without the password, for messages.
	std::string description;
	PGconn *connection = nullptr;
	bool in_transaction = false;
};

//! Double-quote a PostgreSQL identifier ("a""b").
std::string QuotePostgresIdentifier(const std::string &identifier);

} // namespace ducklake
