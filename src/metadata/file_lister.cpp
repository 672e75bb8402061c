#include "metadata/file_lister.hpp"

#include "metadata/snapshot_reader.hpp"

#include <algorithm>
#include <unordered_map>

namespace ducklake {

namespace {

//! The columns of a data file row as ListScanFiles selects them, after data_file_id.
const char *const scan_file_columns = "f.begin_snapshot, f.path, f.path_is_relative, f.record_count, "
                                      "f.file_size_bytes, f.footer_size, f.row_id_start, f.partition_id";

//! `stats_alias`.min_value or max_value as BIGINT, NULL for rows of other columns (whose stats
//! strings need not be integers: the guard keeps every store from casting them).
std::string StatsAsInteger(const std::string &stats_alias, const char *stats_column, int64_t column_id) {
	return "CAST(CASE WHEN " + stats_alias + ".column_id = " + std::to_string(column_id) + " THEN " + stats_alias +
	       "." + stats_column + " END AS BIGINT)";
}

//! Condition on one stats row that is true when the row rules `bound` out.
std::string ExcludedBy(const StatsBound &bound, const std::string &stats_alias) {
	auto min_value = StatsAsInteger(stats_alias, "min_value", bound.column_id);
	auto max_value = StatsAsInteger(stats_alias, "max_value", bound.column_id);
	auto value = std::to_string(bound.value);
	switch (bound.comparison) {
	case StatsBound::Comparison::EQUAL:
		return max_value + " < " + value + " OR " + min_value + " > " + value;
	case StatsBound::Comparison::LESS_THAN:
		return min_value + " >= " + value;
	case StatsBound::Comparison::LESS_THAN_OR_EQUAL:
		return min_value + " > " + value;
	case StatsBound::Comparison::GREATER_THAN:
		return max_value + " <= " + value;
	case StatsBound::Comparison::GREATER_THAN_OR_EQUAL:
		return max_value + " < " + value;
	}
	return "false";
}

const char *ComparisonKey(StatsBound::Comparison comparison) {
	switch (comparison) {
	case StatsBound::Comparison::EQUAL:
		return "=";
	case StatsBound::Comparison::LESS_THAN:
		return "<";
	case StatsBound::Comparison::LESS_THAN_OR_EQUAL:
		return "<=";
	case StatsBound::Comparison::GREATER_THAN:
		return ">";
	case StatsBound::Comparison::GREATER_THAN_OR_EQUAL:
		return ">=";
	}
	return "?";
}

//! Runs the per-file column stats query over the data files `f` that `file_filter` selects and
//! hands each stats row of a file in `file_index` to `add(index, record)`.
template <class ADD>
void ForEachFileColumnStats(MetadataConnection &connection, const std::string &file_filter,
                            const std::unordered_map<int64_t, size_t> &file_index, ADD add) {
	auto stats = connection.Query(
	    "SELECT s.data_file_id, s.column_id, s.column_size_bytes, s.value_count, s.null_count, s.min_value, "
	    "s.max_value, s.contains_nan FROM " +
	    connection.TableName("ducklake_file_column_stats") + " s JOIN " + connection.TableName("ducklake_data_file") +
	    " f ON s.data_file_id = f.data_file_id WHERE " + file_filter);
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
		add(entry->second, std::move(column));
	}
}

} // namespace

std::string ScanFileQuery::Key() const {
	std::string key;
	for (auto &bound : bounds) {
		key +=
		    "b" + std::to_string(bound.column_id) + ComparisonKey(bound.comparison) + std::to_string(bound.value) + ";";
	}
	for (auto column_id : stats_column_ids) {
		key += "s" + std::to_string(column_id) + ";";
	}
	for (auto &bound : partition_bounds) {
		key += bound.Key();
	}
	return key;
}

std::string StatsBoundsCondition(const std::vector<StatsBound> &bounds, int64_t table_id,
                                 const std::string &stats_table, const std::string &file_alias) {
	if (bounds.empty()) {
		return std::string();
	}
	// A NOT EXISTS correlated on the file id, one per bounded column: PostgreSQL and SQLite run
	// it as an anti-join that looks the stats rows of each of the table's files up in the
	// data_file_id index (the stats table has no index on table_id: an uncorrelated subquery
	// over `table_id = X` scans all its rows), and stop at the first row that rules a file out.
	// DuckDB decorrelates it into a hash anti-join on the file id.
	std::vector<int64_t> column_ids;
	for (auto &bound : bounds) {
		if (std::find(column_ids.begin(), column_ids.end(), bound.column_id) == column_ids.end()) {
			column_ids.push_back(bound.column_id);
		}
	}
	std::string conditions;
	for (auto column_id : column_ids) {
		std::string column_excluded;
		for (auto &bound : bounds) {
			if (bound.column_id == column_id) {
				column_excluded += (column_excluded.empty() ? "(" : " OR (") + ExcludedBy(bound, "bs") + ")";
			}
		}
		// A file holding only NULLs in the column (value_count counts the values that are not NULL)
		// matches no comparison with a value.
		column_excluded += " OR (bs.value_count = 0 AND bs.null_count > 0)";
		conditions += (conditions.empty() ? "" : " AND ") + std::string("NOT EXISTS (SELECT 1 FROM ") + stats_table +
		              " bs WHERE bs.data_file_id = " + file_alias +
		              ".data_file_id AND bs.table_id = " + std::to_string(table_id) +
		              " AND bs.column_id = " + std::to_string(column_id) + " AND (" + column_excluded + "))";
	}
	return conditions;
}

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
	ForEachFileColumnStats(
	    connection, "f.table_id = " + std::to_string(table_id) + " AND " + VisibleAt(snapshot_id, "f"), file_index,
	    [&](size_t index, FileColumnStatsRecord column) { files[index].column_stats.push_back(std::move(column)); });
	return files;
}

std::vector<ScanFileRecord> FileLister::ListScanFiles(int64_t table_id, int64_t snapshot_id,
                                                      const ScanFileQuery &query) {
	auto id = std::to_string(table_id);
	auto file_filter = "f.table_id = " + id + " AND " + VisibleAt(snapshot_id, "f");
	auto bounds = StatsBoundsCondition(query.bounds, table_id, connection.TableName("ducklake_file_column_stats"), "f");
	if (!bounds.empty()) {
		file_filter += " AND " + bounds;
	}
	auto partition_bounds = PartitionBoundsSQL(
	    query.partition_bounds, table_id, "f", connection.TableName("ducklake_file_partition_value"),
	    connection.TableName("ducklake_data_file"), connection.TableName("ducklake_partition_column"));
	if (!partition_bounds.empty()) {
		file_filter += " AND " + partition_bounds;
	}
	// At most one delete file of a data file is visible at a snapshot (a new one ends the old).
	auto rows = connection.Query(
	    std::string("SELECT f.data_file_id, ") + scan_file_columns +
	    ", d.delete_file_id, d.path, d.path_is_relative, d.delete_count FROM " +
	    connection.TableName("ducklake_data_file") + " f LEFT JOIN " + connection.TableName("ducklake_delete_file") +
	    " d ON d.data_file_id = f.data_file_id AND d.table_id = " + id + " AND " + VisibleAt(snapshot_id, "d") +
	    " WHERE " + file_filter + " ORDER BY f.data_file_id, d.delete_file_id");
	std::vector<ScanFileRecord> files;
	std::unordered_map<int64_t, size_t> file_index;
	for (auto &row : rows.rows) {
		auto data_file_id = row[0].GetValue<int64_t>();
		auto existing = file_index.find(data_file_id);
		if (existing == file_index.end()) {
			ScanFileRecord file;
			auto &data = file.data_file;
			data.data_file_id = data_file_id;
			data.table_id = table_id;
			data.begin_snapshot = row[1].GetValue<int64_t>();
			data.path = row[2].ToString();
			data.path_is_relative = row[3].IsNull() || row[3].GetValue<bool>();
			data.record_count = row[4].IsNull() ? 0 : row[4].GetValue<int64_t>();
			data.file_size_bytes = row[5].IsNull() ? 0 : row[5].GetValue<int64_t>();
			data.footer_size = row[6];
			data.row_id_start = row[7].IsNull() ? 0 : row[7].GetValue<int64_t>();
			data.partition_id = row[8];
			file_index[data_file_id] = files.size();
			files.push_back(std::move(file));
		}
		if (row[9].IsNull()) {
			continue;
		}
		// Rows come in delete_file_id order: the newest delete file wins.
		auto &file = files[file_index[data_file_id]];
		file.has_delete_file = true;
		file.delete_file.delete_file_id = row[9].GetValue<int64_t>();
		file.delete_file.table_id = table_id;
		file.delete_file.data_file_id = data_file_id;
		file.delete_file.path = row[10].ToString();
		file.delete_file.path_is_relative = row[11].IsNull() || row[11].GetValue<bool>();
		file.delete_file.delete_count = row[12].IsNull() ? 0 : row[12].GetValue<int64_t>();
	}
	if (query.stats_column_ids.empty() || files.empty()) {
		return files;
	}
	std::string column_list;
	for (auto column_id : query.stats_column_ids) {
		column_list += (column_list.empty() ? "" : ", ") + std::to_string(column_id);
	}
	ForEachFileColumnStats(connection, "s.column_id IN (" + column_list + ") AND " + file_filter, file_index,
	                       [&](size_t index, FileColumnStatsRecord column) {
		                       files[index].data_file.column_stats.push_back(std::move(column));
	                       });
	return files;
}

TableScanFacts FileLister::ScanFacts(int64_t table_id) {
	auto id = std::to_string(table_id);
	auto rows =
	    connection.Query("SELECT (SELECT max(record_count) FROM " + connection.TableName("ducklake_table_stats") +
	                     " WHERE table_id = " + id + "), (SELECT min(table_name) FROM " +
	                     connection.TableName("ducklake_inlined_data_tables") + " WHERE table_id = " + id + ")");
	TableScanFacts facts;
	if (rows.size() == 1) {
		facts.estimated_record_count = rows.Get(0, 0).IsNull() ? 0 : rows.Get(0, 0).GetValue<int64_t>();
		facts.inlined_data_table = rows.Get(0, 1).IsNull() ? "" : rows.Get(0, 1).ToString();
	}
	return facts;
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
