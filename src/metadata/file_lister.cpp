#include "metadata/file_lister.hpp"

#include "metadata/snapshot_reader.hpp"

#include <unordered_map>

namespace ducklake {

FileLister::FileLister(MetadataConnection &connection_p) : connection(connection_p) {
}

std::vector<DataFileRecord> FileLister::ListDataFiles(int64_t table_id, int64_t snapshot_id, bool with_stats) {
	auto table_filter = "table_id = " + std::to_string(table_id) + " AND " + VisibleAt(snapshot_id);
	auto rows = connection.Query("SELECT data_file_id, begin_snapshot, path, path_is_relative, record_count, "
	                             "file_size_bytes, footer_size, row_id_start, partition_id FROM " +
	                             connection.TableName("ducklake_data_file") + " WHERE " + table_filter +
	                             " ORDER BY data_file_id");
	std::vector<DataFileRecord> files;
	std::unordered_map<int64_t, size_t> file_index;
	for (auto &row : rows.rows) {
		DataFileRecord file;
		file.data_file_id = row[0].GetValue<int64_t>();
		file.table_id = table_id;
		file.begin_snapshot = row[1].GetValue<int64_t>();
		file.path = row[2].ToString();
		file.path_is_relative = row[3].IsNull() || row[3].GetValue<bool>();
		file.record_count = row[4].IsNull() ? 0 : row[4].GetValue<int64_t>();
		file.file_size_bytes = row[5].IsNull() ? 0 : row[5].GetValue<int64_t>();
		file.footer_size = row[6];
		file.row_id_start = row[7].IsNull() ? 0 : row[7].GetValue<int64_t>();
		file.partition_id = row[8];
		file_index[file.data_file_id] = files.size();
		files.push_back(std::move(file));
	}
	if (!with_stats || files.empty()) {
		return files;
	}
	auto stats = connection.Query(
	    "SELECT s.data_file_id, s.column_id, s.column_size_bytes, s.value_count, s.null_count, s.min_value, "
	    "s.max_value, s.contains_nan FROM " +
	    connection.TableName("ducklake_file_column_stats") + " s JOIN " + connection.TableName("ducklake_data_file") +
	    " f USING (data_file_id) WHERE f.table_id = " + std::to_string(table_id) + " AND " +
	    VisibleAt(snapshot_id, "f"));
	for (auto &row : stats.rows) {
		auto entry = file_index.find(row[0].GetValue<int64_t>());
		if (entry == file_index.end()) {
			continue;
		}
		FileColumnStatsRecord column;
		column.column_id = row[1].GetValue<int64_t>();
		column.column_size_bytes = row[2];
		column.value_count = row[3];
		column.null_count = row[4];
		column.min_value = row[5];
		column.max_value = row[6];
		column.contains_nan = row[7];
		files[entry->second].column_stats.push_back(std::move(column));
	}
	return files;
}

std::vector<DeleteFileRecord> FileLister::ListDeleteFiles(int64_t table_id, int64_t snapshot_id) {
	auto rows = connection.Query("SELECT delete_file_id, data_file_id, path, path_is_relative, delete_count FROM " +
	                             connection.TableName("ducklake_delete_file") +
	                             " WHERE table_id = " + std::to_string(table_id) + " AND " + VisibleAt(snapshot_id) +
	                             " ORDER BY delete_file_id");
	std::vector<DeleteFileRecord> files;
	for (auto &row : rows.rows) {
		DeleteFileRecord file;
		file.delete_file_id = row[0].GetValue<int64_t>();
		file.table_id = table_id;
		file.data_file_id = row[1].GetValue<int64_t>();
		file.path = row[2].ToString();
		file.path_is_relative = row[3].IsNull() || row[3].GetValue<bool>();
		file.delete_count = row[4].IsNull() ? 0 : row[4].GetValue<int64_t>();
		files.push_back(std::move(file));
	}
	return files;
}

std::vector<std::string> FileLister::ListInlinedDataTables(int64_t table_id) {
	auto rows = connection.Query("SELECT table_name FROM " + connection.TableName("ducklake_inlined_data_tables") +
	                             " WHERE table_id = " + std::to_string(table_id) + " ORDER BY schema_version");
	std::vector<std::string> names;
	for (auto &row : rows.rows) {
		names.push_back(row[0].ToString());
	}
	return names;
}

} // namespace ducklake
