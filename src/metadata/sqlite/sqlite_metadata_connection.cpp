#include "metadata/sqlite/sqlite_metadata_connection.hpp"
#include "duckdb/parser/keyword_helper.hpp"

#include "metadata/metadata_error.hpp"
#include "metadata/sqlite/sqlite_value.hpp"

#include "duckdb/common/exception.hpp"
#include "duckdb/common/types/timestamp.hpp"

#include <sqlite3.h>

#include <cctype>

namespace ducklake {

namespace {

//! Statements in error messages are cut to this many bytes (a commit can be megabytes of SQL).
constexpr size_t statement_in_message_bytes_max = 2000;

std::string ShortStatement(const std::string &sql) {
	if (sql.size() <= statement_in_message_bytes_max) {
		return sql;
	}
	return sql.substr(0, statement_in_message_bytes_max) + "... (" + std::to_string(sql.size()) + " bytes)";
}

std::string Quote(const std::string &text, char quote) {
	return duckdb::KeywordHelper::WriteQuoted(text, quote);
}

//! NOW(): the current time as stored timestamp text (see sqlite_value.hpp).
void NowFunction(sqlite3_context *context, int, sqlite3_value **) {
	auto text = FormatSqliteTimestamp(duckdb::Timestamp::GetCurrentTimestamp());
	sqlite3_result_text(context, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

MetadataErrorKind ClassifySqliteError(int extended_code) {
	switch (extended_code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return MetadataErrorKind::RETRYABLE_CONFLICT;
	default:
		break;
	}
	if (extended_code == SQLITE_CONSTRAINT_PRIMARYKEY || extended_code == SQLITE_CONSTRAINT_UNIQUE) {
		return MetadataErrorKind::RETRYABLE_CONFLICT;
	}
	return MetadataErrorKind::PERMANENT;
}

} // namespace

SqliteMetadataConnection::SqliteMetadataConnection(std::string path_p, const std::string &metadata_schema,
                                                   SqliteConnectionOptions options_p)
    : path(std::move(path_p)), options(options_p) {
	if (!metadata_schema.empty() && metadata_schema != "main") {
		throw duckdb::InvalidInputException("METADATA_SCHEMA '%s' is not supported for the SQLite metadata store '%s': "
		                                    "SQLite has no schemas, leave it unset or use 'main'",
		                                    metadata_schema, path);
	}
	int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	flags |= SQLITE_OPEN_NOMUTEX; // one thread at a time, see the header
	auto result = sqlite3_open_v2(path.c_str(), &database, flags, nullptr);
	if (result != SQLITE_OK) {
		std::string message = database ? sqlite3_errmsg(database) : sqlite3_errstr(result);
		sqlite3_close(database);
		database = nullptr;
		throw MetadataException(MetadataErrorKind::PERMANENT, sqlite3_errstr(result),
		                        "Cannot open the SQLite metadata store '" + path + "': " + message);
	}
	sqlite3_extended_result_codes(database, 1);
	sqlite3_busy_timeout(database, static_cast<int>(options.busy_timeout_ms));
	sqlite3_create_function(database, "NOW", 0, SQLITE_UTF8, nullptr, NowFunction, nullptr, nullptr);
	try {
		// Reading the schema makes a file that is not a SQLite database fail here, by name.
		Query("SELECT count(*) FROM sqlite_master");
		if (!options.read_only) {
			auto mode = Query("PRAGMA journal_mode = WAL");
			(void)mode; // 'wal', or 'memory' for ':memory:' databases
			// NORMAL is durable in WAL mode except for the last commits on power loss.
			Query("PRAGMA synchronous = NORMAL");
		}
	} catch (...) {
		sqlite3_close(database);
		database = nullptr;
		throw;
	}
}

SqliteMetadataConnection::~SqliteMetadataConnection() {
	if (database) {
		if (!sqlite3_get_autocommit(database)) {
			sqlite3_exec(database, "ROLLBACK", nullptr, nullptr, nullptr);
		}
		sqlite3_close_v2(database);
	}
}

void SqliteMetadataConnection::ThrowError(int result_code, const std::string &sql) {
	int extended = sqlite3_extended_errcode(database);
	if (extended == SQLITE_OK) {
		extended = result_code;
	}
	auto kind = ClassifySqliteError(extended);
	std::string message = "DuckLake metadata statement failed on " + Describe() + " (" + sqlite3_errstr(extended) +
	                      ", code " + std::to_string(extended) + "): " + sqlite3_errmsg(database);
	if ((extended & 0xff) == SQLITE_BUSY) {
		message += "\nAnother connection held the database lock for longer than the busy timeout of " +
		           std::to_string(options.busy_timeout_ms) + " ms.";
	}
	message += "\nStatement: " + ShortStatement(sql);
	throw MetadataException(kind, std::to_string(extended), message);
}

MetadataRows SqliteMetadataConnection::Query(const std::string &sql) {
	MetadataRows rows;
	const char *next = sql.c_str();
	const char *end = next + sql.size();
	while (next < end) {
		sqlite3_stmt *statement = nullptr;
		const char *tail = nullptr;
		auto result = sqlite3_prepare_v2(database, next, static_cast<int>(end - next), &statement, &tail);
		if (result != SQLITE_OK) {
			ThrowError(result, sql);
		}
		next = tail;
		if (!statement) {
			continue; // whitespace or a comment
		}
		MetadataRows statement_rows;
		int column_count = sqlite3_column_count(statement);
		std::vector<duckdb::LogicalType> declared;
		for (int column_idx = 0; column_idx < column_count; column_idx++) {
			statement_rows.names.push_back(sqlite3_column_name(statement, column_idx));
			auto type = sqlite3_column_decltype(statement, column_idx);
			declared.push_back(SqliteDeclaredTypeToLogicalType(type ? type : ""));
		}
		statement_rows.types = declared;
		while (true) {
			result = sqlite3_step(statement);
			if (result == SQLITE_DONE) {
				break;
			}
			if (result != SQLITE_ROW) {
				sqlite3_finalize(statement);
				ThrowError(result, sql);
			}
			std::vector<duckdb::Value> row;
			row.reserve(column_count);
			try {
				for (int column_idx = 0; column_idx < column_count; column_idx++) {
					auto &type = declared[column_idx];
					switch (sqlite3_column_type(statement, column_idx)) {
					case SQLITE_NULL:
						row.emplace_back(type.id() == duckdb::LogicalTypeId::INVALID ? duckdb::LogicalType::SQLNULL
						                                                             : type);
						break;
					case SQLITE_INTEGER: {
						auto value = duckdb::Value::BIGINT(sqlite3_column_int64(statement, column_idx));
						if (type.id() == duckdb::LogicalTypeId::BOOLEAN) {
							value = duckdb::Value::BOOLEAN(value.GetValue<int64_t>() != 0);
						}
						row.push_back(std::move(value));
						break;
					}
					case SQLITE_FLOAT:
						row.push_back(duckdb::Value::DOUBLE(sqlite3_column_double(statement, column_idx)));
						break;
					case SQLITE_BLOB: {
						auto data = static_cast<const uint8_t *>(sqlite3_column_blob(statement, column_idx));
						auto size = sqlite3_column_bytes(statement, column_idx);
						row.push_back(duckdb::Value::BLOB(data, static_cast<duckdb::idx_t>(size)));
						break;
					}
					default: {
						auto text = reinterpret_cast<const char *>(sqlite3_column_text(statement, column_idx));
						auto size = sqlite3_column_bytes(statement, column_idx);
						row.push_back(SqliteTextToValue(std::string(text, static_cast<size_t>(size)), type));
						break;
					}
					}
				}
			} catch (...) {
				sqlite3_finalize(statement);
				throw;
			}
			statement_rows.rows.push_back(std::move(row));
		}
		sqlite3_finalize(statement);
		rows = std::move(statement_rows);
	}
	return rows;
}

//! Authorizer for QueryReadOnly: reading tables, calling functions and recursive CTEs only.
static int AllowReadsOnly(void *, int action, const char *, const char *, const char *, const char *) {
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_FUNCTION:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	default:
		return SQLITE_DENY;
	}
}

MetadataRows SqliteMetadataConnection::QueryReadOnly(const std::string &sql) {
	// One statement: what follows the first one must be blank.
	sqlite3_stmt *statement = nullptr;
	const char *tail = nullptr;
	sqlite3_set_authorizer(database, AllowReadsOnly, nullptr);
	auto result = sqlite3_prepare_v2(database, sql.c_str(), static_cast<int>(sql.size()), &statement, &tail);
	sqlite3_finalize(statement);
	if (result != SQLITE_OK) {
		std::string message = sqlite3_errmsg(database);
		sqlite3_set_authorizer(database, nullptr, nullptr);
		throw duckdb::InvalidInputException("Metadata query on %s failed: %s (only one read-only query is allowed)"
		                                    "\nQuery: %s",
		                                    Describe(), message, sql);
	}
	for (; tail && *tail; tail++) {
		if (!isspace(static_cast<unsigned char>(*tail)) && *tail != ';') {
			sqlite3_set_authorizer(database, nullptr, nullptr);
			throw duckdb::InvalidInputException(
			    "Metadata query on %s refused: only one statement is allowed\nQuery: %s", Describe(), sql);
		}
	}
	try {
		auto rows = Query(sql);
		sqlite3_set_authorizer(database, nullptr, nullptr);
		return rows;
	} catch (...) {
		sqlite3_set_authorizer(database, nullptr, nullptr);
		throw;
	}
}

void SqliteMetadataConnection::Begin() {
	// IMMEDIATE: take the write lock now, waiting up to the busy timeout. A deferred transaction
	// that read and then writes after another process committed fails at once (SQLITE_BUSY_SNAPSHOT).
	Query("BEGIN IMMEDIATE");
}

void SqliteMetadataConnection::Commit() {
	Query("COMMIT");
}

void SqliteMetadataConnection::Rollback() {
	if (!sqlite3_get_autocommit(database)) {
		sqlite3_exec(database, "ROLLBACK", nullptr, nullptr, nullptr);
	}
}

std::string SqliteMetadataConnection::TableName(const std::string &table) const {
	return Quote(table, '"');
}

std::string SqliteMetadataConnection::Describe() const {
	return "SQLite metadata store '" + path + "'";
}

std::vector<std::string> SqliteMetadataConnection::ListTableNames() {
	auto rows = Query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' "
	                  "ORDER BY name");
	std::vector<std::string> names;
	for (auto &row : rows.rows) {
		names.push_back(row[0].ToString());
	}
	return names;
}

std::string SqliteMetadataConnection::TimestampLiteral(const std::string &text) const {
	// Stored timestamps are fixed-width UTC text: compare against the same format.
	duckdb::timestamp_t timestamp;
	bool has_offset = false;
	duckdb::string_t time_zone;
	auto result =
	    duckdb::Timestamp::TryConvertTimestampTZ(text.c_str(), text.size(), timestamp, true, has_offset, time_zone);
	if (result != duckdb::TimestampCastResult::SUCCESS) {
		throw duckdb::InvalidInputException("'%s' is not a timestamp", text);
	}
	return Quote(FormatSqliteTimestamp(timestamp), '\'');
}

std::string SqliteMetadataConnection::CatalogIndexSQL() const {
	// What planning looks up by key (as for PostgreSQL); the official extension ignores them.
	static const char *const indexes[][3] = {
	    {"ducklake_data_file", "table_id_begin_snapshot", "table_id, begin_snapshot"},
	    {"ducklake_file_column_stats", "data_file_id", "data_file_id"},
	    {"ducklake_delete_file", "table_id_begin_snapshot", "table_id, begin_snapshot"},
	    {"ducklake_delete_file", "data_file_id", "data_file_id"},
	    {"ducklake_file_partition_value", "table_id_data_file_id", "table_id, data_file_id"},
	    {"ducklake_column", "table_id_begin_snapshot", "table_id, begin_snapshot"},
	    {"ducklake_table_column_stats", "table_id_column_id", "table_id, column_id"},
	};
	std::string sql;
	for (auto &index : indexes) {
		sql += "CREATE INDEX IF NOT EXISTS " + Quote(std::string(index[0]) + "_" + index[1] + "_idx", '"') + " ON " +
		       TableName(index[0]) + " (" + index[2] + ");\n";
	}
	return sql;
}

} // namespace ducklake
