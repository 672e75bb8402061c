#include "metadata/catalog_initializer.hpp"

#include "duckdb/common/exception.hpp"
#include "duckdb/common/string_util.hpp"
#include "duckdb/common/types/uuid.hpp"
#include "duckdb/parser/keyword_helper.hpp"

namespace ducklake {

namespace {

// Column lists exactly as DuckDB 1.4's ducklake extension creates them in a DuckDB file.
const char *const catalog_table_definitions[][2] = {
    {"ducklake_metadata", "(\"key\" VARCHAR NOT NULL, \"value\" VARCHAR NOT NULL, \"scope\" VARCHAR, scope_id BIGINT)"},
    {"ducklake_snapshot", "(snapshot_id BIGINT PRIMARY KEY, snapshot_time TIMESTAMP WITH TIME ZONE, schema_version "
                          "BIGINT, next_catalog_id BIGINT, next_file_id BIGINT)"},
    {"ducklake_snapshot_changes", "(snapshot_id BIGINT PRIMARY KEY, changes_made VARCHAR, author VARCHAR, "
                                  "commit_message VARCHAR, commit_extra_info VARCHAR)"},
    {"ducklake_schema", "(schema_id BIGINT PRIMARY KEY, schema_uuid UUID, begin_snapshot BIGINT, end_snapshot BIGINT, "
                        "schema_name VARCHAR, path VARCHAR, path_is_relative BOOLEAN)"},
    {"ducklake_table", "(table_id BIGINT, table_uuid UUID, begin_snapshot BIGINT, end_snapshot BIGINT, schema_id "
                       "BIGINT, table_name VARCHAR, path VARCHAR, path_is_relative BOOLEAN)"},
    {"ducklake_view", "(view_id BIGINT, view_uuid UUID, begin_snapshot BIGINT, end_snapshot BIGINT, schema_id BIGINT, "
                      "view_name VARCHAR, dialect VARCHAR, \"sql\" VARCHAR, column_aliases VARCHAR)"},
    {"ducklake_tag",
     "(object_id BIGINT, begin_snapshot BIGINT, end_snapshot BIGINT, \"key\" VARCHAR, \"value\" VARCHAR)"},
    {"ducklake_column_tag", "(table_id BIGINT, column_id BIGINT, begin_snapshot BIGINT, end_snapshot BIGINT, \"key\" "
                            "VARCHAR, \"value\" VARCHAR)"},
    {"ducklake_data_file",
     "(data_file_id BIGINT PRIMARY KEY, table_id BIGINT, begin_snapshot BIGINT, end_snapshot BIGINT, file_order "
     "BIGINT, path VARCHAR, path_is_relative BOOLEAN, file_format VARCHAR, record_count BIGINT, file_size_bytes "
     "BIGINT, "
     "footer_size BIGINT, row_id_start BIGINT, partition_id BIGINT, encryption_key VARCHAR, partial_file_info VARCHAR, "
     "mapping_id BIGINT)"},
    {"ducklake_file_column_stats",
     "(data_file_id BIGINT, table_id BIGINT, column_id BIGINT, column_size_bytes BIGINT, value_count BIGINT, "
     "null_count BIGINT, min_value VARCHAR, max_value VARCHAR, contains_nan BOOLEAN, extra_stats VARCHAR)"},
    {"ducklake_delete_file",
     "(delete_file_id BIGINT PRIMARY KEY, table_id BIGINT, begin_snapshot BIGINT, end_snapshot BIGINT, data_file_id "
     "BIGINT, path VARCHAR, path_is_relative BOOLEAN, format VARCHAR, delete_count BIGINT, file_size_bytes BIGINT, "
     "footer_size BIGINT, encryption_key VARCHAR)"},
    {"ducklake_column", "(column_id BIGINT, begin_snapshot BIGINT, end_snapshot BIGINT, table_id BIGINT, column_order "
                        "BIGINT, column_name VARCHAR, column_type VARCHAR, initial_default VARCHAR, default_value "
                        "VARCHAR, nulls_allowed BOOLEAN, parent_column BIGINT)"},
    {"ducklake_table_stats", "(table_id BIGINT, record_count BIGINT, next_row_id BIGINT, file_size_bytes BIGINT)"},
    {"ducklake_table_column_stats", "(table_id BIGINT, column_id BIGINT, contains_null BOOLEAN, contains_nan BOOLEAN, "
                                    "min_value VARCHAR, max_value VARCHAR, extra_stats VARCHAR)"},
    {"ducklake_partition_info", "(partition_id BIGINT, table_id BIGINT, begin_snapshot BIGINT, end_snapshot BIGINT)"},
    {"ducklake_partition_column",
     "(partition_id BIGINT, table_id BIGINT, partition_key_index BIGINT, column_id BIGINT, \"transform\" VARCHAR)"},
    {"ducklake_file_partition_value",
     "(data_file_id BIGINT, table_id BIGINT, partition_key_index BIGINT, partition_value VARCHAR)"},
    {"ducklake_files_scheduled_for_deletion",
     "(data_file_id BIGINT, path VARCHAR, path_is_relative BOOLEAN, schedule_start TIMESTAMP WITH TIME ZONE)"},
    {"ducklake_inlined_data_tables", "(table_id BIGINT, table_name VARCHAR, schema_version BIGINT)"},
    {"ducklake_column_mapping", "(mapping_id BIGINT, table_id BIGINT, \"type\" VARCHAR)"},
    {"ducklake_name_mapping", "(mapping_id BIGINT, column_id BIGINT, source_name VARCHAR, target_field_id BIGINT, "
                              "parent_column BIGINT, is_partition BOOLEAN)"},
    {"ducklake_schema_versions", "(begin_snapshot BIGINT, schema_version BIGINT)"},
};

std::string Literal(const std::string &text) {
	return duckdb::KeywordHelper::WriteQuoted(text, '\'');
}

} // namespace

int CompareSpecVersions(const std::string &left, const std::string &right) {
	auto parse = [](const std::string &text, int64_t &major, int64_t &minor) {
		auto parts = duckdb::StringUtil::Split(text, '.');
		if (parts.size() != 2) {
			return false;
		}
		try {
			major = std::stoll(parts[0]);
			minor = std::stoll(parts[1]);
		} catch (...) {
			return false;
		}
		return true;
	};
	int64_t left_major, left_minor, right_major, right_minor;
	bool left_ok = parse(left, left_major, left_minor);
	bool right_ok = parse(right, right_major, right_minor);
	if (!left_ok || !right_ok) {
		return left_ok ? -1 : (right_ok ? 1 : 0);
	}
	if (left_major != right_major) {
		return left_major < right_major ? -1 : 1;
	}
	if (left_minor != right_minor) {
		return left_minor < right_minor ? -1 : 1;
	}
	return 0;
}

CatalogInitializer::CatalogInitializer(MetadataConnection &connection_p) : connection(connection_p) {
}

CatalogInspection CatalogInitializer::Inspect(const std::string &description) {
	CatalogInspection inspection;
	auto metadata_table = connection.TableName("ducklake_metadata");
	// The table list: an empty database becomes a new catalog, a foreign one is refused.
	auto tables = connection.ListTableNames();
	bool has_any_table = !tables.empty();
	bool has_metadata = false;
	for (auto &name : tables) {
		if (name == "ducklake_metadata") {
			has_metadata = true;
		}
	}
	if (!has_metadata) {
		if (has_any_table) {
			throw duckdb::InvalidInputException(
			    "%s is not a DuckLake catalog: it holds other tables but no ducklake_metadata table", description);
		}
		inspection.state = CatalogState::EMPTY_DATABASE;
		return inspection;
	}
	auto rows = connection.Query("SELECT \"key\", \"value\" FROM " + metadata_table +
	                             " WHERE \"scope\" IS NULL AND \"key\" IN ('version', 'data_path')");
	for (auto &row : rows.rows) {
		auto key = row[0].ToString();
		if (key == "version") {
			inspection.version = row[1].ToString();
		} else if (key == "data_path") {
			inspection.data_path = row[1].ToString();
		}
	}
	if (inspection.version.empty()) {
		throw duckdb::InvalidInputException("%s is not a DuckLake catalog: ducklake_metadata has no 'version' row",
		                                    description);
	}
	if (CompareSpecVersions(inspection.version, DUCKLAKE_SPEC_VERSION) > 0) {
		throw duckdb::InvalidInputException(
		    "DuckLake catalog %s has spec version %s, which is newer than this build supports (%s)", description,
		    inspection.version, DUCKLAKE_SPEC_VERSION);
	}
	if (CompareSpecVersions(inspection.version, DUCKLAKE_SPEC_VERSION) < 0) {
		throw duckdb::InvalidInputException(
		    "DuckLake catalog %s has spec version %s; this build reads only version %s (migrations are not supported)",
		    description, inspection.version, DUCKLAKE_SPEC_VERSION);
	}
	inspection.state = CatalogState::DUCKLAKE_CATALOG;
	return inspection;
}

void CatalogInitializer::Initialize(const std::string &data_path, const std::string &created_by) {
	std::string sql = connection.CatalogPreambleSQL();
	for (auto &definition : catalog_table_definitions) {
		sql += "CREATE TABLE " + connection.TableName(definition[0]) + definition[1] + ";\n";
	}
	sql += connection.CatalogIndexSQL();
	// Schema 0 gets a random (v4) uuid, like the official extension's initial schema.
	auto main_uuid = duckdb::UUID::ToString(duckdb::UUID::GenerateRandomUUID());
	sql += "INSERT INTO " + connection.TableName("ducklake_snapshot") + " VALUES (0, NOW(), 0, 1, 0);\n";
	sql += "INSERT INTO " + connection.TableName("ducklake_snapshot_changes") +
	       " VALUES (0, 'created_schema:\"main\"', NULL, NULL, NULL);\n";
	sql += "INSERT INTO " + connection.TableName("ducklake_schema") + " VALUES (0, " + Literal(main_uuid) +
	       ", 0, NULL, 'main', 'main/', true);\n";
	sql += "INSERT INTO " + connection.TableName("ducklake_schema_versions") + " VALUES (0, 0);\n";
	sql += "INSERT INTO " + connection.TableName("ducklake_metadata") + " VALUES ('version', " +
	       Literal(DUCKLAKE_SPEC_VERSION) + ", NULL, NULL), ('created_by', " + Literal(created_by) +
	       ", NULL, NULL), ('data_path', " + Literal(data_path) +
	       ", NULL, NULL), ('encrypted', 'false', NULL, NULL);\n";
	connection.Begin();
	try {
		connection.Query(sql);
		connection.Commit();
	} catch (...) {
		connection.Rollback();
		throw;
	}
}

} // namespace ducklake
