#include "metadata/duckdb/duckdb_metadata_connection.hpp"

#include "duckdb/catalog/catalog.hpp"
#include "duckdb/catalog/catalog_entry/schema_catalog_entry.hpp"
#include "duckdb/common/error_data.hpp"
#include "duckdb/common/exception.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/main/attached_database.hpp"
#include "duckdb/main/database_manager.hpp"
#include "duckdb/parser/keyword_helper.hpp"

namespace ducklake {

DuckdbMetadataConnection::DuckdbMetadataConnection(duckdb::DatabaseInstance &db, std::string metadata_database_p,
                                                   std::string metadata_schema_p, std::string metadata_path_p)
    : connection(db), metadata_database(std::move(metadata_database_p)), metadata_schema(std::move(metadata_schema_p)),
      metadata_path(std::move(metadata_path_p)) {
}

static std::string QuoteLiteral(const std::string &text) {
	return duckdb::KeywordHelper::WriteQuoted(text, '\'');
}

std::string DuckdbMetadataConnection::AttachMetadataDatabase(duckdb::DatabaseInstance &db,
                                                             const std::string &metadata_database,
                                                             const std::string &metadata_path, bool read_only) {
	duckdb::Connection con(db);
	auto existing = con.Query(
	    "SELECT database_name FROM duckdb_databases() WHERE database_name = " + QuoteLiteral(metadata_database) +
	    " OR (path = " + QuoteLiteral(metadata_path) + " AND type = 'duckdb')" +
	    " ORDER BY database_name = " + QuoteLiteral(metadata_database) + " DESC");
	if (!existing->HasError() && existing->RowCount() > 0) {
		return existing->GetValue(0, 0).ToString();
	}
	std::string sql = "ATTACH " + QuoteLiteral(metadata_path) + " AS " +
	                  duckdb::KeywordHelper::WriteOptionallyQuoted(metadata_database) + " (TYPE duckdb" +
	                  (read_only ? ", READ_ONLY" : "") + ")";
	auto result = con.Query(sql);
	if (result->HasError()) {
		throw duckdb::IOException("Cannot open the DuckLake metadata file '%s': %s", metadata_path,
		                          result->GetErrorObject().RawMessage());
	}
	return metadata_database;
}

void DuckdbMetadataConnection::DetachMetadataDatabase(duckdb::DatabaseInstance &db,
                                                      const std::string &metadata_database) {
	duckdb::Connection con(db);
	con.Query("DETACH DATABASE IF EXISTS " + duckdb::KeywordHelper::WriteOptionallyQuoted(metadata_database));
}

MetadataRows DuckdbMetadataConnection::Query(const std::string &sql) {
	auto result = connection.Query(sql);
	if (result->HasError()) {
		throw duckdb::IOException("DuckLake metadata query failed on %s: %s\nStatement: %s", Describe(),
		                          result->GetErrorObject().RawMessage(), sql);
	}
	MetadataRows rows;
	rows.names = result->names;
	auto &collection = result->Collection();
	rows.rows.reserve(collection.Count());
	for (auto &chunk : collection.Chunks()) {
		for (duckdb::idx_t row_idx = 0; row_idx < chunk.size(); row_idx++) {
			std::vector<duckdb::Value> row;
			row.reserve(chunk.ColumnCount());
			for (duckdb::idx_t column_idx = 0; column_idx < chunk.ColumnCount(); column_idx++) {
				row.push_back(chunk.GetValue(column_idx, row_idx));
			}
			rows.rows.push_back(std::move(row));
		}
	}
	return rows;
}

void DuckdbMetadataConnection::Begin() {
	Query("BEGIN TRANSACTION");
}

void DuckdbMetadataConnection::Commit() {
	Query("COMMIT");
}

void DuckdbMetadataConnection::Rollback() {
	auto result = connection.Query("ROLLBACK");
	(void)result; // a rollback without an open transaction is not an error worth reporting
}

std::string DuckdbMetadataConnection::TableName(const std::string &table) const {
	return duckdb::KeywordHelper::WriteOptionallyQuoted(metadata_database) + "." +
	       duckdb::KeywordHelper::WriteOptionallyQuoted(metadata_schema) + "." + table;
}

std::string DuckdbMetadataConnection::CatalogPreambleSQL() const {
	return "CREATE SCHEMA IF NOT EXISTS " + duckdb::KeywordHelper::WriteOptionallyQuoted(metadata_database) + "." +
	       duckdb::KeywordHelper::WriteOptionallyQuoted(metadata_schema) + ";\n";
}

std::vector<std::string> DuckdbMetadataConnection::ListTableNames() {
	// Straight from the catalog: duckdb_tables() computes sizes and statistics of every table of
	// every attached database, which costs tens of milliseconds on a large catalog at each ATTACH.
	std::vector<std::string> names;
	auto &context = *connection.context;
	try {
		context.RunFunctionInTransaction([&]() {
			auto &catalog = duckdb::Catalog::GetCatalog(context, metadata_database);
			auto schema =
			    catalog.GetSchema(context, duckdb::EntryLookupInfo(duckdb::CatalogType::SCHEMA_ENTRY, metadata_schema),
			                      duckdb::OnEntryNotFound::RETURN_NULL);
			if (!schema) {
				return;
			}
			// Tables and views share one catalog set in a DuckDB schema: one scan lists both.
			schema->Scan(context, duckdb::CatalogType::TABLE_ENTRY,
			             [&](duckdb::CatalogEntry &entry) { names.push_back(entry.name); });
		});
	} catch (std::exception &ex) {
		duckdb::ErrorData error(ex);
		throw duckdb::IOException("Cannot list the tables of %s: %s", Describe(), error.RawMessage());
	}
	return names;
}

std::string DuckdbMetadataConnection::Describe() const {
	return "DuckDB file '" + metadata_path + "'";
}

} // namespace ducklake
