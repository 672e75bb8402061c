#include "metadata/concurrent_writes.hpp"

namespace ducklake {

std::vector<std::pair<int64_t, std::string>> ReadChangesAfter(MetadataConnection &connection, int64_t snapshot_id) {
	auto rows =
	    connection.Query("SELECT s.snapshot_id, c.changes_made FROM " + connection.TableName("ducklake_snapshot") +
	                     " s LEFT JOIN " + connection.TableName("ducklake_snapshot_changes") +
	                     " c ON c.snapshot_id = s.snapshot_id WHERE s.snapshot_id > " + std::to_string(snapshot_id) +
	                     " ORDER BY s.snapshot_id");
	std::vector<std::pair<int64_t, std::string>> result;
	for (auto &row : rows.rows) {
		result.emplace_back(row[0].GetValue<int64_t>(), row[1].IsNull() ? std::string() : row[1].ToString());
	}
	return result;
}

std::vector<std::pair<int64_t, int64_t>> ReadFilesDeletedFromAfter(MetadataConnection &connection, int64_t table_id,
                                                                   int64_t snapshot_id) {
	auto table = std::to_string(table_id);
	auto after = std::to_string(snapshot_id);
	auto rows = connection.Query(
	    "SELECT data_file_id, min(changed) FROM (SELECT data_file_id, begin_snapshot AS changed FROM " +
	    connection.TableName("ducklake_delete_file") + " WHERE table_id = " + table + " AND begin_snapshot > " + after +
	    " UNION ALL SELECT data_file_id, end_snapshot AS changed FROM " + connection.TableName("ducklake_data_file") +
	    " WHERE table_id = " + table + " AND end_snapshot > " + after + ") changed_files GROUP BY data_file_id");
	std::vector<std::pair<int64_t, int64_t>> result;
	for (auto &row : rows.rows) {
		result.emplace_back(row[0].GetValue<int64_t>(), row[1].GetValue<int64_t>());
	}
	return result;
}

} // namespace ducklake
