#include "catalog/inlined_changes.hpp"

#include "catalog/inlined_insert.hpp"
#include "metadata/inlined_data.hpp"
#include "storage/column_stats.hpp"
#include "storage/column_tree.hpp"

#include <algorithm>

namespace ducklake {

using namespace duckdb; // NOLINT: works on DuckDB values and types

namespace {

bool SameColumns(const std::vector<ColumnRecord> &left, const std::vector<ColumnRecord> &right) {
	if (left.size() != right.size()) {
		return false;
	}
	for (size_t column_idx = 0; column_idx < left.size(); column_idx++) {
		if (left[column_idx].column_id != right[column_idx].column_id ||
		    left[column_idx].type != right[column_idx].type) {
			return false;
		}
	}
	return true;
}

std::vector<InlinedColumn> InlinedColumnsOf(const std::vector<ColumnRecord> &columns) {
	std::vector<InlinedColumn> result;
	for (auto &column : columns) {
		if (column.parent_column >= 0) {
			continue;
		}
		InlinedColumn inlined;
		inlined.column_id = column.column_id;
		inlined.name = column.name;
		inlined.type = BuildColumnType(column, columns);
		result.push_back(std::move(inlined));
	}
	return result;
}

} // namespace

std::string InlinedChanges::LocalPath(int64_t table_id) {
	return std::string(inlined_data_path_prefix) + "transaction-local/" + std::to_string(table_id);
}

void InlinedChanges::AddRows(int64_t table_id, const std::vector<ColumnRecord> &columns,
                             std::vector<std::vector<Value>> rows) {
	lock_guard<mutex> guard(lock);
	auto &target = tables[table_id];
	if (target.rows.empty()) {
		target.columns = columns;
	} else if (!SameColumns(target.columns, columns)) {
		throw NotImplementedException("DuckLake data inlining: inserting small batches into a table before and after "
		                              "altering it in one transaction is not supported; commit in between or set "
		                              "data_inlining_row_limit to 0");
	}
	for (auto &row : rows) {
		target.rows.push_back(std::move(row));
	}
}

bool InlinedChanges::LocalScanFile(int64_t table_id, const std::vector<ColumnRecord> &table_columns,
                                   ScanFile &file) const {
	lock_guard<mutex> guard(lock);
	auto entry = tables.find(table_id);
	if (entry == tables.end() || entry->second.rows.empty()) {
		return false;
	}
	auto &local = entry->second;
	std::vector<int64_t> column_ids;
	for (auto &column : InlinedColumnsOf(local.columns)) {
		column_ids.push_back(column.column_id);
	}
	std::vector<int64_t> row_numbers;
	for (size_t row_idx = 0; row_idx < local.rows.size(); row_idx++) {
		row_numbers.push_back(static_cast<int64_t>(row_idx));
	}
	file.path = LocalPath(table_id);
	file.record_count = static_cast<int64_t>(local.rows.size());
	file.inlined = BuildInlinedScanData(table_columns, column_ids, local.rows, row_numbers);
	return true;
}

void InlinedChanges::DropTable(int64_t table_id) {
	lock_guard<mutex> guard(lock);
	tables.erase(table_id);
}

bool InlinedChanges::Empty() const {
	lock_guard<mutex> guard(lock);
	return tables.empty() && flushed.empty();
}

void InlinedChanges::Clear() {
	lock_guard<mutex> guard(lock);
	tables.clear();
	flushed.clear();
}

void InlinedChanges::AddFlushedFile(FlushedFile file) {
	lock_guard<mutex> guard(lock);
	flushed.push_back(std::move(file));
}

std::vector<std::string> InlinedChanges::FlushedPaths() const {
	lock_guard<mutex> guard(lock);
	std::vector<std::string> result;
	for (auto &file : flushed) {
		result.push_back(file.absolute_path);
	}
	return result;
}

std::vector<int64_t> InlinedChanges::InlinedDeleteTables(const PendingDeletes &deletes) {
	std::vector<int64_t> result;
	for (auto table_id : deletes.TableIds()) {
		for (auto &file : deletes.InlinedPositionsOf(table_id)) {
			if (IsInlinedDataPath(file.first) && file.first != LocalPath(table_id)) {
				result.push_back(table_id);
				break;
			}
		}
	}
	return result;
}

bool InlinedChanges::AddToBatch(CommitContext &context, CommitBatch &batch) {
	lock_guard<mutex> guard(lock);
	auto &connection = context.connection;
	InlinedDataReader reader(connection);
	auto sid = batch.snapshot.snapshot_id;
	bool raise_schema_version = false;
	std::string sql;
	std::vector<int64_t> created_for;
	auto create_table = [&](int64_t table_id, const std::vector<ColumnRecord> &columns) {
		InlinedTableRecord record;
		record.table_id = table_id;
		record.schema_version = context.new_schema_version;
		record.table_name = InlinedTableName(table_id, record.schema_version);
		sql += CreateInlinedTableSQL(connection, record, InlinedColumnsOf(columns));
		created_for.push_back(table_id);
		if (!context.schema_changed) {
			raise_schema_version = true;
		}
		return record.table_name;
	};
	for (auto &entry : context.new_inlining_tables) {
		if (StoreCanInline(connection, InlinedColumnsOf(entry.second))) {
			create_table(entry.first, entry.second);
		}
	}
	for (auto &entry : tables) {
		auto local_id = entry.first;
		auto table_id = context.map_table_id(local_id);
		auto &local = entry.second;
		// Rows the transaction deleted again are left out.
		std::vector<int64_t> deleted;
		auto positions = context.deletes.InlinedPositionsOf(local_id);
		auto local_deleted = positions.find(LocalPath(local_id));
		if (local_deleted != positions.end()) {
			deleted = local_deleted->second;
		}
		std::vector<std::vector<Value>> rows;
		for (size_t row_idx = 0; row_idx < local.rows.size(); row_idx++) {
			if (!std::binary_search(deleted.begin(), deleted.end(), static_cast<int64_t>(row_idx))) {
				rows.push_back(local.rows[row_idx]);
			}
		}
		if (rows.empty()) {
			continue;
		}
		// The inlined data table: the one created above, the newest one when the columns did not
		// change since its schema version, else a new one.
		std::string table_name;
		if (std::find(created_for.begin(), created_for.end(), table_id) != created_for.end()) {
			table_name = InlinedTableName(table_id, context.new_schema_version);
		} else if (!context.columns_changed_here(local_id) &&
		           !context.cache.InlinedTable(table_id, context.latest.schema_version, table_name)) {
			auto existing = reader.ListTables(table_id);
			if (!existing.empty()) {
				auto change_version = reader.SchemaVersionOf(reader.LastColumnChangeSnapshot(table_id));
				if (existing.back().schema_version >= change_version) {
					table_name = existing.back().table_name;
					context.cache.StoreInlinedTable(table_id, context.latest.schema_version, table_name);
				}
			}
		}
		if (table_name.empty()) {
			table_name = create_table(table_id, local.columns);
		}
		// Row ids and stats, after any files this commit adds to the table.
		TableStatsRecord *stats = nullptr;
		for (auto &existing : batch.table_stats) {
			if (existing.table_id == table_id) {
				stats = &existing;
			}
		}
		if (!stats) {
			batch.table_stats.push_back(local_id >= (int64_t(1) << 60) ? TableStatsRecord()
			                                                           : context.read_stats(table_id));
			stats = &batch.table_stats.back();
			stats->table_id = table_id;
		}
		std::vector<int64_t> row_ids;
		for (size_t row_idx = 0; row_idx < rows.size(); row_idx++) {
			row_ids.push_back(stats->next_row_id++);
		}
		stats->record_count += static_cast<int64_t>(rows.size());
		std::unordered_map<int64_t, LogicalType> types;
		for (auto &column : local.columns) {
			types[column.column_id] = BuildColumnType(column, local.columns);
		}
		MergeTableColumnStats(stats->columns, InlinedRowStats(local.columns, rows), types);
		batch.inlined_rows.push_back({table_name, std::move(row_ids), std::move(rows)});
	}
	// Flushed rows: a data file each table, the inlined rows ended; the rows keep their row ids
	// (inside the file) and stay counted once in the table's stats.
	for (auto &file : flushed) {
		DataFileRecord record;
		record.data_file_id = (*context.next_file_id)++;
		record.table_id = file.table_id;
		record.path = file.file_name;
		record.path_is_relative = true;
		record.record_count = file.record_count;
		record.file_size_bytes = file.file_size_bytes;
		record.footer_size = Value::BIGINT(file.footer_size);
		record.row_id_start = file.row_id_start;
		record.partition_id = file.partition_id < 0 ? Value(LogicalType::BIGINT) : Value::BIGINT(file.partition_id);
		record.partition_values = file.partition_values;
		record.column_stats = file.column_stats;
		batch.new_data_files.push_back(std::move(record));
		TableStatsRecord *stats = nullptr;
		for (auto &existing : batch.table_stats) {
			if (existing.table_id == file.table_id) {
				stats = &existing;
			}
		}
		if (!stats) {
			batch.table_stats.push_back(context.read_stats(file.table_id));
			stats = &batch.table_stats.back();
			stats->table_id = file.table_id;
		}
		stats->file_size_bytes += file.file_size_bytes;
		for (auto &rows : file.flushed_rows) {
			sql += EndInlinedRowsSQL(connection, rows.first, rows.second, sid);
		}
	}
	// Deletes of committed inlined rows end them.
	for (auto local_id : context.deletes.TableIds()) {
		for (auto &file : context.deletes.InlinedPositionsOf(local_id)) {
			if (!IsInlinedDataPath(file.first) || file.first == LocalPath(local_id)) {
				continue;
			}
			auto table_name = file.first.substr(std::string(inlined_data_path_prefix).size());
			sql += EndInlinedRowsSQL(connection, table_name, file.second, sid);
		}
	}
	batch.inlined_data_sql = sql;
	return raise_schema_version;
}

} // namespace ducklake
