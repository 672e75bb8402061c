#include "catalog/ducklake_insert.hpp"

#include "catalog/catalog_snapshot.hpp"
#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_schema_entry.hpp"
#include "catalog/ducklake_table_entry.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "catalog/inlined_insert.hpp"
#include "metadata/inlined_data.hpp"
#include "catalog/not_null_check.hpp"
#include "metadata/snapshot_reader.hpp"
#include "storage/column_stats.hpp"
#include "storage/column_tree.hpp"
#include "storage/data_path.hpp"
#include "storage/parquet_write.hpp"
#include "storage/partitioned_write.hpp"

#include "duckdb/catalog/catalog_entry/schema_catalog_entry.hpp"
#include "duckdb/common/file_system.hpp"
#include "duckdb/execution/physical_plan_generator.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/main/config.hpp"

#include <map>
#include "duckdb/planner/operator/logical_create_table.hpp"
#include "duckdb/planner/operator/logical_insert.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements a DuckDB physical operator

namespace {

class DucklakeInsertGlobalState : public GlobalSinkState {
public:
	DucklakeTableEntry *table = nullptr;
	std::vector<WrittenDataFile> files;
	int64_t row_count = 0;
	bool returned = false;
};

std::string DirectoryOf(DucklakeCatalog &catalog, const SchemaRecord &schema, const std::string &table_path,
                        bool table_relative) {
	return TableDirectory(catalog.Options().data_path, schema.path, schema.path_is_relative, table_path,
	                      table_relative);
}

} // namespace

ParquetWriteOptions ResolveWriteOptions(ClientContext &context, DucklakeCatalog &catalog, int64_t schema_id,
                                        int64_t table_id) {
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	auto stored_options =
	    catalog.StoredOptions(transaction.Connection(), transaction.Base()->Snapshot().schema_version);
	std::map<std::string, std::pair<int, std::string>> chosen; // key -> (scope rank, value)
	for (auto &option : stored_options) {
		int rank = 0;
		if (!option.scope.IsNull()) {
			auto scope = option.scope.ToString();
			auto id = option.scope_id.IsNull() ? -1 : option.scope_id.GetValue<int64_t>();
			if (scope == "table" && id == table_id) {
				rank = 2;
			} else if (scope == "schema" && id == schema_id) {
				rank = 1;
			} else {
				continue;
			}
		}
		auto existing = chosen.find(option.key);
		if (existing == chosen.end() || existing->second.first <= rank) {
			chosen[option.key] = {rank, option.value};
		}
	}
	ParquetWriteOptions options;
	options.inlining_row_limit =
	    ResolveInliningLimit(stored_options, catalog.Options().data_inlining_row_limit, schema_id, table_id);
	auto get = [&](const char *key, std::string &out) {
		auto entry = chosen.find(key);
		if (entry == chosen.end()) {
			return false;
		}
		out = entry->second.second;
		return true;
	};
	std::string value;
	if (get("parquet_compression", value)) {
		options.compression = value;
	}
	if (get("parquet_compression_level", value)) {
		options.compression_level = Value(value).DefaultCastAs(LogicalType::BIGINT);
	}
	if (get("parquet_row_group_size", value)) {
		options.row_group_size = Value(value).DefaultCastAs(LogicalType::BIGINT);
	}
	if (get("target_file_size", value)) {
		options.target_file_size_bytes = DBConfig::ParseMemoryLimit(value);
		options.target_file_size_set = true;
	}
	return options;
}

namespace {

//! The DucklakeInlineRows operator over `child` when inlining is on for the table and the store
//! can hold its column types; null otherwise.
optional_ptr<DucklakeInlineRows> PlanInlineRows(ClientContext &context, PhysicalPlanGenerator &planner,
                                                DucklakeCatalog &catalog, PhysicalOperator &child,
                                                const std::vector<ColumnRecord> &columns, int64_t schema_id,
                                                int64_t table_id, int64_t limit) {
	if (limit <= 0) {
		return nullptr;
	}
	std::vector<InlinedColumn> inlined_columns;
	for (auto &column : columns) {
		if (column.parent_column < 0) {
			inlined_columns.push_back({column.column_id, column.name, BuildColumnType(column, columns)});
		}
	}
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	if (!StoreCanInline(transaction.Connection(), inlined_columns)) {
		return nullptr;
	}
	auto &inline_rows = planner.Make<DucklakeInlineRows>(child.types, limit, child.estimated_cardinality);
	inline_rows.children.push_back(child);
	return &inline_rows.Cast<DucklakeInlineRows>();
}

} // namespace

DucklakeInsert::DucklakeInsert(PhysicalPlan &plan, DucklakeTableEntry &table_p, std::string directory_p,
                               idx_t estimated_cardinality)
    : PhysicalOperator(plan, PhysicalOperatorType::EXTENSION, {LogicalType::BIGINT}, estimated_cardinality),
      table(&table_p), directory(std::move(directory_p)) {
}

DucklakeInsert::DucklakeInsert(PhysicalPlan &plan, SchemaCatalogEntry &schema_p,
                               unique_ptr<BoundCreateTableInfo> info_p, std::string directory_p,
                               idx_t estimated_cardinality)
    : PhysicalOperator(plan, PhysicalOperatorType::EXTENSION, {LogicalType::BIGINT}, estimated_cardinality),
      schema(&schema_p), info(std::move(info_p)), directory(std::move(directory_p)) {
}

unique_ptr<GlobalSinkState> DucklakeInsert::GetGlobalSinkState(ClientContext &context) const {
	auto state = make_uniq<DucklakeInsertGlobalState>();
	if (table) {
		state->table = table;
	} else {
		auto &catalog = schema->ParentCatalog();
		auto created = catalog.CreateTable(catalog.GetCatalogTransaction(context), *schema, *info);
		// DuckDB hands the sink a const operator; the table is created once per execution.
		if (!created) {
			throw InternalException("CREATE TABLE AS on a DuckLake catalog did not create the table");
		}
		state->table = &created->Cast<DucklakeTableEntry>();
	}
	return std::move(state);
}

SinkResultType DucklakeInsert::Sink(ExecutionContext &context, DataChunk &chunk, OperatorSinkInput &input) const {
	auto &state = input.global_state.Cast<DucklakeInsertGlobalState>();
	auto &record = state.table->record;
	auto leaves = LeafColumnsByStatsKey(record.columns);
	for (idx_t row_idx = 0; row_idx < chunk.size(); row_idx++) {
		WrittenDataFile file;
		file.absolute_path = chunk.GetValue(0, row_idx).ToString();
		// Partitioned files sit in one folder per key below the table directory.
		file.file_name = PartitionedFilePath(file.absolute_path, record.partition_keys.size());
		if (!record.partition_keys.empty()) {
			file.partition_id = record.partition_id;
			file.partition_values = PartitionValuesOf(chunk.GetValue(5, row_idx));
			if (file.partition_values.size() != record.partition_keys.size()) {
				throw InternalException("DuckLake insert into \"%s\": file \"%s\" has %d partition values for %d keys",
				                        state.table->name, file.absolute_path, file.partition_values.size(),
				                        record.partition_keys.size());
			}
		}
		file.record_count = chunk.GetValue(1, row_idx).GetValue<int64_t>();
		file.file_size_bytes = chunk.GetValue(2, row_idx).GetValue<int64_t>();
		file.footer_size = chunk.GetValue(3, row_idx).GetValue<int64_t>();
		file.column_stats = FileStatsFromWriter(chunk.GetValue(4, row_idx), leaves, file.record_count);
		state.row_count += file.record_count;
		state.files.push_back(std::move(file));
	}
	return SinkResultType::NEED_MORE_INPUT;
}

SinkFinalizeType DucklakeInsert::Finalize(Pipeline &pipeline, Event &event, ClientContext &context,
                                          OperatorSinkFinalizeInput &input) const {
	auto &state = input.global_state.Cast<DucklakeInsertGlobalState>();
	std::vector<std::vector<FileColumnStatsRecord>> file_stats;
	for (auto &file : state.files) {
		if (file.record_count > 0) {
			file_stats.push_back(file.column_stats);
		}
	}
	auto violation = FindNotNullViolation(state.table->record.columns, file_stats);
	if (!violation.empty()) {
		// The files are not in the transaction yet: remove them so nothing of the statement stays.
		auto &fs = FileSystem::GetFileSystem(context);
		for (auto &file : state.files) {
			fs.TryRemoveFile(file.absolute_path);
		}
		throw ConstraintException("NOT NULL constraint failed: %s.%s", state.table->name, violation);
	}
	if (!state.files.empty()) {
		auto &transaction = DucklakeTransaction::Get(context, state.table->catalog);
		transaction.AddWrittenFiles(*state.table, std::move(state.files));
	}
	auto inlined = inline_rows ? inline_rows->TakeInlinedRows() : nullptr;
	if (inlined) {
		auto rows = CollectionRows(*inlined);
		auto inlined_violation =
		    FindNotNullViolation(state.table->record.columns, {InlinedRowStats(state.table->record.columns, rows)});
		if (!inlined_violation.empty()) {
			throw ConstraintException("NOT NULL constraint failed: %s.%s", state.table->name, inlined_violation);
		}
		state.row_count += static_cast<int64_t>(rows.size());
		DucklakeTransaction::Get(context, state.table->catalog).AddInlinedRows(*state.table, std::move(rows));
	}
	return SinkFinalizeType::READY;
}

SourceResultType DucklakeInsert::GetData(ExecutionContext &context, DataChunk &chunk,
                                         OperatorSourceInput &input) const {
	auto &state = sink_state->Cast<DucklakeInsertGlobalState>();
	chunk.SetCardinality(1);
	chunk.SetValue(0, 0, Value::BIGINT(state.row_count));
	return SourceResultType::FINISHED;
}

PhysicalOperator &PlanDucklakeInsert(ClientContext &context, PhysicalPlanGenerator &planner, DucklakeTableEntry &table,
                                     PhysicalOperator &child) {
	auto &catalog = table.catalog.Cast<DucklakeCatalog>();
	auto &schema_record = table.schema.Cast<DucklakeSchemaEntry>().record;
	auto directory = DirectoryOf(catalog, schema_record, table.record.path, table.record.path_is_relative);
	auto options = ResolveWriteOptions(context, catalog, schema_record.schema_id, table.record.table_id);
	auto inline_rows = PlanInlineRows(context, planner, catalog, child, table.record.columns, schema_record.schema_id,
	                                  table.transaction_local ? -1 : table.record.table_id, options.inlining_row_limit);
	auto &write_child = inline_rows ? *inline_rows : child;
	auto &copy = table.record.partition_keys.empty()
	                 ? PlanParquetWrite(context, planner, write_child, directory, table.record.columns, options)
	                 : PlanPartitionedParquetWrite(context, planner, write_child, directory, table.record, options);
	auto &insert = planner.Make<DucklakeInsert>(table, directory, child.estimated_cardinality).Cast<DucklakeInsert>();
	insert.inline_rows = inline_rows;
	insert.children.push_back(copy);
	return insert;
}

PhysicalOperator &DucklakeCatalog::PlanInsert(ClientContext &context, PhysicalPlanGenerator &planner, LogicalInsert &op,
                                              optional_ptr<PhysicalOperator> plan) {
	CheckWritable("INSERT");
	if (op.return_chunk) {
		throw NotImplementedException("INSERT ... RETURNING is not supported on DuckLake tables yet");
	}
	if (op.on_conflict_info.action_type != OnConflictAction::THROW) {
		throw NotImplementedException("INSERT ... ON CONFLICT is not supported on DuckLake tables");
	}
	if (!op.column_index_map.empty()) {
		plan = planner.ResolveDefaultsProjection(op, *plan);
	}
	return PlanDucklakeInsert(context, planner, op.table.Cast<DucklakeTableEntry>(), *plan);
}

PhysicalOperator &DucklakeCatalog::PlanCreateTableAs(ClientContext &context, PhysicalPlanGenerator &planner,
                                                     LogicalCreateTable &op, PhysicalOperator &plan) {
	CheckWritable("CREATE TABLE AS");
	auto &schema = op.schema.Cast<DucklakeSchemaEntry>();
	auto &create_info = op.info->Base();
	auto columns = FlattenColumns(create_info.columns);
	auto directory = DirectoryOf(*this, schema.record, ObjectPath(create_info.table, "Table"), true);
	auto options = ResolveWriteOptions(context, *this, schema.record.schema_id, -1);
	auto inline_rows =
	    PlanInlineRows(context, planner, *this, plan, columns, schema.record.schema_id, -1, options.inlining_row_limit);
	auto &copy = PlanParquetWrite(context, planner, inline_rows ? *inline_rows : plan, directory, columns, options);
	auto &insert = planner.Make<DucklakeInsert>(op.schema, std::move(op.info), directory, plan.estimated_cardinality)
	                   .Cast<DucklakeInsert>();
	insert.inline_rows = inline_rows;
	insert.children.push_back(copy);
	return insert;
}

} // namespace ducklake
