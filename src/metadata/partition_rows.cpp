#include "metadata/partition_rows.hpp"

#include "metadata/snapshot_reader.hpp"

#include "duckdb/parser/keyword_helper.hpp"

#include <unordered_map>

namespace ducklake {

namespace {

std::string Lit(const duckdb::Value &value) {
	if (value.IsNull()) {
		return "NULL";
	}
	return duckdb::KeywordHelper::WriteQuoted(value.ToString(), '\'');
}

std::string Int(int64_t value) {
	return std::to_string(value);
}

//! The ducklake_partition_info row and ducklake_partition_column rows of one partitioning.
std::string NewPartitionSQL(MetadataConnection &connection, int64_t table_id, int64_t partition_id,
                            const std::vector<PartitionKeyRecord> &keys, const std::string &sid) {
	if (keys.empty()) {
		return std::string();
	}
	auto sql = "INSERT INTO " + connection.TableName("ducklake_partition_info") + " VALUES (" + Int(partition_id) +
	           ", " + Int(table_id) + ", " + sid + ", NULL);\n";
	sql += "INSERT INTO " + connection.TableName("ducklake_partition_column") + " VALUES ";
	for (size_t key_idx = 0; key_idx < keys.size(); key_idx++) {
		auto &key = keys[key_idx];
		sql += std::string(key_idx > 0 ? ", " : "") + "(" + Int(partition_id) + ", " + Int(table_id) + ", " +
		       Int(key.partition_key_index) + ", " + Int(key.column_id) + ", " + Lit(duckdb::Value(key.transform)) +
		       ")";
	}
	return sql + ";\n";
}

} // namespace

void LoadPartitionKeys(MetadataConnection &connection, int64_t snapshot_id, std::vector<TableRecord> &tables) {
	if (tables.empty()) {
		return;
	}
	auto rows = connection.Query("SELECT i.table_id, i.partition_id, c.partition_key_index, c.column_id, "
	                             "c.\"transform\" FROM " +
	                             connection.TableName("ducklake_partition_info") + " i JOIN " +
	                             connection.TableName("ducklake_partition_column") +
	                             " c ON c.partition_id = i.partition_id AND c.table_id = i.table_id WHERE " +
	                             VisibleAt(snapshot_id, "i") + " ORDER BY i.table_id, c.partition_key_index");
	std::unordered_map<int64_t, size_t> table_index;
	for (size_t table_idx = 0; table_idx < tables.size(); table_idx++) {
		table_index[tables[table_idx].table_id] = table_idx;
	}
	for (auto &row : rows.rows) {
		auto entry = table_index.find(row[0].GetValue<int64_t>());
		if (entry == table_index.end()) {
			continue; // partitioning of a table not visible at this snapshot
		}
		auto &table = tables[entry->second];
		table.partition_id = row[1].GetValue<int64_t>();
		PartitionKeyRecord key;
		key.partition_key_index = row[2].GetValue<int64_t>();
		key.column_id = row[3].GetValue<int64_t>();
		key.transform = row[4].IsNull() ? "identity" : row[4].ToString();
		table.partition_keys.push_back(std::move(key));
	}
}

std::string PartitionRowsSQL(MetadataConnection &connection, const CommitBatch &batch) {
	auto sid = Int(batch.snapshot.snapshot_id);
	std::string sql;
	for (auto &table : batch.new_tables) {
		sql += NewPartitionSQL(connection, table.table_id, table.partition_id, table.partition_keys, sid);
	}
	for (auto &altered : batch.altered_tables) {
		if (!altered.partition_changed) {
			continue;
		}
		sql += "UPDATE " + connection.TableName("ducklake_partition_info") + " SET end_snapshot = " + sid +
		       " WHERE end_snapshot IS NULL AND table_id = " + Int(altered.table_id) + ";\n";
		sql += NewPartitionSQL(connection, altered.table_id, altered.partition_id, altered.partition_keys, sid);
	}
	std::string values;
	for (auto &file : batch.new_data_files) {
		for (size_t key_idx = 0; key_idx < file.partition_values.size(); key_idx++) {
			values += std::string(values.empty() ? "" : ", ") + "(" + Int(file.data_file_id) + ", " +
			          Int(file.table_id) + ", " + Int(static_cast<int64_t>(key_idx)) + ", " +
			          Lit(file.partition_values[key_idx]) + ")";
		}
	}
	if (!values.empty()) {
		sql += "INSERT INTO " + connection.TableName("ducklake_file_partition_value") + " VALUES " + values + ";\n";
	}
	return sql;
}

} // namespace ducklake
