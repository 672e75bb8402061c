#include "catalog/inlined_change_feed.hpp"

#include "metadata/changes_made.hpp"
#include "metadata/inlined_data.hpp"
#include "storage/column_tree.hpp"

#include "duckdb/parser/keyword_helper.hpp"

#include <algorithm>

namespace ducklake {

using namespace duckdb; // NOLINT: builds SQL from DuckDB values

namespace {

//! The snapshots in start..end whose changes include flushed_inlined:<table_id>.
std::vector<int64_t> FlushSnapshots(MetadataConnection &connection, int64_t table_id, int64_t start, int64_t end) {
	auto rows =
	    connection.Query("SELECT snapshot_id, changes_made FROM " + connection.TableName("ducklake_snapshot_changes") +
	                     " WHERE snapshot_id BETWEEN " + std::to_string(start) + " AND " + std::to_string(end));
	std::vector<int64_t> result;
	auto marker = "flushed_inlined:" + std::to_string(table_id);
	for (auto &row : rows.rows) {
		if (row[1].IsNull()) {
			continue;
		}
		std::vector<SnapshotChange> changes;
		string error;
		if (!ParseChanges(row[1].ToString(), changes, error)) {
			continue;
		}
		for (auto &change : changes) {
			if (change.kind + ":" + change.target == marker) {
				result.push_back(row[0].GetValue<int64_t>());
			}
		}
	}
	return result;
}

} // namespace

InlinedChangeFragments InlinedChangeQueries(MetadataConnection &connection, const TableRecord &table, int64_t start,
                                            int64_t end) {
	InlinedChangeFragments result;
	InlinedDataReader reader(connection);
	auto inlined_tables = reader.ListTables(table.table_id);
	if (inlined_tables.empty()) {
		return result;
	}
	result.flush_snapshots = FlushSnapshots(connection, table.table_id, start, end);
	std::vector<const ColumnRecord *> top_level;
	for (auto &column : table.columns) {
		if (column.parent_column < 0) {
			top_level.push_back(&column);
		}
	}
	std::string inserted_values, deleted_values;
	for (auto &inlined : inlined_tables) {
		auto stored_columns = reader.ListColumns(inlined);
		for (auto &row : reader.ReadAllRows(inlined.table_name).rows) {
			auto begin = row[1].GetValue<int64_t>();
			bool inserted = begin >= start && begin <= end;
			bool deleted = false;
			int64_t end_snapshot = -1;
			if (!row[2].IsNull()) {
				end_snapshot = row[2].GetValue<int64_t>();
				deleted = end_snapshot >= start && end_snapshot <= end &&
				          std::find(result.flush_snapshots.begin(), result.flush_snapshots.end(), end_snapshot) ==
				              result.flush_snapshots.end();
			}
			if (!inserted && !deleted) {
				continue;
			}
			std::string values;
			for (auto column : top_level) {
				auto type = BuildColumnType(*column, table.columns);
				auto value = InlinedRowValue(row, stored_columns, column->column_id, type, column->initial_default);
				values += ", " + value.ToSQLString();
			}
			auto row_id = row[0].ToString();
			if (inserted) {
				inserted_values += std::string(inserted_values.empty() ? "" : ", ") + "(" + std::to_string(begin) +
				                   ", " + row_id + values + ")";
			}
			if (deleted) {
				deleted_values += std::string(deleted_values.empty() ? "" : ", ") + "(" + std::to_string(end_snapshot) +
				                  ", " + row_id + values + ")";
			}
		}
	}
	std::string select_list = "CAST(s AS BIGINT) AS snapshot_id, CAST(r AS BIGINT) AS rowid";
	std::string aliases = "s, r";
	for (size_t column_idx = 0; column_idx < top_level.size(); column_idx++) {
		auto type = BuildColumnType(*top_level[column_idx], table.columns);
		select_list += ", CAST(c" + std::to_string(column_idx) + " AS " + type.ToString() + ") AS " +
		               KeywordHelper::WriteOptionallyQuoted(top_level[column_idx]->name);
		aliases += ", c" + std::to_string(column_idx);
	}
	auto fragment = [&](const std::string &values) {
		return "SELECT " + select_list + " FROM (VALUES " + values + ") AS ducklake_inlined_rows(" + aliases + ")";
	};
	if (!inserted_values.empty()) {
		result.inserted = fragment(inserted_values);
	}
	if (!deleted_values.empty()) {
		result.deleted = fragment(deleted_values);
	}
	return result;
}

} // namespace ducklake
