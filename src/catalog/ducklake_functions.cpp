#include "catalog/ducklake_functions.hpp"

#include "catalog/materialized_rows.hpp"
#include "catalog/metadata_query_function.hpp"
#include "catalog/table_changes_function.hpp"

#include "catalog/catalog_snapshot.hpp"
#include "catalog/ducklake_catalog.hpp"
#include "catalog/inlined_flush.hpp"
#include "catalog/inlined_insert.hpp"
#include "catalog/ducklake_schema_entry.hpp"
#include "catalog/ducklake_table_entry.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "metadata/changes_made.hpp"
#include "metadata/commit_writer.hpp"
#include "metadata/file_lister.hpp"
#include "metadata/snapshot_reader.hpp"
#include "storage/data_path.hpp"

#include "duckdb/function/table_function.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/parser/keyword_helper.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements DuckDB table functions

namespace {

//! Every ducklake_* function computes its (small) result at bind and streams it out.
using RowsBindData = MaterializedRowsData;

DucklakeCatalog &GetDucklakeCatalog(ClientContext &context, const Value &name) {
	if (name.IsNull()) {
		throw InvalidInputException("The DuckLake catalog name must not be NULL");
	}
	auto catalog_name = name.ToString();
	auto catalog = Catalog::GetCatalogEntry(context, catalog_name);
	if (!catalog) {
		throw BinderException("No attached database named \"%s\"", catalog_name);
	}
	if (catalog->GetCatalogType() != "ducklake") {
		throw BinderException("\"%s\" is not a DuckLake catalog (it is of type %s)", catalog_name,
		                      catalog->GetCatalogType());
	}
	return catalog->Cast<DucklakeCatalog>();
}

Value NamedOrNull(TableFunctionBindInput &input, const string &name) {
	auto entry = input.named_parameters.find(name);
	return entry == input.named_parameters.end() ? Value() : entry->second;
}

unique_ptr<FunctionData> SnapshotsBind(ClientContext &context, TableFunctionBindInput &input,
                                       vector<LogicalType> &return_types, vector<string> &names) {
	auto &catalog = GetDucklakeCatalog(context, input.inputs[0]);
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	names = {"snapshot_id", "snapshot_time",  "schema_version",   "changes",
	         "author",      "commit_message", "commit_extra_info"};
	auto changes_type = LogicalType::MAP(LogicalType::VARCHAR, LogicalType::LIST(LogicalType::VARCHAR));
	return_types = {LogicalType::BIGINT,  LogicalType::TIMESTAMP_TZ, LogicalType::BIGINT, changes_type,
	                LogicalType::VARCHAR, LogicalType::VARCHAR,      LogicalType::VARCHAR};
	auto result = make_uniq<RowsBindData>();
	SnapshotReader reader(transaction.Connection());
	for (auto &snapshot : reader.ListSnapshots()) {
		vector<SnapshotChange> changes;
		string error;
		if (!snapshot.changes_made.IsNull() && !ParseChanges(snapshot.changes_made.ToString(), changes, error)) {
			throw IOException("Snapshot %d of DuckLake catalog \"%s\": %s", snapshot.snapshot_id, catalog.GetName(),
			                  error);
		}
		vector<Value> keys, values;
		for (auto &entry : SummarizeChanges(changes)) {
			keys.emplace_back(entry.first);
			vector<Value> list;
			for (auto &item : entry.second) {
				list.emplace_back(item);
			}
			values.push_back(Value::LIST(LogicalType::VARCHAR, std::move(list)));
		}
		result->rows.push_back({Value::BIGINT(snapshot.snapshot_id), snapshot.snapshot_time,
		                        Value::BIGINT(snapshot.schema_version),
		                        Value::MAP(LogicalType::VARCHAR, LogicalType::LIST(LogicalType::VARCHAR), keys, values),
		                        snapshot.author, snapshot.commit_message, snapshot.commit_extra_info});
	}
	return std::move(result);
}

unique_ptr<FunctionData> CurrentSnapshotBind(ClientContext &context, TableFunctionBindInput &input,
                                             vector<LogicalType> &return_types, vector<string> &names) {
	auto &catalog = GetDucklakeCatalog(context, input.inputs[0]);
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	names = {"id"};
	return_types = {LogicalType::BIGINT};
	auto result = make_uniq<RowsBindData>();
	result->rows.push_back({Value::BIGINT(transaction.Base()->Snapshot().snapshot_id)});
	return std::move(result);
}

unique_ptr<FunctionData> LastCommittedSnapshotBind(ClientContext &context, TableFunctionBindInput &input,
                                                   vector<LogicalType> &return_types, vector<string> &names) {
	auto &catalog = GetDucklakeCatalog(context, input.inputs[0]);
	names = {"id"};
	return_types = {LogicalType::BIGINT};
	auto result = make_uniq<RowsBindData>();
	auto last = catalog.LastCommittedSnapshot(context.GetConnectionId());
	result->rows.push_back({last < 0 ? Value(LogicalType::BIGINT) : Value::BIGINT(last)});
	return std::move(result);
}

unique_ptr<FunctionData> TableInfoBind(ClientContext &context, TableFunctionBindInput &input,
                                       vector<LogicalType> &return_types, vector<string> &names) {
	auto &catalog = GetDucklakeCatalog(context, input.inputs[0]);
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	names = {"table_name", "schema_id",       "table_id",          "table_uuid",
	         "file_count", "file_size_bytes", "delete_file_count", "delete_file_size_bytes"};
	return_types = {LogicalType::VARCHAR, LogicalType::BIGINT, LogicalType::BIGINT, LogicalType::UUID,
	                LogicalType::BIGINT,  LogicalType::BIGINT, LogicalType::BIGINT, LogicalType::BIGINT};
	auto result = make_uniq<RowsBindData>();
	auto id = std::to_string(transaction.Base()->Snapshot().snapshot_id);
	auto &connection = transaction.Connection();
	auto rows = connection.Query(
	    "SELECT t.table_name, t.schema_id, t.table_id, t.table_uuid, (SELECT count(*) FROM " +
	    connection.TableName("ducklake_data_file") + " f WHERE f.table_id = t.table_id AND " +
	    VisibleAt(std::stoll(id), "f") + "), (SELECT coalesce(sum(file_size_bytes), 0) FROM " +
	    connection.TableName("ducklake_data_file") + " f WHERE f.table_id = t.table_id AND " +
	    VisibleAt(std::stoll(id), "f") + "), (SELECT count(*) FROM " + connection.TableName("ducklake_delete_file") +
	    " d WHERE d.table_id = t.table_id AND " + VisibleAt(std::stoll(id), "d") +
	    "), (SELECT coalesce(sum(file_size_bytes), 0) FROM " + connection.TableName("ducklake_delete_file") +
	    " d WHERE d.table_id = t.table_id AND " + VisibleAt(std::stoll(id), "d") + ") FROM " +
	    connection.TableName("ducklake_table") + " t WHERE " + VisibleAt(std::stoll(id), "t") + " ORDER BY t.table_id");
	for (auto &row : rows.rows) {
		vector<Value> out;
		for (idx_t column_idx = 0; column_idx < row.size(); column_idx++) {
			out.push_back(row[column_idx].DefaultCastAs(return_types[column_idx]));
		}
		result->rows.push_back(std::move(out));
	}
	return std::move(result);
}

unique_ptr<FunctionData> ListFilesBind(ClientContext &context, TableFunctionBindInput &input,
                                       vector<LogicalType> &return_types, vector<string> &names) {
	auto &catalog = GetDucklakeCatalog(context, input.inputs[0]);
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	auto table_name = input.inputs[1].ToString();
	auto schema_value = NamedOrNull(input, "schema");
	auto schema_name = schema_value.IsNull() ? string("main") : schema_value.ToString();
	names = {"data_file",   "data_file_size_bytes",   "data_file_footer_size",   "data_file_encryption_key",
	         "delete_file", "delete_file_size_bytes", "delete_file_footer_size", "delete_file_encryption_key"};
	return_types = {LogicalType::VARCHAR, LogicalType::BIGINT, LogicalType::BIGINT, LogicalType::BLOB,
	                LogicalType::VARCHAR, LogicalType::BIGINT, LogicalType::BIGINT, LogicalType::BLOB};
	auto snapshot = transaction.Base();
	auto schema = snapshot->GetSchema(schema_name);
	optional_ptr<CatalogEntry> entry = schema ? schema->GetCommittedEntry(table_name) : nullptr;
	if (!entry || entry->type != CatalogType::TABLE_ENTRY) {
		throw InvalidInputException(
		    "ducklake_list_files: table \"%s\".\"%s\" does not exist in DuckLake catalog \"%s\"", schema_name,
		    table_name, catalog.GetName());
	}
	auto &table = entry->Cast<DucklakeTableEntry>();
	auto directory = TableDirectory(catalog.Options().data_path, schema->record.path, schema->record.path_is_relative,
	                                table.record.path, table.record.path_is_relative);
	FileLister lister(transaction.Connection());
	auto deletes = lister.ListDeleteFiles(table.record.table_id, snapshot->Snapshot().snapshot_id);
	auto result = make_uniq<RowsBindData>();
	for (auto &file : lister.ListDataFiles(table.record.table_id, snapshot->Snapshot().snapshot_id, false)) {
		vector<Value> row {Value(ResolvePath(directory, file.path, file.path_is_relative)),
		                   Value::BIGINT(file.file_size_bytes), file.footer_size.DefaultCastAs(LogicalType::BIGINT),
		                   Value(LogicalType::BLOB)};
		Value delete_path(LogicalType::VARCHAR);
		for (auto &deleted : deletes) {
			if (deleted.data_file_id == file.data_file_id) {
				delete_path = Value(ResolvePath(directory, deleted.path, deleted.path_is_relative));
			}
		}
		row.push_back(delete_path);
		row.push_back(Value(LogicalType::BIGINT));
		row.push_back(Value(LogicalType::BIGINT));
		row.push_back(Value(LogicalType::BLOB));
		result->rows.push_back(std::move(row));
	}
	return std::move(result);
}

unique_ptr<FunctionData> SetCommitMessageBind(ClientContext &context, TableFunctionBindInput &input,
                                              vector<LogicalType> &return_types, vector<string> &names) {
	auto &catalog = GetDucklakeCatalog(context, input.inputs[0]);
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	transaction.SetCommitMessage(input.inputs[1], input.inputs[2], NamedOrNull(input, "extra_info"));
	names = {"Success"};
	return_types = {LogicalType::BOOLEAN};
	return make_uniq<RowsBindData>();
}

//! Options the official extension understands; anything else is refused by name.
const char *const known_options[] = {"data_inlining_row_limit",
                                     "parquet_compression",
                                     "parquet_compression_level",
                                     "parquet_row_group_size",
                                     "parquet_row_group_size_bytes",
                                     "parquet_version",
                                     "target_file_size",
                                     "hive_file_pattern",
                                     "require_commit_message",
                                     "rewrite_delete_threshold",
                                     "delete_older_than",
                                     "expire_older_than",
                                     "per_thread_output"};

unique_ptr<FunctionData> SetOptionBind(ClientContext &context, TableFunctionBindInput &input,
                                       vector<LogicalType> &return_types, vector<string> &names) {
	auto &catalog = GetDucklakeCatalog(context, input.inputs[0]);
	catalog.CheckWritable("set an option");
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	auto key = StringUtil::Lower(input.inputs[1].ToString());
	bool known = false;
	string allowed;
	for (auto option : known_options) {
		known = known || key == option;
		allowed += (allowed.empty() ? "" : ", ") + string(option);
	}
	if (!known) {
		throw InvalidInputException("Unknown DuckLake option \"%s\"; allowed options: %s", key, allowed);
	}
	if (input.inputs[2].IsNull()) {
		throw InvalidInputException("DuckLake option \"%s\" cannot be set to NULL", key);
	}
	MetadataOptionRecord option;
	option.key = key;
	option.value = input.inputs[2].ToString();
	if (key == "data_inlining_row_limit") {
		option.value = std::to_string(ParseInliningLimit(input.inputs[2], "set_option"));
	}
	auto schema_value = NamedOrNull(input, "schema");
	auto table_value = NamedOrNull(input, "table_name");
	auto snapshot = transaction.Base();
	if (!table_value.IsNull()) {
		auto schema_name = schema_value.IsNull() ? string("main") : schema_value.ToString();
		auto schema = snapshot->GetSchema(schema_name);
		auto entry = schema ? schema->GetCommittedEntry(table_value.ToString()) : nullptr;
		if (!entry || entry->type != CatalogType::TABLE_ENTRY) {
			throw InvalidInputException("set_option: table \"%s\".\"%s\" does not exist", schema_name,
			                            table_value.ToString());
		}
		option.scope = Value("table");
		option.scope_id = Value::BIGINT(entry->Cast<DucklakeTableEntry>().record.table_id);
	} else if (!schema_value.IsNull()) {
		auto schema = snapshot->GetSchema(schema_value.ToString());
		if (!schema) {
			throw InvalidInputException("set_option: schema \"%s\" does not exist", schema_value.ToString());
		}
		option.scope = Value("schema");
		option.scope_id = Value::BIGINT(schema->record.schema_id);
	}
	// Options are catalog settings, not catalog objects: they are written at once and do not
	// create a snapshot (as with the official extension).
	auto connection = catalog.Connect(*context.db);
	CommitWriter writer(*connection);
	writer.Begin();
	try {
		CommitBatch batch;
		batch.options.push_back(option);
		connection->Query(writer.GenerateOptionsSQL(batch));
		writer.Commit();
		catalog.Cache().InvalidateOptions();
	} catch (...) {
		writer.Abort();
		throw;
	}
	names = {"Success"};
	return_types = {LogicalType::BOOLEAN};
	return make_uniq<RowsBindData>();
}

unique_ptr<FunctionData> OptionsBind(ClientContext &context, TableFunctionBindInput &input,
                                     vector<LogicalType> &return_types, vector<string> &names) {
	auto &catalog = GetDucklakeCatalog(context, input.inputs[0]);
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	names = {"option_name", "value", "scope", "scope_entry"};
	return_types = {LogicalType::VARCHAR, LogicalType::VARCHAR, LogicalType::VARCHAR, LogicalType::VARCHAR};
	auto result = make_uniq<RowsBindData>();
	SnapshotReader reader(transaction.Connection());
	for (auto &option : reader.ListOptions()) {
		if (option.key == "version" || option.key == "created_by" || option.key == "encrypted") {
			continue;
		}
		auto scope = option.scope.IsNull() ? Value("GLOBAL") : Value(StringUtil::Upper(option.scope.ToString()));
		result->rows.push_back({Value(option.key), Value(option.value), scope,
		                        option.scope_id.IsNull() ? Value() : Value(option.scope_id.ToString())});
	}
	return std::move(result);
}

TableFunction RowsFunction(const string &name, vector<LogicalType> arguments, table_function_bind_t bind) {
	TableFunction function(name, std::move(arguments), MaterializedRowsScan, bind, MaterializedRowsInit);
	return function;
}

} // namespace

void RegisterDucklakeFunctions(ExtensionLoader &loader) {
	RegisterTableChangesFunctions(loader);
	RegisterInlinedFlushFunction(loader);
	RegisterMetadataQueryFunction(loader);
	loader.RegisterFunction(RowsFunction("ducklake_snapshots", {LogicalType::VARCHAR}, SnapshotsBind));
	loader.RegisterFunction(RowsFunction("ducklake_current_snapshot", {LogicalType::VARCHAR}, CurrentSnapshotBind));
	loader.RegisterFunction(
	    RowsFunction("ducklake_last_committed_snapshot", {LogicalType::VARCHAR}, LastCommittedSnapshotBind));
	loader.RegisterFunction(RowsFunction("ducklake_table_info", {LogicalType::VARCHAR}, TableInfoBind));
	auto list_files = RowsFunction("ducklake_list_files", {LogicalType::VARCHAR, LogicalType::VARCHAR}, ListFilesBind);
	list_files.named_parameters["schema"] = LogicalType::VARCHAR;
	loader.RegisterFunction(list_files);
	auto commit_message =
	    RowsFunction("ducklake_set_commit_message", {LogicalType::VARCHAR, LogicalType::VARCHAR, LogicalType::VARCHAR},
	                 SetCommitMessageBind);
	commit_message.named_parameters["extra_info"] = LogicalType::VARCHAR;
	loader.RegisterFunction(commit_message);
	auto set_option = RowsFunction("ducklake_set_option",
	                               {LogicalType::VARCHAR, LogicalType::VARCHAR, LogicalType::ANY}, SetOptionBind);
	set_option.named_parameters["schema"] = LogicalType::VARCHAR;
	set_option.named_parameters["table_name"] = LogicalType::VARCHAR;
	loader.RegisterFunction(set_option);
	loader.RegisterFunction(RowsFunction("ducklake_options", {LogicalType::VARCHAR}, OptionsBind));
}

} // namespace ducklake
