#include "metadata/snapshot_reader.hpp"

#include "metadata/partition_rows.hpp"

#include "duckdb/common/exception.hpp"
#include "duckdb/parser/keyword_helper.hpp"

#include <map>
#include <unordered_map>

namespace ducklake {

using duckdb::Value;

std::string VisibleAt(int64_t snapshot_id, const std::string &alias) {
	auto prefix = alias.empty() ? std::string() : alias + ".";
	auto id = std::to_string(snapshot_id);
	return "(" + prefix + "begin_snapshot <= " + id + " AND (" + prefix + "end_snapshot IS NULL OR " + prefix +
	       "end_snapshot > " + id + "))";
}

SnapshotReader::SnapshotReader(MetadataConnection &connection_p) : connection(connection_p) {
}

static const char *snapshot_columns = "snapshot_id, snapshot_time, schema_version, next_catalog_id, next_file_id";

SnapshotRecord SnapshotReader::ReadSnapshotRow(const std::vector<Value> &row) {
	SnapshotRecord record;
	record.snapshot_id = row[0].GetValue<int64_t>();
	record.snapshot_time = row[1];
	record.schema_version = row[2].GetValue<int64_t>();
	record.next_catalog_id = row[3].GetValue<int64_t>();
	record.next_file_id = row[4].GetValue<int64_t>();
	return record;
}

SnapshotRecord SnapshotReader::LatestSnapshot() {
	auto table = connection.TableName("ducklake_snapshot");
	auto rows = connection.Query(std::string("SELECT ") + snapshot_columns + " FROM " + table +
	                             " WHERE snapshot_id = (SELECT max(snapshot_id) FROM " + table + ")");
	if (rows.size() != 1) {
		throw duckdb::IOException("DuckLake catalog %s has no snapshot: the catalog is damaged", connection.Describe());
	}
	return ReadSnapshotRow(rows.rows[0]);
}

int64_t SnapshotReader::LatestSnapshotId() {
	auto rows = connection.Query("SELECT max(snapshot_id) FROM " + connection.TableName("ducklake_snapshot"));
	if (rows.size() != 1 || rows.Get(0, 0).IsNull()) {
		throw duckdb::IOException("DuckLake catalog %s has no snapshot: the catalog is damaged", connection.Describe());
	}
	return rows.Get(0, 0).GetValue<int64_t>();
}

bool SnapshotReader::SnapshotById(int64_t snapshot_id, SnapshotRecord &result) {
	auto rows = connection.Query(std::string("SELECT ") + snapshot_columns + " FROM " +
	                             connection.TableName("ducklake_snapshot") +
	                             " WHERE snapshot_id = " + std::to_string(snapshot_id));
	if (rows.size() != 1) {
		return false;
	}
	result = ReadSnapshotRow(rows.rows[0]);
	return true;
}

bool SnapshotReader::SnapshotAtTimestamp(const Value &timestamp, SnapshotRecord &result) {
	auto table = connection.TableName("ducklake_snapshot");
	auto literal = connection.TimestampLiteral(timestamp.ToString());
	auto rows = connection.Query(std::string("SELECT ") + snapshot_columns + " FROM " + table +
	                             " WHERE snapshot_time <= " + literal + " ORDER BY snapshot_id DESC LIMIT 1");
	if (rows.size() != 1) {
		return false;
	}
	result = ReadSnapshotRow(rows.rows[0]);
	return true;
}

std::vector<SnapshotRecord> SnapshotReader::ListSnapshots() {
	auto rows = connection.Query(
	    "SELECT s.snapshot_id, s.snapshot_time, s.schema_version, s.next_catalog_id, "
	    "s.next_file_id, c.changes_made, c.author, c.commit_message, c.commit_extra_info FROM " +
	    connection.TableName("ducklake_snapshot") + " s LEFT JOIN " +
	    connection.TableName("ducklake_snapshot_changes") + " c USING (snapshot_id) ORDER BY s.snapshot_id");
	std::vector<SnapshotRecord> result;
	for (auto &row : rows.rows) {
		auto record = ReadSnapshotRow(row);
		record.changes_made = row[5];
		record.author = row[6];
		record.commit_message = row[7];
		record.commit_extra_info = row[8];
		result.push_back(std::move(record));
	}
	return result;
}

CatalogRecords SnapshotReader::LoadCatalog(const SnapshotRecord &snapshot, bool with_columns) {
	CatalogRecords records;
	records.snapshot = snapshot;
	auto id = snapshot.snapshot_id;
	auto schemas = connection.Query(
	    "SELECT schema_id, CAST(schema_uuid AS VARCHAR), begin_snapshot, schema_name, path, path_is_relative FROM " +
	    connection.TableName("ducklake_schema") + " WHERE " + VisibleAt(id) + " ORDER BY schema_id");
	for (auto &row : schemas.rows) {
		SchemaRecord schema;
		schema.schema_id = row[0].GetValue<int64_t>();
		schema.schema_uuid = row[1].IsNull() ? "" : row[1].ToString();
		schema.begin_snapshot = row[2].GetValue<int64_t>();
		schema.name = row[3].ToString();
		schema.path = row[4].IsNull() ? "" : row[4].ToString();
		schema.path_is_relative = row[5].IsNull() || row[5].GetValue<bool>();
		records.schemas.push_back(std::move(schema));
	}
	// Comments come from a small tag query joined here: correlated subqueries cost tens of
	// milliseconds per catalog load on the DuckDB store.
	std::unordered_map<int64_t, Value> object_comments;
	auto object_tags = connection.Query("SELECT object_id, \"value\" FROM " + connection.TableName("ducklake_tag") +
	                                    " WHERE \"key\" = 'comment' AND " + VisibleAt(id));
	for (auto &row : object_tags.rows) {
		object_comments[row[0].GetValue<int64_t>()] = row[1];
	}
	auto comment_of = [&](int64_t object_id) {
		auto entry = object_comments.find(object_id);
		return entry == object_comments.end() ? Value() : entry->second;
	};
	auto tables =
	    connection.Query("SELECT table_id, CAST(table_uuid AS VARCHAR), begin_snapshot, schema_id, table_name, path, "
	                     "path_is_relative FROM " +
	                     connection.TableName("ducklake_table") + " WHERE " + VisibleAt(id) + " ORDER BY table_id");
	for (auto &row : tables.rows) {
		TableRecord table;
		table.table_id = row[0].GetValue<int64_t>();
		table.table_uuid = row[1].IsNull() ? "" : row[1].ToString();
		table.begin_snapshot = row[2].GetValue<int64_t>();
		table.schema_id = row[3].GetValue<int64_t>();
		table.name = row[4].ToString();
		table.path = row[5].IsNull() ? "" : row[5].ToString();
		table.path_is_relative = row[6].IsNull() || row[6].GetValue<bool>();
		table.comment = comment_of(table.table_id);
		records.tables.push_back(std::move(table));
	}
	if (with_columns) {
		auto columns = LoadColumns(id, -1);
		for (auto &table : records.tables) {
			auto entry = columns.find(table.table_id);
			if (entry != columns.end()) {
				table.columns = std::move(entry->second);
			}
		}
	}
	LoadPartitionKeys(connection, id, records.tables);
	auto views =
	    connection.Query("SELECT view_id, CAST(view_uuid AS VARCHAR), begin_snapshot, schema_id, view_name, dialect, "
	                     "\"sql\", column_aliases FROM " +
	                     connection.TableName("ducklake_view") + " WHERE " + VisibleAt(id) + " ORDER BY view_id");
	for (auto &row : views.rows) {
		ViewRecord view;
		view.view_id = row[0].GetValue<int64_t>();
		view.view_uuid = row[1].IsNull() ? "" : row[1].ToString();
		view.begin_snapshot = row[2].GetValue<int64_t>();
		view.schema_id = row[3].GetValue<int64_t>();
		view.name = row[4].ToString();
		view.dialect = row[5].IsNull() ? "" : row[5].ToString();
		view.sql = row[6].IsNull() ? "" : row[6].ToString();
		view.column_aliases = row[7].IsNull() ? "" : row[7].ToString();
		view.comment = comment_of(view.view_id);
		records.views.push_back(std::move(view));
	}
	return records;
}

std::unordered_map<int64_t, std::vector<ColumnRecord>> SnapshotReader::LoadColumns(int64_t snapshot_id,
                                                                                   int64_t table_id) {
	auto filter = VisibleAt(snapshot_id);
	if (table_id >= 0) {
		filter = "table_id = " + std::to_string(table_id) + " AND " + filter;
	}
	std::map<std::pair<int64_t, int64_t>, Value> column_comments;
	auto column_tags =
	    connection.Query("SELECT table_id, column_id, \"value\" FROM " + connection.TableName("ducklake_column_tag") +
	                     " WHERE \"key\" = 'comment' AND " + filter);
	for (auto &row : column_tags.rows) {
		column_comments[{row[0].GetValue<int64_t>(), row[1].GetValue<int64_t>()}] = row[2];
	}
	auto columns = connection.Query("SELECT table_id, column_id, column_order, column_name, column_type, "
	                                "initial_default, default_value, nulls_allowed, parent_column FROM " +
	                                connection.TableName("ducklake_column") + " WHERE " + filter +
	                                " ORDER BY table_id, column_order");
	std::unordered_map<int64_t, std::vector<ColumnRecord>> result;
	std::vector<ColumnRecord> *table_columns = nullptr;
	int64_t current_table = -1;
	for (auto &row : columns.rows) {
		auto row_table = row[0].GetValue<int64_t>();
		if (!table_columns || row_table != current_table) {
			current_table = row_table;
			table_columns = &result[row_table];
		}
		ColumnRecord column;
		column.column_id = row[1].GetValue<int64_t>();
		column.column_order = row[2].GetValue<int64_t>();
		column.name = row[3].ToString();
		column.type = row[4].ToString();
		column.initial_default = std::move(row[5]);
		column.default_value = std::move(row[6]);
		column.nulls_allowed = row[7].IsNull() || row[7].GetValue<bool>();
		column.parent_column = row[8].IsNull() ? -1 : row[8].GetValue<int64_t>();
		auto comment = column_comments.find({row_table, column.column_id});
		if (comment != column_comments.end()) {
			column.comment = comment->second;
		}
		table_columns->push_back(std::move(column));
	}
	return result;
}

std::vector<MetadataOptionRecord> SnapshotReader::ListOptions() {
	auto rows = connection.Query("SELECT \"key\", \"value\", \"scope\", scope_id FROM " +
	                             connection.TableName("ducklake_metadata"));
	std::vector<MetadataOptionRecord> result;
	for (auto &row : rows.rows) {
		MetadataOptionRecord option;
		option.key = row[0].ToString();
		option.value = row[1].ToString();
		option.scope = row[2];
		option.scope_id = row[3];
		result.push_back(std::move(option));
	}
	return result;
}

TableStatsRecord SnapshotReader::TableStats(int64_t table_id) {
	TableStatsRecord stats;
	stats.table_id = table_id;
	auto id = std::to_string(table_id);
	auto rows = connection.Query("SELECT record_count, next_row_id, file_size_bytes FROM " +
	                             connection.TableName("ducklake_table_stats") + " WHERE table_id = " + id);
	if (rows.size() > 0) {
		stats.exists = true;
		stats.record_count = rows.Get(0, 0).IsNull() ? 0 : rows.Get(0, 0).GetValue<int64_t>();
		stats.next_row_id = rows.Get(0, 1).IsNull() ? 0 : rows.Get(0, 1).GetValue<int64_t>();
		stats.file_size_bytes = rows.Get(0, 2).IsNull() ? 0 : rows.Get(0, 2).GetValue<int64_t>();
	}
	auto columns = connection.Query("SELECT column_id, contains_null, contains_nan, min_value, max_value FROM " +
	                                connection.TableName("ducklake_table_column_stats") + " WHERE table_id = " + id +
	                                " ORDER BY column_id");
	for (auto &row : columns.rows) {
		TableColumnStatsRecord column;
		column.column_id = row[0].GetValue<int64_t>();
		column.contains_null = row[1];
		column.contains_nan = row[2];
		column.min_value = row[3];
		column.max_value = row[4];
		stats.columns.push_back(std::move(column));
	}
	return stats;
}

int64_t SnapshotReader::MaxColumnId(int64_t table_id) {
	auto rows = connection.Query("SELECT max(column_id) FROM " + connection.TableName("ducklake_column") +
	                             " WHERE table_id = " + std::to_string(table_id));
	if (rows.size() == 0 || rows.Get(0, 0).IsNull()) {
		return 0;
	}
	return rows.Get(0, 0).GetValue<int64_t>();
}

} // namespace ducklake
