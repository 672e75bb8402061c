#include "metadata/postgres/postgres_metadata_connection.hpp"
#include "duckdb/parser/keyword_helper.hpp"

#include "metadata/postgres/postgres_connection_pool.hpp"
#include "metadata/postgres/postgres_error.hpp"
#include "metadata/postgres/postgres_value.hpp"

#include "duckdb/common/exception.hpp"

#include <vector>

namespace ducklake {

namespace {

//! Statements in error messages are cut to this many bytes (a commit can be megabytes of SQL).
constexpr size_t statement_in_message_bytes_max = 2000;

std::string TrimTrailingNewlines(std::string text) {
	while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
		text.pop_back();
	}
	return text;
}

std::string ShortStatement(const std::string &sql) {
	if (sql.size() <= statement_in_message_bytes_max) {
		return sql;
	}
	return sql.substr(0, statement_in_message_bytes_max) + "... (" + std::to_string(sql.size()) + " bytes)";
}

std::string Literal(const std::string &text) {
	return duckdb::KeywordHelper::WriteQuoted(text, '\'');
}

const char *OrDefault(const char *value, const char *fallback) {
	return value && *value ? value : fallback;
}

//! "host "h" port p, database "d", user "u"" from what libpq resolved for `connection` (it
//! applies the PG* environment variables and defaults even when the connection failed).
std::string DescribeTarget(PGconn *connection) {
	return std::string("host \"") + OrDefault(PQhost(connection), "?") + "\" port " +
	       OrDefault(PQport(connection), "?") + ", database \"" + OrDefault(PQdb(connection), "?") + "\", user \"" +
	       OrDefault(PQuser(connection), "?") + "\"";
}

//! Server notices (e.g. "schema already exists, skipping") are expected: keep them off stderr.
void IgnoreNotice(void *, const char *) {
}

} // namespace

std::string QuotePostgresIdentifier(const std::string &identifier) {
	return duckdb::KeywordHelper::WriteQuoted(identifier, '"');
}

PostgresMetadataConnection::PostgresMetadataConnection(std::string conninfo_p, std::string metadata_schema_p,
                                                       PostgresConnectionOptions options_p)
    : conninfo(std::move(conninfo_p)), metadata_schema(std::move(metadata_schema_p)), options(options_p) {
	if (metadata_schema.empty()) {
		metadata_schema = "public";
	}
	pool_key = conninfo + "\n" + std::to_string(options.connect_timeout_s) + "\n" +
	           std::to_string(options.statement_timeout_ms);
	description = "PostgreSQL metadata store (not yet connected)";
}

PostgresMetadataConnection::~PostgresMetadataConnection() {
	if (!connection) {
		return;
	}
	if (in_transaction) {
		PGresult *result = PQexec(connection, "ROLLBACK");
		PQclear(result);
	}
	PostgresConnectionPool::Global().Release(pool_key, connection);
	connection = nullptr;
}

void PostgresMetadataConnection::Connect() {
	EnsureConnected();
}

void PostgresMetadataConnection::EnsureConnected() {
	if (connection) {
		return;
	}
	connection = PostgresConnectionPool::Global().Acquire(pool_key);
	if (connection) {
		description = "PostgreSQL metadata store at " + DescribeTarget(connection);
		return;
	}
	// Our defaults first: the user's conninfo (expanded in place of "dbname") overrides them.
	auto connect_timeout = std::to_string(options.connect_timeout_s);
	const char *keywords[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
	const char *values[] = {connect_timeout.c_str(), "ducklake-cpp", conninfo.c_str(), nullptr};
	PGconn *candidate = PQconnectdbParams(keywords, values, 1);
	if (!candidate) {
		throw MetadataException(MetadataErrorKind::CONNECTION_LOST, "08001",
		                        "Cannot connect to the PostgreSQL metadata store: out of memory");
	}
	if (PQstatus(candidate) != CONNECTION_OK) {
		auto target = DescribeTarget(candidate);
		auto libpq_message = TrimTrailingNewlines(PQerrorMessage(candidate));
		// A connection that got as far as sending a password was refused by authentication:
		// retrying will not help. Everything else (refused, timed out, no route) may pass.
		bool authentication_failed = PQconnectionUsedPassword(candidate) || PQconnectionNeedsPassword(candidate);
		PQfinish(candidate);
		throw MetadataException(authentication_failed ? MetadataErrorKind::PERMANENT
		                                              : MetadataErrorKind::CONNECTION_LOST,
		                        authentication_failed ? "28P01" : "08001",
		                        "Cannot connect to the PostgreSQL metadata store at " + target + " (connect timeout " +
		                            connect_timeout + " s): " + libpq_message);
	}
	PQsetNoticeProcessor(candidate, IgnoreNotice, nullptr);
	auto setup = "SET statement_timeout = " + std::to_string(options.statement_timeout_ms) + "; SET TimeZone = 'UTC'";
	PGresult *result = PQexec(candidate, setup.c_str());
	bool setup_ok = PQresultStatus(result) == PGRES_COMMAND_OK;
	auto setup_error = TrimTrailingNewlines(PQresultErrorMessage(result));
	PQclear(result);
	if (!setup_ok) {
		auto target = DescribeTarget(candidate);
		PQfinish(candidate);
		throw MetadataException(MetadataErrorKind::PERMANENT, "",
		                        "Cannot set up the session on the PostgreSQL metadata store at " + target + ": " +
		                            setup_error);
	}
	connection = candidate;
	description = "PostgreSQL metadata store at " + DescribeTarget(connection);
}

void PostgresMetadataConnection::DropConnection() {
	if (connection) {
		PQfinish(connection);
		connection = nullptr;
	}
	in_transaction = false;
	// Idle connections to the same server are most likely broken the same way.
	PostgresConnectionPool::Global().Drain(pool_key);
}

void PostgresMetadataConnection::ThrowStatementError(PGresult *result, const std::string &sql) {
	std::string sqlstate;
	if (result) {
		const char *field = PQresultErrorField(result, PG_DIAG_SQLSTATE);
		sqlstate = field ? field : "";
	}
	auto message = TrimTrailingNewlines(result ? PQresultErrorMessage(result) : PQerrorMessage(connection));
	if (message.empty()) {
		message = TrimTrailingNewlines(PQerrorMessage(connection));
	}
	PQclear(result);
	auto kind = ClassifySqlState(sqlstate);
	// libpq reports a broken socket without a SQLSTATE; the connection status tells.
	if (PQstatus(connection) != CONNECTION_OK) {
		kind = MetadataErrorKind::CONNECTION_LOST;
		if (sqlstate.empty()) {
			sqlstate = "08006";
		}
	}
	std::string text = "DuckLake metadata statement failed on " + description + " (SQLSTATE " +
	                   (sqlstate.empty() ? std::string("none") : sqlstate) + ", " + MetadataErrorKindName(kind) +
	                   "): " + message;
	if (kind == MetadataErrorKind::CONNECTION_LOST) {
		text += "\nThe connection was lost and any open metadata transaction rolled back; the next statement "
		        "reconnects.";
		DropConnection();
	} else {
		text += "\nStatement: " + ShortStatement(sql);
	}
	throw MetadataException(kind, sqlstate, text);
}

MetadataRows PostgresMetadataConnection::Query(const std::string &sql) {
	EnsureConnected();
	PGresult *result = PQexec(connection, sql.c_str());
	auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
	if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
		ThrowStatementError(result, sql);
	}
	return ToRows(result);
}

MetadataRows PostgresMetadataConnection::ToRows(PGresult *result) {
	MetadataRows rows;
	int column_count = PQnfields(result);
	int row_count = PQntuples(result);
	std::vector<uint32_t> column_types;
	for (int column_idx = 0; column_idx < column_count; column_idx++) {
		rows.names.push_back(PQfname(result, column_idx));
		column_types.push_back(PQftype(result, column_idx));
		// numeric values become BIGINT or DOUBLE one by one (see postgres_value.hpp).
		rows.types.push_back(column_types.back() == postgres_oid::NUMERIC
		                         ? duckdb::LogicalType(duckdb::LogicalTypeId::INVALID)
		                         : PostgresTypeToLogicalType(column_types.back()));
	}
	rows.rows.reserve(row_count);
	try {
		for (int row_idx = 0; row_idx < row_count; row_idx++) {
			std::vector<duckdb::Value> row;
			row.reserve(column_count);
			for (int column_idx = 0; column_idx < column_count; column_idx++) {
				if (PQgetisnull(result, row_idx, column_idx)) {
					row.emplace_back(PostgresTypeToLogicalType(column_types[column_idx]));
					continue;
				}
				row.push_back(PostgresTextToValue(column_types[column_idx], PQgetvalue(result, row_idx, column_idx),
				                                  PQgetlength(result, row_idx, column_idx)));
			}
			rows.rows.push_back(std::move(row));
		}
	} catch (...) {
		PQclear(result);
		throw;
	}
	PQclear(result);
	return rows;
}

MetadataRows PostgresMetadataConnection::QueryReadOnly(const std::string &sql) {
	if (in_transaction) {
		throw duckdb::InternalException("QueryReadOnly called inside a metadata transaction");
	}
	Query("BEGIN READ ONLY; SET LOCAL search_path TO " + QuotePostgresIdentifier(metadata_schema));
	in_transaction = true;
	PGresult *result = PQexecParams(connection, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
	auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
	try {
		if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
			ThrowStatementError(result, sql);
		}
		auto rows = ToRows(result);
		Rollback();
		return rows;
	} catch (...) {
		Rollback();
		throw;
	}
}

void PostgresMetadataConnection::Begin() {
	// Writers of one catalog queue on a transaction-level advisory lock (released by COMMIT or
	// ROLLBACK) instead of racing for the next snapshot id and retrying: under contention a
	// queue commits several times faster. Writers that do not take it (other DuckLake clients)
	// still lose races cleanly through the snapshot id's unique violation.
	Query("BEGIN; SELECT pg_advisory_xact_lock(hashtext(" + Literal("ducklake:" + metadata_schema) + "))");
	in_transaction = true;
}

void PostgresMetadataConnection::Commit() {
	// A COMMIT of a transaction that already failed answers ROLLBACK without an error: check.
	in_transaction = false;
	if (!connection) {
		throw MetadataException(MetadataErrorKind::CONNECTION_LOST, "08003",
		                        "DuckLake metadata commit on " + description +
		                            " failed: the connection was lost during the transaction, which PostgreSQL "
		                            "rolled back");
	}
	PGresult *result = PQexec(connection, "COMMIT");
	if (!result || PQresultStatus(result) != PGRES_COMMAND_OK) {
		ThrowStatementError(result, "COMMIT");
	}
	std::string tag = PQcmdStatus(result);
	PQclear(result);
	if (tag != "COMMIT") {
		throw MetadataException(MetadataErrorKind::PERMANENT, "25P02",
		                        "DuckLake metadata commit on " + description +
		                            " was rolled back: an earlier statement of the transaction failed");
	}
}

void PostgresMetadataConnection::Rollback() {
	in_transaction = false;
	if (!connection) {
		return; // the connection broke: PostgreSQL rolled the transaction back already
	}
	PGresult *result = PQexec(connection, "ROLLBACK");
	PQclear(result);
	if (PQstatus(connection) != CONNECTION_OK) {
		DropConnection();
	}
}

std::string PostgresMetadataConnection::TableName(const std::string &table) const {
	return QuotePostgresIdentifier(metadata_schema) + "." + QuotePostgresIdentifier(table);
}

std::string PostgresMetadataConnection::Describe() const {
	return description;
}

std::vector<std::string> PostgresMetadataConnection::ListTableNames() {
	auto rows = Query("SELECT c.relname::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
	                  "c.relnamespace WHERE n.nspname = " +
	                  Literal(metadata_schema) + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY 1");
	std::vector<std::string> names;
	for (auto &row : rows.rows) {
		names.push_back(row[0].ToString());
	}
	return names;
}

std::string PostgresMetadataConnection::CatalogPreambleSQL() const {
	return "CREATE SCHEMA IF NOT EXISTS " + QuotePostgresIdentifier(metadata_schema) + ";\n";
}

std::string PostgresMetadataConnection::CatalogIndexSQL() const {
	// What planning looks up by key: a table's visible files and their stats, a file's deletes
	// and partition values, per-table stats and columns. Names are prefixed so a schema shared
	// with other applications stays readable; the official extension creates no indexes and
	// ignores these.
	static const char *const indexes[][2] = {
	    {"ducklake_data_file", "table_id, begin_snapshot"},
	    {"ducklake_file_column_stats", "data_file_id"},
	    {"ducklake_delete_file", "table_id, begin_snapshot"},
	    {"ducklake_delete_file", "data_file_id"},
	    {"ducklake_file_partition_value", "table_id, data_file_id"},
	    {"ducklake_column", "table_id, begin_snapshot"},
	    {"ducklake_table", "schema_id, begin_snapshot"},
	    {"ducklake_table_stats", "table_id"},
	    {"ducklake_table_column_stats", "table_id, column_id"},
	    {"ducklake_partition_info", "table_id"},
	    {"ducklake_snapshot", "snapshot_time"},
	};
	std::string sql;
	for (auto &index : indexes) {
		std::string columns = index[1];
		std::string suffix;
		for (char c : columns) {
			if (c == ',') {
				suffix += '_';
			} else if (c != ' ') {
				suffix += c;
			}
		}
		sql += "CREATE INDEX IF NOT EXISTS " + QuotePostgresIdentifier(std::string(index[0]) + "_" + suffix + "_idx") +
		       " ON " + TableName(index[0]) + " (" + columns + ");\n";
	}
	return sql;
}

int PostgresMetadataConnection::BackendPid() const {
	return connection ? PQbackendPID(connection) : 0;
}

} // namespace ducklake
