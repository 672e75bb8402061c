#include "catalog/table_changes_function.hpp"

#include "catalog/inlined_change_feed.hpp"

#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "metadata/snapshot_reader.hpp"
#include "storage/column_tree.hpp"
#include "storage/data_path.hpp"

#include "duckdb/catalog/catalog.hpp"
#include "duckdb/parser/keyword_helper.hpp"
#include "duckdb/parser/parser.hpp"
#include "duckdb/parser/query_node/select_node.hpp"
#include "duckdb/parser/statement/select_statement.hpp"
#include "duckdb/parser/tableref/subqueryref.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements DuckDB table functions

namespace {

//! Data files plus delete files a change query may read; beyond this the query is refused.
static constexpr idx_t change_feed_files_max = 10000;
//! Parquet field id of the row lineage column the official extension writes into update files.
static constexpr int64_t internal_row_id_field_id = 2147483540;

enum class ChangeSide { BOTH, INSERTIONS, DELETIONS };

std::string Quote(const std::string &text) {
	return KeywordHelper::WriteQuoted(text, '\'');
}

DucklakeCatalog &ChangeFeedCatalog(ClientContext &context, const Value &name) {
	if (name.IsNull()) {
		throw InvalidInputException("The DuckLake catalog name must not be NULL");
	}
	auto catalog = Catalog::GetCatalogEntry(context, name.ToString());
	if (!catalog || catalog->GetCatalogType() != "ducklake") {
		throw BinderException("\"%s\" is not an attached DuckLake catalog", name.ToString());
	}
	return catalog->Cast<DucklakeCatalog>();
}

//! A bound (snapshot id or timestamp) as a snapshot id; `is_start` picks the first snapshot at or
//! after a start timestamp, else the last at or before an end timestamp.
int64_t ResolveBound(MetadataConnection &connection, const Value &bound, bool is_start) {
	auto what = is_start ? "start" : "end";
	if (bound.IsNull()) {
		throw InvalidInputException("The %s of a DuckLake change range must not be NULL", what);
	}
	if (bound.type().IsIntegral()) {
		return bound.GetValue<int64_t>();
	}
	Value timestamp;
	string error;
	if (!bound.DefaultTryCastAs(LogicalType::TIMESTAMP_TZ, timestamp, &error)) {
		throw InvalidInputException("The %s of a DuckLake change range must be a snapshot id or a timestamp, not %s",
		                            what, bound.ToString());
	}
	auto rows = connection.Query(std::string("SELECT ") + (is_start ? "min" : "max") + "(snapshot_id) FROM " +
	                             connection.TableName("ducklake_snapshot") + " WHERE snapshot_time " +
	                             (is_start ? ">= " : "<= ") + connection.TimestampLiteral(timestamp.ToString()));
	if (rows.size() != 1 || rows.Get(0, 0).IsNull()) {
		throw InvalidInputException("No DuckLake snapshot %s %s", is_start ? "at or after" : "at or before",
		                            timestamp.ToString());
	}
	return rows.Get(0, 0).GetValue<int64_t>();
}

struct ChangeQueryParts {
	std::string select_columns; // ", c1, c2" for the output
	std::string schema_map;     // read_parquet schema => MAP {...}
};

ChangeQueryParts BuildParts(const TableRecord &table) {
	ChangeQueryParts parts;
	parts.schema_map = "MAP {";
	bool first = true;
	for (auto &column : table.columns) {
		if (column.parent_column >= 0) {
			continue;
		}
		auto type = BuildColumnType(column, table.columns);
		auto name = KeywordHelper::WriteOptionallyQuoted(column.name);
		parts.select_columns += ", " + name;
		auto default_value =
		    column.initial_default.IsNull() ? std::string("NULL::VARCHAR") : Quote(column.initial_default.ToString());
		parts.schema_map += std::string(first ? "" : ", ") + std::to_string(column.column_id) +
		                    ": {name: " + Quote(column.name) + ", type: " + Quote(type.ToString()) +
		                    ", default_value: " + default_value + "}";
		first = false;
	}
	parts.schema_map += ", " + std::to_string(internal_row_id_field_id) +
	                    ": {name: '_ducklake_internal_row_id', type: 'BIGINT', default_value: NULL::VARCHAR}}";
	return parts;
}

std::string ReadDataFile(const std::string &path, const ChangeQueryParts &parts, int64_t snapshot_id,
                         int64_t row_id_start, const std::string &where) {
	return "SELECT " + std::to_string(snapshot_id) + "::BIGINT AS snapshot_id, coalesce(_ducklake_internal_row_id, " +
	       std::to_string(row_id_start) + " + file_row_number) AS rowid" + parts.select_columns +
	       " FROM read_parquet(" + Quote(path) + ", schema => " + parts.schema_map + ", file_row_number => true)" +
	       where;
}

std::string BuildChangeQuery(ClientContext &context, TableFunctionBindInput &input, ChangeSide side) {
	auto &catalog = ChangeFeedCatalog(context, input.inputs[0]);
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	auto &connection = transaction.Connection();
	auto schema_name = input.inputs[1].IsNull() ? std::string("main") : input.inputs[1].ToString();
	auto table_name = input.inputs[2].ToString();
	auto start = ResolveBound(connection, input.inputs[3], true);
	auto end = ResolveBound(connection, input.inputs[4], false);
	if (start > end) {
		throw InvalidInputException("DuckLake change range %lld..%lld is empty: the start is after the end", start,
		                            end);
	}
	SnapshotReader reader(connection);
	SnapshotRecord end_snapshot;
	if (!reader.SnapshotById(end, end_snapshot)) {
		throw InvalidInputException("DuckLake catalog \"%s\" has no snapshot %lld", catalog.GetName(), end);
	}
	auto records = reader.LoadCatalog(end_snapshot);
	const SchemaRecord *schema = nullptr;
	for (auto &candidate : records.schemas) {
		if (StringUtil::CIEquals(candidate.name, schema_name)) {
			schema = &candidate;
		}
	}
	const TableRecord *table = nullptr;
	for (auto &candidate : records.tables) {
		if (schema && candidate.schema_id == schema->schema_id && StringUtil::CIEquals(candidate.name, table_name)) {
			table = &candidate;
		}
	}
	if (!table) {
		throw CatalogException("Table \"%s.%s\" does not exist in DuckLake catalog \"%s\" at snapshot %lld",
		                       schema_name, table_name, catalog.GetName(), end);
	}
	auto directory = TableDirectory(catalog.Options().data_path, schema->path, schema->path_is_relative, table->path,
	                                table->path_is_relative);
	auto parts = BuildParts(*table);
	auto range = " BETWEEN " + std::to_string(start) + " AND " + std::to_string(end);
	auto table_id = std::to_string(table->table_id);

	// Inlined rows begun or ended in the range; flushes of inlined rows are no change.
	auto inlined = InlinedChangeQueries(connection, *table, start, end);
	std::string not_flushed;
	for (auto flush_snapshot : inlined.flush_snapshots) {
		not_flushed += " AND f.begin_snapshot <> " + std::to_string(flush_snapshot);
	}
	// A row inserted and deleted by the same snapshot (a transaction updating or deleting rows it
	// inserted) never existed outside it: neither side lists it.
	auto data_files = connection.Query(
	    "SELECT f.path, f.path_is_relative, f.begin_snapshot, f.row_id_start, d.path, d.path_is_relative FROM " +
	    connection.TableName("ducklake_data_file") + " f LEFT JOIN " + connection.TableName("ducklake_delete_file") +
	    " d ON d.data_file_id = f.data_file_id AND d.begin_snapshot = f.begin_snapshot WHERE f.table_id = " + table_id +
	    " AND f.begin_snapshot" + range + not_flushed + " ORDER BY f.data_file_id");
	auto delete_files = connection.Query(
	    "SELECT d.path, d.path_is_relative, d.begin_snapshot, f.path, f.path_is_relative, f.row_id_start, p.path, "
	    "p.path_is_relative FROM " +
	    connection.TableName("ducklake_delete_file") + " d JOIN " + connection.TableName("ducklake_data_file") +
	    " f ON f.data_file_id = d.data_file_id LEFT JOIN " + connection.TableName("ducklake_delete_file") +
	    " p ON p.data_file_id = d.data_file_id AND p.end_snapshot = d.begin_snapshot WHERE d.table_id = " + table_id +
	    " AND d.begin_snapshot" + range + " AND d.begin_snapshot <> f.begin_snapshot ORDER BY d.delete_file_id");
	if (data_files.size() + delete_files.size() > change_feed_files_max) {
		throw InvalidInputException("DuckLake change range %lld..%lld of \"%s\" touches %llu files; at most %llu are "
		                            "supported, choose a narrower range",
		                            start, end, table_name, data_files.size() + delete_files.size(),
		                            change_feed_files_max);
	}
	std::string inserted;
	for (auto &row : data_files.rows) {
		auto path = ResolvePath(directory, row[0].ToString(), row[1].IsNull() || row[1].GetValue<bool>());
		std::string where;
		if (!row[4].IsNull()) {
			auto same_snapshot_deletes =
			    ResolvePath(directory, row[4].ToString(), row[5].IsNull() || row[5].GetValue<bool>());
			where =
			    " WHERE file_row_number NOT IN (SELECT pos FROM read_parquet(" + Quote(same_snapshot_deletes) + "))";
		}
		inserted += std::string(inserted.empty() ? "" : " UNION ALL ") +
		            ReadDataFile(path, parts, row[2].GetValue<int64_t>(), row[3].GetValue<int64_t>(), where);
	}
	std::string deleted;
	for (auto &row : delete_files.rows) {
		auto delete_path = ResolvePath(directory, row[0].ToString(), row[1].IsNull() || row[1].GetValue<bool>());
		auto data_path = ResolvePath(directory, row[3].ToString(), row[4].IsNull() || row[4].GetValue<bool>());
		auto positions = "SELECT pos FROM read_parquet(" + Quote(delete_path) + ")";
		if (!row[6].IsNull()) {
			auto previous = ResolvePath(directory, row[6].ToString(), row[7].IsNull() || row[7].GetValue<bool>());
			positions += " EXCEPT SELECT pos FROM read_parquet(" + Quote(previous) + ")";
		}
		deleted += std::string(deleted.empty() ? "" : " UNION ALL ") +
		           ReadDataFile(data_path, parts, row[2].GetValue<int64_t>(), row[5].GetValue<int64_t>(),
		                        " WHERE file_row_number IN (" + positions + ")");
	}
	if (!inlined.inserted.empty()) {
		inserted += std::string(inserted.empty() ? "" : " UNION ALL ") + inlined.inserted;
	}
	if (!inlined.deleted.empty()) {
		deleted += std::string(deleted.empty() ? "" : " UNION ALL ") + inlined.deleted;
	}
	// An empty side still needs the output columns: an empty read of no rows.
	auto empty_side = "SELECT NULL::BIGINT AS snapshot_id, NULL::BIGINT AS rowid" + parts.select_columns +
	                  " FROM (SELECT * FROM ducklake_change_columns LIMIT 0)";
	std::string columns_cte;
	{
		std::string column_list = "SELECT ";
		bool first = true;
		for (auto &column : table->columns) {
			if (column.parent_column >= 0) {
				continue;
			}
			column_list += std::string(first ? "" : ", ") +
			               "NULL::" + BuildColumnType(column, table->columns).ToString() + " AS " +
			               KeywordHelper::WriteOptionallyQuoted(column.name);
			first = false;
		}
		columns_cte = "ducklake_change_columns AS (" + column_list + ")";
	}
	auto sql = "WITH " + columns_cte + ", ducklake_inserted AS (" + (inserted.empty() ? empty_side : inserted) +
	           "), ducklake_deleted AS (" + (deleted.empty() ? empty_side : deleted) + ") ";
	auto output_columns = parts.select_columns;
	auto insert_side = "SELECT i.snapshot_id, i.rowid, CASE WHEN EXISTS (SELECT 1 FROM ducklake_deleted d WHERE "
	                   "d.snapshot_id = i.snapshot_id AND d.rowid = i.rowid) THEN 'update_postimage' ELSE 'insert' "
	                   "END AS change_type" +
	                   output_columns + " FROM ducklake_inserted i";
	auto delete_side = "SELECT d.snapshot_id, d.rowid, CASE WHEN EXISTS (SELECT 1 FROM ducklake_inserted i WHERE "
	                   "i.snapshot_id = d.snapshot_id AND i.rowid = d.rowid) THEN 'update_preimage' ELSE 'delete' "
	                   "END AS change_type" +
	                   output_columns + " FROM ducklake_deleted d";
	switch (side) {
	case ChangeSide::BOTH:
		return sql + insert_side + " UNION ALL " + delete_side;
	case ChangeSide::INSERTIONS:
		return sql + "SELECT * EXCLUDE (change_type) FROM (" + insert_side + ")";
	default:
		return sql + "SELECT * EXCLUDE (change_type) FROM (" + delete_side + ")";
	}
}

unique_ptr<TableRef> ChangeQueryRef(ClientContext &context, TableFunctionBindInput &input, ChangeSide side) {
	Parser parser;
	parser.ParseQuery(BuildChangeQuery(context, input, side));
	if (parser.statements.size() != 1 || parser.statements[0]->type != StatementType::SELECT_STATEMENT) {
		throw InternalException("DuckLake change query did not parse as one SELECT");
	}
	auto select = unique_ptr_cast<SQLStatement, SelectStatement>(std::move(parser.statements[0]));
	return make_uniq<SubqueryRef>(std::move(select));
}

unique_ptr<TableRef> TableChangesBind(ClientContext &context, TableFunctionBindInput &input) {
	return ChangeQueryRef(context, input, ChangeSide::BOTH);
}

unique_ptr<TableRef> TableInsertionsBind(ClientContext &context, TableFunctionBindInput &input) {
	return ChangeQueryRef(context, input, ChangeSide::INSERTIONS);
}

unique_ptr<TableRef> TableDeletionsBind(ClientContext &context, TableFunctionBindInput &input) {
	return ChangeQueryRef(context, input, ChangeSide::DELETIONS);
}

TableFunction ChangeFunction(const std::string &name, table_function_bind_replace_t bind_replace) {
	TableFunction function(
	    name, {LogicalType::VARCHAR, LogicalType::VARCHAR, LogicalType::VARCHAR, LogicalType::ANY, LogicalType::ANY},
	    nullptr);
	function.bind_replace = bind_replace;
	return function;
}

} // namespace

void RegisterTableChangesFunctions(ExtensionLoader &loader) {
	loader.RegisterFunction(ChangeFunction("ducklake_table_changes", TableChangesBind));
	loader.RegisterFunction(ChangeFunction("ducklake_table_insertions", TableInsertionsBind));
	loader.RegisterFunction(ChangeFunction("ducklake_table_deletions", TableDeletionsBind));
}

} // namespace ducklake
