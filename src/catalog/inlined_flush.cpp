#include "catalog/inlined_flush.hpp"

#include "catalog/materialized_rows.hpp"

#include "catalog/catalog_snapshot.hpp"
#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_delete.hpp"
#include "catalog/ducklake_schema_entry.hpp"
#include "catalog/ducklake_table_entry.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "metadata/inlined_data.hpp"
#include "storage/column_stats.hpp"
#include "storage/column_tree.hpp"
#include "storage/data_path.hpp"
#include "storage/partitioned_write.hpp"

#include "duckdb/common/file_system.hpp"
#include "duckdb/common/hive_partitioning.hpp"
#include "duckdb/common/multi_file/multi_file_reader.hpp"
#include "duckdb/common/types/uuid.hpp"
#include "duckdb/main/connection.hpp"
#include "duckdb/parser/keyword_helper.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace ducklake {

using namespace duckdb; // NOLINT: implements a DuckDB table function

namespace {

constexpr const char *row_id_column_name = "_ducklake_internal_row_id";

Value NamedOrNull(TableFunctionBindInput &input, const string &name) {
	auto entry = input.named_parameters.find(name);
	return entry == input.named_parameters.end() ? Value() : entry->second;
}

//! One committed inlined row as the flush writes it: its row id, its inlined table, its values
//! in the table's current top-level column order.
struct FlushRow {
	int64_t row_id;
	const std::string *inlined_table;
	vector<Value> values;
};

//! The VALUES list of `rows` for `SELECT ... FROM (VALUES ...) AS t(c0, ..., r)`.
std::string ValuesList(const std::vector<const FlushRow *> &rows) {
	std::string values;
	for (auto row : rows) {
		values += values.empty() ? "(" : ", (";
		for (auto &value : row->values) {
			values += value.ToSQLString() + ", ";
		}
		values += std::to_string(row->row_id) + ")";
	}
	return values;
}

std::string ValuesAliases(size_t column_count) {
	std::string aliases;
	for (size_t column_idx = 0; column_idx < column_count; column_idx++) {
		aliases += "c" + std::to_string(column_idx) + ", ";
	}
	return aliases + "r";
}

//! Rows of one partition (all rows for a table that is not partitioned), in row id order: the
//! folder below the table directory they go to ("year=2024/zone=7/", empty when not partitioned)
//! and the partition values the catalog records, in key order.
struct FlushGroup {
	std::string folder;
	std::vector<Value> partition_values;
	std::vector<const FlushRow *> rows;
};

//! Split `rows` by the table's partition keys, computed by the same DuckDB functions (year,
//! month, day, hour) and named the same way (hive folders, URL-encoded values, NULL as "NULL")
//! as the partitioned write of INSERT does.
std::vector<FlushGroup> GroupByPartition(Connection &connection, DucklakeTableEntry &table,
                                         const std::vector<const ColumnRecord *> &top_level,
                                         const std::vector<FlushRow> &rows) {
	std::vector<const FlushRow *> all;
	for (auto &row : rows) {
		all.push_back(&row);
	}
	auto &record = table.record;
	if (record.partition_keys.empty()) {
		return {FlushGroup {"", {}, std::move(all)}};
	}
	std::string keys;
	std::vector<std::string> folder_names;
	for (auto &key : record.partition_keys) {
		size_t position = 0;
		while (position < top_level.size() && top_level[position]->column_id != key.column_id) {
			position++;
		}
		if (position == top_level.size()) {
			throw InternalException("Table \"%s\" is partitioned by column id %d, which it does not have", table.name,
			                        key.column_id);
		}
		auto column = "c" + std::to_string(position);
		keys += (key.transform == "identity" ? column : key.transform + "(" + column + ")") + ", ";
		folder_names.push_back(HivePartitioning::Escape(PartitionFolderName(record, key)));
	}
	auto result = connection.Query("SELECT " + keys + "r FROM (VALUES " + ValuesList(all) + ") AS t(" +
	                               ValuesAliases(top_level.size()) + ") ORDER BY r");
	if (result->HasError()) {
		throw IOException("ducklake_flush_inlined_data: computing the partition keys of table \"%s\" failed: %s",
		                  table.name, result->GetErrorObject().RawMessage());
	}
	if (result->RowCount() != rows.size()) {
		throw InternalException("ducklake_flush_inlined_data: %d partition key rows for %d rows of table \"%s\"",
		                        result->RowCount(), rows.size(), table.name);
	}
	std::map<std::string, FlushGroup> groups;
	for (idx_t row_idx = 0; row_idx < result->RowCount(); row_idx++) {
		FlushGroup group;
		for (idx_t key_idx = 0; key_idx < folder_names.size(); key_idx++) {
			auto value = result->GetValue(key_idx, row_idx);
			auto text = value.ToString(); // "NULL" for NULL, as the partitioned copy names it
			group.folder += folder_names[key_idx] + "=" + HivePartitioning::Escape(text) + "/";
			group.partition_values.push_back(value.IsNull() ? Value(LogicalType::VARCHAR) : Value(text));
		}
		auto entry = groups.emplace(group.folder, std::move(group)).first;
		entry->second.rows.push_back(all[row_idx]);
	}
	std::vector<FlushGroup> ordered;
	for (auto &entry : groups) {
		ordered.push_back(std::move(entry.second));
	}
	return ordered;
}

//! Write one group's rows into a new file in its folder below `directory`; the flushed file as the
//! commit records it.
InlinedChanges::FlushedFile WriteFlushFile(ClientContext &context, Connection &connection, DucklakeTableEntry &table,
                                           const std::vector<const ColumnRecord *> &top_level,
                                           const std::string &directory, const FlushGroup &group) {
	auto &columns = table.record.columns;
	auto &fs = FileSystem::GetFileSystem(context);
	auto folder = directory + group.folder;
	if (!fs.DirectoryExists(folder)) {
		fs.CreateDirectoriesRecursive(folder);
	}
	auto file_name = group.folder + DataFileName(UUID::ToString(UUIDv7::GenerateRandomUUID()));
	auto path = directory + file_name;
	std::string select_list;
	for (size_t column_idx = 0; column_idx < top_level.size(); column_idx++) {
		auto type = BuildColumnType(*top_level[column_idx], columns);
		select_list += "CAST(c" + std::to_string(column_idx) + " AS " + type.ToString() + ") AS " +
		               KeywordHelper::WriteQuoted(top_level[column_idx]->name, '"') + ", ";
	}
	select_list += "CAST(r AS BIGINT) AS " + std::string(row_id_column_name);
	auto field_ids = BuildFieldIds(columns);
	child_list_t<Value> ids;
	auto &names = StructType::GetChildTypes(field_ids.type());
	auto &children = StructValue::GetChildren(field_ids);
	for (idx_t child_idx = 0; child_idx < children.size(); child_idx++) {
		ids.emplace_back(names[child_idx].first, children[child_idx]);
	}
	ids.emplace_back(row_id_column_name, Value::INTEGER(MultiFileReader::ROW_ID_FIELD_ID));
	auto sql = "COPY (SELECT " + select_list + " FROM (VALUES " + ValuesList(group.rows) + ") AS t(" +
	           ValuesAliases(top_level.size()) + ")) TO " + KeywordHelper::WriteQuoted(path, '\'') +
	           " (FORMAT parquet, FIELD_IDS " + Value::STRUCT(std::move(ids)).ToSQLString() + ", RETURN_STATS true)";
	auto result = connection.Query(sql);
	if (result->HasError()) {
		fs.TryRemoveFile(path);
		throw IOException("ducklake_flush_inlined_data: writing \"%s\" failed: %s", path,
		                  result->GetErrorObject().RawMessage());
	}
	InlinedChanges::FlushedFile file;
	file.table_id = table.record.table_id;
	file.absolute_path = path;
	file.file_name = file_name;
	file.record_count = result->GetValue(1, 0).GetValue<int64_t>();
	file.file_size_bytes = result->GetValue(2, 0).GetValue<int64_t>();
	file.footer_size = result->GetValue(3, 0).GetValue<int64_t>();
	file.column_stats = FileStatsFromWriter(result->GetValue(4, 0), LeafColumnsByStatsKey(columns), file.record_count);
	file.row_id_start = group.rows.front()->row_id;
	if (!group.folder.empty()) {
		file.partition_id = table.record.partition_id;
		file.partition_values = group.partition_values;
	}
	for (auto row : group.rows) {
		file.flushed_rows[*row->inlined_table].push_back(row->row_id);
	}
	return file;
}

//! Write the inlined rows of `table` visible at the transaction's snapshot into Parquet (one
//! file, or one per partition) and register them with the transaction; returns how many rows they hold.
int64_t FlushTable(ClientContext &context, DucklakeTransaction &transaction, DucklakeTableEntry &table) {
	auto table_id = table.record.table_id;
	if (!transaction.Deletes().InlinedPositionsOf(table_id).empty()) {
		throw InvalidInputException("ducklake_flush_inlined_data: table \"%s\" has uncommitted deletes of its "
		                            "inlined rows in this transaction; commit them first",
		                            table.name);
	}
	auto &columns = table.record.columns;
	std::vector<const ColumnRecord *> top_level;
	for (auto &column : columns) {
		if (column.parent_column < 0) {
			top_level.push_back(&column);
		}
	}
	auto snapshot_id = transaction.Base()->Snapshot().snapshot_id;
	std::vector<InlinedTableRecord> inlined_tables;
	std::vector<FlushRow> rows;
	{
		lock_guard<mutex> guard(transaction.MetadataLock());
		InlinedDataReader reader(transaction.Connection());
		inlined_tables = reader.ListTables(table_id);
		for (auto &inlined : inlined_tables) {
			auto stored = reader.ReadVisibleRows(inlined.table_name, snapshot_id);
			if (stored.size() == 0) {
				continue;
			}
			auto stored_columns = reader.ListColumns(inlined);
			for (auto &row : stored.rows) {
				FlushRow flush_row;
				flush_row.row_id = row[0].GetValue<int64_t>();
				flush_row.inlined_table = &inlined.table_name;
				for (auto column : top_level) {
					auto type = BuildColumnType(*column, columns);
					flush_row.values.push_back(
					    InlinedRowValue(row, stored_columns, column->column_id, type, column->initial_default));
				}
				rows.push_back(std::move(flush_row));
			}
		}
	}
	if (rows.empty()) {
		return 0;
	}
	std::sort(rows.begin(), rows.end(),
	          [](const FlushRow &left, const FlushRow &right) { return left.row_id < right.row_id; });

	// The files: COPY of the rows as literals on a connection of our own (the caller's is busy
	// binding this function); one file per partition of a partitioned table.
	Connection connection(*context.db);
	auto directory = DucklakeTableDirectory(table);
	auto &fs = FileSystem::GetFileSystem(context);
	auto expanded_directory = WithTrailingSlash(fs.ExpandPath(directory));
	for (auto &group : GroupByPartition(connection, table, top_level, rows)) {
		auto file = WriteFlushFile(context, connection, table, top_level, expanded_directory, group);
		transaction.AddFlushedFile(std::move(file));
	}
	return static_cast<int64_t>(rows.size());
}

unique_ptr<FunctionData> FlushBind(ClientContext &context, TableFunctionBindInput &input,
                                   vector<LogicalType> &return_types, vector<string> &names) {
	names = {"schema_name", "table_name", "rows_flushed"};
	return_types = {LogicalType::VARCHAR, LogicalType::VARCHAR, LogicalType::BIGINT};
	auto result = make_uniq<MaterializedRowsData>();
	if (input.inputs[0].IsNull()) {
		throw InvalidInputException("ducklake_flush_inlined_data: the catalog name must not be NULL");
	}
	auto catalog_name = input.inputs[0].ToString();
	auto entry = Catalog::GetCatalogEntry(context, catalog_name);
	if (!entry || entry->GetCatalogType() != "ducklake") {
		throw BinderException("ducklake_flush_inlined_data: \"%s\" is not an attached DuckLake catalog", catalog_name);
	}
	auto &catalog = entry->Cast<DucklakeCatalog>();
	catalog.CheckWritable("flush inlined data");
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	auto schema_value = NamedOrNull(input, "schema_name");
	auto table_value = NamedOrNull(input, "table_name");
	auto snapshot = transaction.Base();
	std::vector<std::pair<std::string, DucklakeTableEntry *>> targets;
	if (!table_value.IsNull()) {
		auto schema_name = schema_value.IsNull() ? std::string("main") : schema_value.ToString();
		auto schema = snapshot->GetSchema(schema_name);
		auto table = schema ? schema->GetCommittedEntry(table_value.ToString()) : nullptr;
		if (!table || table->type != CatalogType::TABLE_ENTRY) {
			throw InvalidInputException("ducklake_flush_inlined_data: table \"%s\".\"%s\" does not exist", schema_name,
			                            table_value.ToString());
		}
		targets.emplace_back(schema_name, &table->Cast<DucklakeTableEntry>());
	} else {
		if (!schema_value.IsNull() && !snapshot->GetSchema(schema_value.ToString())) {
			throw InvalidInputException("ducklake_flush_inlined_data: schema \"%s\" does not exist",
			                            schema_value.ToString());
		}
		// Only tables with inlined data, found in one query: a catalog may hold thousands of tables,
		// and their entries are built only when needed.
		std::set<int64_t> with_inlined_data;
		{
			lock_guard<mutex> guard(transaction.MetadataLock());
			with_inlined_data = InlinedDataReader(transaction.Connection()).TablesWithInlinedData();
		}
		for (auto &schema : snapshot->Schemas()) {
			if (!schema_value.IsNull() && !StringUtil::CIEquals(schema->name, schema_value.ToString())) {
				continue;
			}
			for (auto &record : snapshot->TableRecords()) {
				if (record.schema_id != schema->record.schema_id || !with_inlined_data.count(record.table_id)) {
					continue;
				}
				auto table = schema->GetCommittedEntry(record.name);
				if (table && table->type == CatalogType::TABLE_ENTRY) {
					targets.emplace_back(schema->name, &table->Cast<DucklakeTableEntry>());
				}
			}
		}
	}
	for (auto &target : targets) {
		auto &table = *target.second;
		if (transaction.IsEntryShadowed(table.record.table_id)) {
			continue; // dropped or altered in this transaction
		}
		auto flushed = FlushTable(context, transaction, table);
		if (flushed > 0) {
			result->rows.push_back({Value(target.first), Value(table.name), Value::BIGINT(flushed)});
		}
	}
	return std::move(result);
}

} // namespace

void RegisterInlinedFlushFunction(ExtensionLoader &loader) {
	TableFunction function("ducklake_flush_inlined_data", {LogicalType::VARCHAR}, MaterializedRowsScan, FlushBind,
	                       MaterializedRowsInit);
	function.named_parameters["schema_name"] = LogicalType::VARCHAR;
	function.named_parameters["table_name"] = LogicalType::VARCHAR;
	loader.RegisterFunction(function);
}

} // namespace ducklake
