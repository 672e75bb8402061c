#include "catalog/row_change_sink.hpp"

#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_delete.hpp"
#include "catalog/ducklake_insert.hpp"
#include "catalog/ducklake_schema_entry.hpp"
#include "catalog/ducklake_table_entry.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "catalog/not_null_check.hpp"
#include "storage/column_stats.hpp"
#include "storage/column_tree.hpp"
#include "storage/parquet_write.hpp"
#include "storage/partitioned_write.hpp"

#include "duckdb/common/file_system.hpp"
#include "duckdb/execution/execution_context.hpp"
#include "duckdb/execution/expression_executor.hpp"
#include "duckdb/execution/operator/projection/physical_projection.hpp"
#include "duckdb/execution/operator/scan/physical_empty_result.hpp"
#include "duckdb/parallel/thread_context.hpp"

#include <algorithm>

namespace ducklake {

using namespace duckdb; // NOLINT: implements a DuckDB physical operator

namespace {

class RowChangeGlobalState : public GlobalSinkState {
public:
	mutex lock;
	RowIdCollector rows;
	//! The copies' global states; owned by the copy operators (their sink_state), which read them
	//! while rotating files.
	optional_ptr<GlobalSinkState> plain_state;
	optional_ptr<GlobalSinkState> lineage_state;
	int64_t changed_count = 0;
};

class RowChangeLocalState : public LocalSinkState {
public:
	RowIdCollector rows;
	unique_ptr<ExpressionExecutor> executor;
	DataChunk new_chunk;
	DataChunk plain_chunk;
	DataChunk lineage_chunk;
	unique_ptr<LocalSinkState> plain_state;
	unique_ptr<LocalSinkState> lineage_state;
	int64_t changed_count = 0;
};

vector<LogicalType> TableTypes(DucklakeTableEntry &table) {
	vector<LogicalType> types;
	for (auto &column : table.GetColumns().Physical()) {
		types.push_back(column.Type());
	}
	return types;
}

void SinkInto(ExecutionContext &context, const PhysicalOperator &copy, GlobalSinkState &global, LocalSinkState &local,
              DataChunk &chunk, InterruptState &interrupt) {
	if (chunk.size() == 0) {
		return;
	}
	OperatorSinkInput sink_input {global, local, interrupt};
	// A partitioned copy reads the partition keys its projection computes (partitioned_write.hpp):
	// this sink feeds the copy directly, so it evaluates that projection itself.
	auto &input = copy.children[0].get();
	if (input.type == PhysicalOperatorType::PROJECTION) {
		auto &projection = input.Cast<PhysicalProjection>();
		ExpressionExecutor executor(context.client, projection.select_list);
		DataChunk projected;
		projected.Initialize(context.client, projection.types, chunk.size());
		executor.Execute(chunk, projected);
		copy.Sink(context, projected, sink_input);
		return;
	}
	copy.Sink(context, chunk, sink_input);
}

//! Finish a copy this sink drove and return the files it wrote.
std::vector<WrittenDataFile> FinishCopy(Pipeline &pipeline, Event &event, ClientContext &context,
                                        PhysicalOperator &copy, const TableRecord &table, InterruptState &interrupt) {
	auto &columns = table.columns;
	OperatorSinkFinalizeInput finalize_input {*copy.sink_state, interrupt};
	copy.Finalize(pipeline, event, context, finalize_input);
	ThreadContext thread(context);
	ExecutionContext execution(context, thread, &pipeline);
	auto source_global = copy.GetGlobalSourceState(context);
	auto source_local = copy.GetLocalSourceState(execution, *source_global);
	auto leaves = LeafColumnsByStatsKey(columns);
	std::vector<WrittenDataFile> files;
	DataChunk stats;
	stats.Initialize(context, copy.types);
	// One statistics row per written file; the copy returns them in chunks of at most a vector.
	for (idx_t round_idx = 0;; round_idx++) {
		stats.Reset();
		OperatorSourceInput source_input {*source_global, *source_local, interrupt};
		auto result = copy.GetData(execution, stats, source_input);
		for (idx_t row_idx = 0; row_idx < stats.size(); row_idx++) {
			WrittenDataFile file;
			file.absolute_path = stats.GetValue(0, row_idx).ToString();
			// Partitioned files sit in one folder per key below the table directory.
			file.file_name = PartitionedFilePath(file.absolute_path, table.partition_keys.size());
			if (!table.partition_keys.empty()) {
				file.partition_id = table.partition_id;
				file.partition_values = PartitionValuesOf(stats.GetValue(5, row_idx));
				if (file.partition_values.size() != table.partition_keys.size()) {
					throw InternalException("DuckLake write to \"%s\": file \"%s\" has %d partition values for %d keys",
					                        table.name, file.absolute_path, file.partition_values.size(),
					                        table.partition_keys.size());
				}
			}
			file.record_count = stats.GetValue(1, row_idx).GetValue<int64_t>();
			file.file_size_bytes = stats.GetValue(2, row_idx).GetValue<int64_t>();
			file.footer_size = stats.GetValue(3, row_idx).GetValue<int64_t>();
			file.column_stats = FileStatsFromWriter(stats.GetValue(4, row_idx), leaves, file.record_count);
			files.push_back(std::move(file));
		}
		if (result == SourceResultType::FINISHED || stats.size() == 0) {
			break;
		}
	}
	return files;
}

} // namespace

DucklakeRowChangeSink::DucklakeRowChangeSink(PhysicalPlan &plan, DucklakeTableEntry &table_p, std::string statement_p,
                                             optional_idx row_id_idx_p, vector<unique_ptr<Expression>> new_rows_p,
                                             optional_idx lineage_idx_p, idx_t estimated_cardinality)
    : PhysicalOperator(plan, PhysicalOperatorType::EXTENSION, {LogicalType::BIGINT}, estimated_cardinality),
      table(table_p), statement(std::move(statement_p)), directory(DucklakeTableDirectory(table_p)),
      row_id_idx(row_id_idx_p), new_rows(std::move(new_rows_p)), lineage_idx(lineage_idx_p) {
}

PhysicalOperator &DucklakeRowChangeSink::PlanWrite(ClientContext &context, PhysicalPlanGenerator &planner,
                                                   PhysicalOperator &input, const ParquetWriteOptions &options) {
	if (table.record.partition_keys.empty()) {
		return PlanParquetWrite(context, planner, input, directory, table.record.columns, options);
	}
	return PlanPartitionedParquetWrite(context, planner, input, directory, table.record, options);
}

void DucklakeRowChangeSink::PlanCopies(ClientContext &context, PhysicalPlanGenerator &planner) {
	if (new_rows.empty()) {
		return;
	}
	auto &schema_record = table.schema.Cast<DucklakeSchemaEntry>().record;
	auto options = ResolveWriteOptions(context, table.catalog.Cast<DucklakeCatalog>(), schema_record.schema_id,
	                                   table.record.table_id);
	// This sink feeds the copies itself: they never see the batch indexes an ordered copy needs.
	options.allow_ordered = false;
	auto types = TableTypes(table);
	// The copies are driven by this sink, not by a pipeline: their child only states the input types.
	auto &plain_input = planner.Make<PhysicalEmptyResult>(types, estimated_cardinality);
	plain_copy = &PlanWrite(context, planner, plain_input, options);
	if (lineage_idx.IsValid()) {
		types.push_back(LogicalType::BIGINT);
		options.row_lineage = true;
		auto &lineage_input = planner.Make<PhysicalEmptyResult>(types, estimated_cardinality);
		lineage_copy = &PlanWrite(context, planner, lineage_input, options);
	}
}

unique_ptr<GlobalSinkState> DucklakeRowChangeSink::GetGlobalSinkState(ClientContext &context) const {
	auto state = make_uniq<RowChangeGlobalState>();
	// A copy reads its global state through its own sink_state (when it rotates files), as a
	// pipeline would have set it.
	if (plain_copy) {
		plain_copy->sink_state = plain_copy->GetGlobalSinkState(context);
		state->plain_state = plain_copy->sink_state.get();
	}
	if (lineage_copy) {
		lineage_copy->sink_state = lineage_copy->GetGlobalSinkState(context);
		state->lineage_state = lineage_copy->sink_state.get();
	}
	return std::move(state);
}

unique_ptr<LocalSinkState> DucklakeRowChangeSink::GetLocalSinkState(ExecutionContext &context) const {
	auto state = make_uniq<RowChangeLocalState>();
	if (!new_rows.empty()) {
		state->executor = make_uniq<ExpressionExecutor>(context.client, new_rows);
		auto types = TableTypes(table);
		state->new_chunk.Initialize(context.client, types);
		state->plain_chunk.Initialize(context.client, types);
		types.push_back(LogicalType::BIGINT);
		state->lineage_chunk.Initialize(context.client, types);
	}
	if (plain_copy) {
		state->plain_state = plain_copy->GetLocalSinkState(context);
	}
	if (lineage_copy) {
		state->lineage_state = lineage_copy->GetLocalSinkState(context);
	}
	return std::move(state);
}

SinkResultType DucklakeRowChangeSink::Sink(ExecutionContext &context, DataChunk &chunk,
                                           OperatorSinkInput &input) const {
	auto &global = input.global_state.Cast<RowChangeGlobalState>();
	auto &local = input.local_state.Cast<RowChangeLocalState>();
	local.changed_count += static_cast<int64_t>(chunk.size());
	if (row_id_idx.IsValid()) {
		local.rows.Collect(chunk, row_id_idx.GetIndex(), row_id_idx.GetIndex() + 1);
	}
	if (new_rows.empty()) {
		return SinkResultType::NEED_MORE_INPUT;
	}
	local.new_chunk.Reset();
	local.executor->Execute(chunk, local.new_chunk);
	if (!lineage_copy) {
		SinkInto(context, *plain_copy, *global.plain_state, *local.plain_state, local.new_chunk, input.interrupt_state);
		return SinkResultType::NEED_MORE_INPUT;
	}
	// Rows whose old row had a row id keep it; the others (not committed yet) get new ones.
	auto &row_ids = chunk.data[lineage_idx.GetIndex()];
	UnifiedVectorFormat row_id_format;
	row_ids.ToUnifiedFormat(chunk.size(), row_id_format);
	SelectionVector with_id(STANDARD_VECTOR_SIZE);
	SelectionVector without_id(STANDARD_VECTOR_SIZE);
	idx_t with_count = 0;
	idx_t without_count = 0;
	for (idx_t row_idx = 0; row_idx < chunk.size(); row_idx++) {
		if (row_id_format.validity.RowIsValid(row_id_format.sel->get_index(row_idx))) {
			with_id.set_index(with_count++, row_idx);
		} else {
			without_id.set_index(without_count++, row_idx);
		}
	}
	auto column_count = local.new_chunk.ColumnCount();
	local.lineage_chunk.Reset();
	if (with_count == chunk.size()) {
		for (idx_t column_idx = 0; column_idx < column_count; column_idx++) {
			local.lineage_chunk.data[column_idx].Reference(local.new_chunk.data[column_idx]);
		}
		local.lineage_chunk.data[column_count].Reference(row_ids);
	} else {
		for (idx_t column_idx = 0; column_idx < column_count; column_idx++) {
			local.lineage_chunk.data[column_idx].Slice(local.new_chunk.data[column_idx], with_id, with_count);
		}
		local.lineage_chunk.data[column_count].Slice(row_ids, with_id, with_count);
	}
	local.lineage_chunk.SetCardinality(with_count);
	SinkInto(context, *lineage_copy, *global.lineage_state, *local.lineage_state, local.lineage_chunk,
	         input.interrupt_state);
	if (without_count > 0) {
		local.plain_chunk.Reset();
		local.plain_chunk.Slice(local.new_chunk, without_id, without_count);
		SinkInto(context, *plain_copy, *global.plain_state, *local.plain_state, local.plain_chunk,
		         input.interrupt_state);
	}
	return SinkResultType::NEED_MORE_INPUT;
}

SinkCombineResultType DucklakeRowChangeSink::Combine(ExecutionContext &context, OperatorSinkCombineInput &input) const {
	auto &global = input.global_state.Cast<RowChangeGlobalState>();
	auto &local = input.local_state.Cast<RowChangeLocalState>();
	if (plain_copy) {
		OperatorSinkCombineInput combine_input {*global.plain_state, *local.plain_state, input.interrupt_state};
		plain_copy->Combine(context, combine_input);
	}
	if (lineage_copy) {
		OperatorSinkCombineInput combine_input {*global.lineage_state, *local.lineage_state, input.interrupt_state};
		lineage_copy->Combine(context, combine_input);
	}
	lock_guard<mutex> guard(global.lock);
	global.changed_count += local.changed_count;
	for (auto &file : local.rows.Positions()) {
		auto &target = global.rows.Positions()[file.first];
		target.insert(target.end(), file.second.begin(), file.second.end());
	}
	return SinkCombineResultType::FINISHED;
}

SinkFinalizeType DucklakeRowChangeSink::Finalize(Pipeline &pipeline, Event &event, ClientContext &context,
                                                 OperatorSinkFinalizeInput &input) const {
	auto &global = input.global_state.Cast<RowChangeGlobalState>();
	std::vector<WrittenDataFile> files;
	if (plain_copy) {
		files = FinishCopy(pipeline, event, context, *plain_copy, table.record, input.interrupt_state);
	}
	if (lineage_copy) {
		auto lineage_files = FinishCopy(pipeline, event, context, *lineage_copy, table.record, input.interrupt_state);
		for (auto &file : lineage_files) {
			files.push_back(std::move(file));
		}
	}
	// Until the files join the transaction, a failed statement must not leave them behind.
	auto discard_files = [&]() {
		auto &fs = FileSystem::GetFileSystem(context);
		for (auto &file : files) {
			fs.TryRemoveFile(file.absolute_path);
		}
	};
	auto &transaction = DucklakeTransaction::Get(context, table.catalog);
	for (auto &file : global.rows.Positions()) {
		auto &positions = file.second;
		std::sort(positions.begin(), positions.end());
		auto repeated = std::adjacent_find(positions.begin(), positions.end());
		int64_t expected = static_cast<int64_t>(positions.size());
		int64_t added = 0;
		if (repeated == positions.end()) {
			added = transaction.Deletes().Add(table.record.table_id, directory, file.first, positions);
		}
		if (repeated != positions.end() || added != expected) {
			discard_files();
			auto position = repeated != positions.end() ? *repeated : positions.front();
			throw InvalidInputException("%s of table \"%s\": one target row was matched by more than one source row; "
			                            "a statement may update or delete each row at most once (the row at position "
			                            "%lld of data file \"%s\")",
			                            statement, table.name, position, file.first);
		}
	}
	if (!files.empty()) {
		std::vector<std::vector<FileColumnStatsRecord>> file_stats;
		for (auto &file : files) {
			if (file.record_count > 0) {
				file_stats.push_back(file.column_stats);
			}
		}
		auto violation = FindNotNullViolation(table.record.columns, file_stats);
		if (!violation.empty()) {
			discard_files();
			throw ConstraintException("NOT NULL constraint failed: %s.%s", table.name, violation);
		}
		transaction.AddWrittenFiles(table, std::move(files));
	}
	std::vector<std::string> paths;
	for (auto &file : global.rows.Positions()) {
		paths.push_back(file.first);
	}
	transaction.StartDeleteFileWrites(table, paths);
	return SinkFinalizeType::READY;
}

SourceResultType DucklakeRowChangeSink::GetData(ExecutionContext &context, DataChunk &chunk,
                                                OperatorSourceInput &input) const {
	auto &global = sink_state->Cast<RowChangeGlobalState>();
	chunk.SetCardinality(1);
	chunk.SetValue(0, 0, Value::BIGINT(global.changed_count));
	return SourceResultType::FINISHED;
}

} // namespace ducklake
