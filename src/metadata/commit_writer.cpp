#include "metadata/commit_writer.hpp"

#include "metadata/inlined_data.hpp"
#include "metadata/partition_rows.hpp"
#include "metadata/snapshot_reader.hpp"

#include "duckdb/parser/keyword_helper.hpp"

namespace ducklake {

using duckdb::Value;

namespace {

std::string Lit(const std::string &text) {
	return duckdb::KeywordHelper::WriteQuoted(text, '\'');
}

std::string Lit(const Value &value) {
	if (value.IsNull()) {
		return "NULL";
	}
	return Lit(value.ToString());
}

std::string Int(int64_t value) {
	return std::to_string(value);
}

std::string Bool(bool value) {
	return value ? "true" : "false";
}

std::string IntOrNull(const Value &value) {
	return value.IsNull() ? "NULL" : std::to_string(value.GetValue<int64_t>());
}

std::string BoolOrNull(const Value &value) {
	return value.IsNull() ? "NULL" : Bool(value.GetValue<bool>());
}

//! One INSERT of ducklake_column rows beginning at snapshot `sid`; empty for no columns.
std::string ColumnRowsSQL(MetadataConnection &connection, int64_t table_id, const std::vector<ColumnRecord> &columns,
                          const std::string &sid) {
	if (columns.empty()) {
		return std::string();
	}
	std::string sql = "INSERT INTO " + connection.TableName("ducklake_column") + " VALUES ";
	for (size_t column_idx = 0; column_idx < columns.size(); column_idx++) {
		auto &column = columns[column_idx];
		sql += std::string(column_idx > 0 ? ", " : "") + "(" + Int(column.column_id) + ", " + sid + ", NULL, " +
		       Int(table_id) + ", " + Int(column.column_order) + ", " + Lit(column.name) + ", " + Lit(column.type) +
		       ", " + Lit(column.initial_default) + ", " + Lit(column.default_value) + ", " +
		       Bool(column.nulls_allowed) + ", " +
		       (column.parent_column < 0 ? std::string("NULL") : Int(column.parent_column)) + ")";
	}
	return sql + ";\n";
}

//! The values Lit() and BoolOrNull() write, for appended rows.
Value TextOrNull(const Value &value) {
	return value.IsNull() ? Value(duckdb::LogicalType::VARCHAR) : Value(value.ToString());
}

Value BoolValueOrNull(const Value &value) {
	return value.IsNull() ? Value(duckdb::LogicalType::BOOLEAN) : Value::BOOLEAN(value.GetValue<bool>());
}

std::string IdList(const std::vector<int64_t> &ids) {
	std::string result;
	for (auto id : ids) {
		result += (result.empty() ? "" : ", ") + Int(id);
	}
	return result;
}

} // namespace

CommitWriter::CommitWriter(MetadataConnection &connection_p) : connection(connection_p) {
}

SnapshotRecord CommitWriter::Begin(int64_t base_snapshot_id) {
	connection.Begin();
	open = true;
	auto direct = DirectAccessOf(connection);
	SnapshotRecord known;
	if (base_snapshot_id >= 0 && direct && direct->KnownLatestSnapshot(known) &&
	    known.snapshot_id == base_snapshot_id) {
		return known;
	}
	SnapshotReader reader(connection);
	return reader.LatestSnapshot();
}

TableStatsRecord CommitWriter::ReadTableStats(int64_t table_id) {
	SnapshotReader reader(connection);
	return reader.TableStats(table_id);
}

std::string CommitWriter::GenerateSQL(const CommitBatch &batch) const {
	auto sql = SnapshotRowsSQL(batch) + ObjectRowsSQL(batch) + TableStatsSQL(batch);
	sql += GenerateAlterSQL(batch);
	sql += PartitionRowsSQL(connection, batch);
	sql += GenerateOptionsSQL(batch);
	sql += batch.inlined_data_sql;
	for (auto &insert : batch.inlined_rows) {
		sql += InsertInlinedRowsSQL(connection, insert.table_name, insert.row_ids, insert.rows,
		                            batch.snapshot.snapshot_id);
	}
	return sql;
}

std::string CommitWriter::EndRowsSQL(const CommitBatch &batch, const std::string &table,
                                     const std::string &condition) const {
	return "UPDATE " + connection.TableName(table) + " SET end_snapshot = " + Int(batch.snapshot.snapshot_id) +
	       " WHERE end_snapshot IS NULL AND " + condition + ";\n";
}

std::string CommitWriter::SnapshotRowsSQL(const CommitBatch &batch) const {
	auto sid = Int(batch.snapshot.snapshot_id);
	std::string sql;
	sql += "INSERT INTO " + connection.TableName("ducklake_snapshot") + " VALUES (" + sid + ", NOW(), " +
	       Int(batch.snapshot.schema_version) + ", " + Int(batch.snapshot.next_catalog_id) + ", " +
	       Int(batch.snapshot.next_file_id) + ");\n";
	sql += "INSERT INTO " + connection.TableName("ducklake_snapshot_changes") + " VALUES (" + sid + ", " +
	       Lit(batch.changes_made) + ", " + Lit(batch.author) + ", " + Lit(batch.commit_message) + ", " +
	       Lit(batch.commit_extra_info) + ");\n";
	return sql;
}

std::string CommitWriter::ObjectRowsSQL(const CommitBatch &batch) const {
	auto sid = Int(batch.snapshot.snapshot_id);
	auto end_rows = [&](const std::string &table, const std::string &condition) {
		return EndRowsSQL(batch, table, condition);
	};
	std::string sql;
	if (batch.schema_changed) {
		sql += "INSERT INTO " + connection.TableName("ducklake_schema_versions") + " VALUES (" + sid + ", " +
		       Int(batch.snapshot.schema_version) + ");\n";
	}
	for (auto &schema : batch.new_schemas) {
		sql += "INSERT INTO " + connection.TableName("ducklake_schema") + " VALUES (" + Int(schema.schema_id) + ", " +
		       Lit(schema.schema_uuid) + ", " + sid + ", NULL, " + Lit(schema.name) + ", " + Lit(schema.path) + ", " +
		       Bool(schema.path_is_relative) + ");\n";
	}
	for (auto &table : batch.new_tables) {
		sql += "INSERT INTO " + connection.TableName("ducklake_table") + " VALUES (" + Int(table.table_id) + ", " +
		       Lit(table.table_uuid) + ", " + sid + ", NULL, " + Int(table.schema_id) + ", " + Lit(table.name) + ", " +
		       Lit(table.path) + ", " + Bool(table.path_is_relative) + ");\n";
		sql += ColumnRowsSQL(connection, table.table_id, table.columns, sid);
	}
	for (auto &view : batch.new_views) {
		sql += "INSERT INTO " + connection.TableName("ducklake_view") + " VALUES (" + Int(view.view_id) + ", " +
		       Lit(view.view_uuid) + ", " + sid + ", NULL, " + Int(view.schema_id) + ", " + Lit(view.name) + ", " +
		       Lit(view.dialect) + ", " + Lit(view.sql) + ", " + Lit(view.column_aliases) + ");\n";
	}
	for (auto table_id : batch.dropped_tables) {
		auto condition = "table_id = " + Int(table_id);
		sql += end_rows("ducklake_table", condition);
		sql += end_rows("ducklake_column", condition);
		sql += end_rows("ducklake_data_file", condition);
		sql += end_rows("ducklake_delete_file", condition);
		sql += end_rows("ducklake_column_tag", condition);
		sql += end_rows("ducklake_partition_info", condition);
		sql += end_rows("ducklake_tag", "object_id = " + Int(table_id));
	}
	for (auto view_id : batch.dropped_views) {
		sql += end_rows("ducklake_view", "view_id = " + Int(view_id));
		sql += end_rows("ducklake_tag", "object_id = " + Int(view_id));
	}
	for (auto schema_id : batch.dropped_schemas) {
		sql += end_rows("ducklake_schema", "schema_id = " + Int(schema_id));
	}
	for (auto &tag : batch.tags) {
		if (tag.column_id < 0) {
			sql += end_rows("ducklake_tag", "object_id = " + Int(tag.object_id) + " AND \"key\" = " + Lit(tag.key));
			if (!tag.value.IsNull()) {
				sql += "INSERT INTO " + connection.TableName("ducklake_tag") + " VALUES (" + Int(tag.object_id) + ", " +
				       sid + ", NULL, " + Lit(tag.key) + ", " + Lit(tag.value) + ");\n";
			}
		} else {
			sql += end_rows("ducklake_column_tag", "table_id = " + Int(tag.object_id) + " AND column_id = " +
			                                           Int(tag.column_id) + " AND \"key\" = " + Lit(tag.key));
			if (!tag.value.IsNull()) {
				sql += "INSERT INTO " + connection.TableName("ducklake_column_tag") + " VALUES (" + Int(tag.object_id) +
				       ", " + Int(tag.column_id) + ", " + sid + ", NULL, " + Lit(tag.key) + ", " + Lit(tag.value) +
				       ");\n";
			}
		}
	}
	for (auto &file : batch.new_data_files) {
		sql += "INSERT INTO " + connection.TableName("ducklake_data_file") + " VALUES (" + Int(file.data_file_id) +
		       ", " + Int(file.table_id) + ", " + sid + ", NULL, NULL, " + Lit(file.path) + ", " +
		       Bool(file.path_is_relative) + ", 'parquet', " + Int(file.record_count) + ", " +
		       Int(file.file_size_bytes) + ", " + IntOrNull(file.footer_size) + ", " + Int(file.row_id_start) + ", " +
		       IntOrNull(file.partition_id) + ", NULL, NULL, NULL);\n";
		if (!file.column_stats.empty()) {
			sql += "INSERT INTO " + connection.TableName("ducklake_file_column_stats") + " VALUES ";
			for (size_t stats_idx = 0; stats_idx < file.column_stats.size(); stats_idx++) {
				auto &stats = file.column_stats[stats_idx];
				sql += std::string(stats_idx > 0 ? ", " : "") + "(" + Int(file.data_file_id) + ", " +
				       Int(file.table_id) + ", " + Int(stats.column_id) + ", " + IntOrNull(stats.column_size_bytes) +
				       ", " + IntOrNull(stats.value_count) + ", " + IntOrNull(stats.null_count) + ", " +
				       Lit(stats.min_value) + ", " + Lit(stats.max_value) + ", " + BoolOrNull(stats.contains_nan) +
				       ", NULL)";
			}
			sql += ";\n";
		}
	}
	for (auto delete_file_id : batch.ended_delete_files) {
		sql += end_rows("ducklake_delete_file", "delete_file_id = " + Int(delete_file_id));
	}
	for (auto &file : batch.new_delete_files) {
		sql += "INSERT INTO " + connection.TableName("ducklake_delete_file") + " VALUES (" + Int(file.delete_file_id) +
		       ", " + Int(file.table_id) + ", " + sid + ", NULL, " + Int(file.data_file_id) + ", " + Lit(file.path) +
		       ", " + Bool(file.path_is_relative) + ", 'parquet', " + Int(file.delete_count) + ", " +
		       Int(file.file_size_bytes) + ", " + IntOrNull(file.footer_size) + ", NULL);\n";
	}
	return sql;
}

std::string CommitWriter::TableStatsSQL(const CommitBatch &batch) const {
	std::string sql;
	for (auto &stats : batch.table_stats) {
		auto condition = " WHERE table_id = " + Int(stats.table_id) + ";\n";
		sql += "DELETE FROM " + connection.TableName("ducklake_table_stats") + condition;
		sql += "INSERT INTO " + connection.TableName("ducklake_table_stats") + " VALUES (" + Int(stats.table_id) +
		       ", " + Int(stats.record_count) + ", " + Int(stats.next_row_id) + ", " + Int(stats.file_size_bytes) +
		       ");\n";
		sql += "DELETE FROM " + connection.TableName("ducklake_table_column_stats") + condition;
		if (!stats.columns.empty()) {
			sql += "INSERT INTO " + connection.TableName("ducklake_table_column_stats") + " VALUES ";
			for (size_t column_idx = 0; column_idx < stats.columns.size(); column_idx++) {
				auto &column = stats.columns[column_idx];
				sql += std::string(column_idx > 0 ? ", " : "") + "(" + Int(stats.table_id) + ", " +
				       Int(column.column_id) + ", " + BoolOrNull(column.contains_null) + ", " +
				       BoolOrNull(column.contains_nan) + ", " + Lit(column.min_value) + ", " + Lit(column.max_value) +
				       ", NULL)";
			}
			sql += ";\n";
		}
	}
	return sql;
}

std::string CommitWriter::GenerateAlterSQL(const CommitBatch &batch) const {
	auto sid = Int(batch.snapshot.snapshot_id);
	auto end_rows = [&](const std::string &table, const std::string &condition) {
		return EndRowsSQL(batch, table, condition);
	};
	std::string sql;
	for (auto &altered : batch.altered_tables) {
		auto table_condition = "table_id = " + Int(altered.table_id);
		if (altered.renamed) {
			auto &table = altered.table;
			sql += end_rows("ducklake_table", table_condition);
			sql += "INSERT INTO " + connection.TableName("ducklake_table") + " VALUES (" + Int(altered.table_id) +
			       ", " + Lit(table.table_uuid) + ", " + sid + ", NULL, " + Int(table.schema_id) + ", " +
			       Lit(table.name) + ", " + Lit(table.path) + ", " + Bool(table.path_is_relative) + ");\n";
		}
		if (!altered.ended_column_ids.empty()) {
			sql += end_rows("ducklake_column",
			                table_condition + " AND column_id IN (" + IdList(altered.ended_column_ids) + ")");
		}
		sql += ColumnRowsSQL(connection, altered.table_id, altered.new_columns, sid);
		if (!altered.dropped_column_ids.empty()) {
			auto dropped = table_condition + " AND column_id IN (" + IdList(altered.dropped_column_ids) + ")";
			sql += end_rows("ducklake_column_tag", dropped);
			sql += "DELETE FROM " + connection.TableName("ducklake_table_column_stats") + " WHERE " + dropped + ";\n";
		}
	}
	return sql;
}

std::string CommitWriter::GenerateOptionsSQL(const CommitBatch &batch) const {
	std::string sql;
	for (auto &option : batch.options) {
		auto scope_condition = option.scope.IsNull() ? std::string("\"scope\" IS NULL")
		                                             : "\"scope\" = " + Lit(option.scope) +
		                                                   " AND scope_id = " + IntOrNull(option.scope_id);
		sql += "DELETE FROM " + connection.TableName("ducklake_metadata") + " WHERE \"key\" = " + Lit(option.key) +
		       " AND " + scope_condition + ";\n";
		sql += "INSERT INTO " + connection.TableName("ducklake_metadata") + " VALUES (" + Lit(option.key) + ", " +
		       Lit(option.value) + ", " + Lit(option.scope) + ", " + IntOrNull(option.scope_id) + ");\n";
	}
	return sql;
}

SnapshotRecord CommitWriter::Write(const CommitBatch &batch) {
	auto direct = DirectAccessOf(connection);
	if (direct) {
		return WriteDirect(*direct, batch);
	}
	connection.Query(GenerateSQL(batch));
	return batch.snapshot;
}

SnapshotRecord CommitWriter::WriteDirect(DirectCommitAccess &direct, const CommitBatch &batch) {
	// The statements and appends run in GenerateSQL's order: the snapshot row first (its primary
	// key is the race with other writers), a table's stats rows replaced before an ALTER's stats
	// deletes, inlined rows after their table is created.
	auto snapshot = batch.snapshot;
	snapshot.snapshot_time = direct.TransactionTime();
	auto sid = Value::BIGINT(snapshot.snapshot_id);
	direct.AppendRows("ducklake_snapshot",
	                  {{sid, snapshot.snapshot_time, Value::BIGINT(snapshot.schema_version),
	                    Value::BIGINT(snapshot.next_catalog_id), Value::BIGINT(snapshot.next_file_id)}});
	direct.AppendRows("ducklake_snapshot_changes",
	                  {{sid, Value(batch.changes_made), TextOrNull(batch.author), TextOrNull(batch.commit_message),
	                    TextOrNull(batch.commit_extra_info)}});
	auto object_rows = ObjectRowsSQL(batch);
	if (!object_rows.empty()) {
		connection.Query(object_rows);
	}
	// Each table's stats rows are replaced: the row of the table, the rows of its columns (identified
	// by table_id and column_id). Rows whose values did not change are not written again.
	for (auto &stats : batch.table_stats) {
		auto table_id = Value::BIGINT(stats.table_id);
		direct.ReplaceRows("ducklake_table_stats", "table_id", stats.table_id, 1,
		                   {{table_id, Value::BIGINT(stats.record_count), Value::BIGINT(stats.next_row_id),
		                     Value::BIGINT(stats.file_size_bytes)}});
		std::vector<std::vector<Value>> column_rows;
		for (auto &column : stats.columns) {
			column_rows.push_back({table_id, Value::BIGINT(column.column_id), BoolValueOrNull(column.contains_null),
			                       BoolValueOrNull(column.contains_nan), TextOrNull(column.min_value),
			                       TextOrNull(column.max_value), Value(duckdb::LogicalType::VARCHAR)});
		}
		direct.ReplaceRows("ducklake_table_column_stats", "table_id", stats.table_id, 2, column_rows);
	}
	auto after_stats = GenerateAlterSQL(batch) + PartitionRowsSQL(connection, batch) + GenerateOptionsSQL(batch) +
	                   batch.inlined_data_sql;
	if (!after_stats.empty()) {
		connection.Query(after_stats);
	}
	for (auto &insert : batch.inlined_rows) {
		std::vector<std::vector<Value>> rows;
		for (size_t row_idx = 0; row_idx < insert.rows.size(); row_idx++) {
			std::vector<Value> row {Value::BIGINT(insert.row_ids[row_idx]), sid, Value(duckdb::LogicalType::BIGINT)};
			row.insert(row.end(), insert.rows[row_idx].begin(), insert.rows[row_idx].end());
			rows.push_back(std::move(row));
		}
		direct.AppendRows(insert.table_name, rows);
	}
	direct.WritingSnapshot(snapshot);
	return snapshot;
}

void CommitWriter::Commit() {
	connection.Commit();
	open = false;
}

void CommitWriter::Abort() {
	if (open) {
		connection.Rollback();
		open = false;
	}
}

} // namespace ducklake
