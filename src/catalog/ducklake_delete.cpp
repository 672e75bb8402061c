#include "catalog/ducklake_delete.hpp"

#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_schema_entry.hpp"
#include "catalog/ducklake_table_entry.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "storage/data_path.hpp"
#include "storage/virtual_columns.hpp"

#include "duckdb/common/multi_file/multi_file_reader.hpp"
#include "duckdb/planner/expression/bound_reference_expression.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements a DuckDB physical operator

namespace {

class DucklakeDeleteGlobalState : public GlobalSinkState {
public:
	mutex lock;
	//! Each thread's positions per data file, moved here as they are (no copy) and merged once at
	//! finalize (MergeSortedRuns).
	std::map<std::string, std::vector<DeletedPositions>> runs_by_file;
	int64_t deleted_count = 0;
};

class DucklakeDeleteLocalState : public LocalSinkState {
public:
	RowIdCollector rows;
};

} // namespace

void RowIdCollector::Collect(DataChunk &chunk, idx_t filename_idx, idx_t position_idx) {
	UnifiedVectorFormat filenames;
	UnifiedVectorFormat positions;
	chunk.data[filename_idx].ToUnifiedFormat(chunk.size(), filenames);
	chunk.data[position_idx].ToUnifiedFormat(chunk.size(), positions);
	auto filename_data = UnifiedVectorFormat::GetData<string_t>(filenames);
	auto position_data = UnifiedVectorFormat::GetData<int64_t>(positions);
	// Rows of one chunk nearly always come from one file: look the file up once per run. The scan
	// gives the file name as a constant vector, so every row points at one entry and the name is
	// compared only when the entry changes.
	DeletedPositions *target = nullptr;
	string_t current_name("", 0);
	idx_t current_filename_row = DConstants::INVALID_INDEX;
	for (idx_t row_idx = 0; row_idx < chunk.size(); row_idx++) {
		auto filename_row = filenames.sel->get_index(row_idx);
		auto position_row = positions.sel->get_index(row_idx);
		if (!filenames.validity.RowIsValid(filename_row) || !positions.validity.RowIsValid(position_row)) {
			throw InternalException("DuckLake row identity (filename, file_row_number) is NULL");
		}
		if (!target || filename_row != current_filename_row) {
			auto &name = filename_data[filename_row];
			if (!target || !(name == current_name)) {
				target = &positions_by_file[name.GetString()];
				current_name = name;
			}
			current_filename_row = filename_row;
		}
		target->push_back(position_data[position_row]);
	}
}

std::string DucklakeTableDirectory(DucklakeTableEntry &table) {
	auto &catalog = table.catalog.Cast<DucklakeCatalog>();
	auto &schema_record = table.schema.Cast<DucklakeSchemaEntry>().record;
	return TableDirectory(catalog.Options().data_path, schema_record.path, schema_record.path_is_relative,
	                      table.record.path, table.record.path_is_relative);
}

DucklakeDelete::DucklakeDelete(PhysicalPlan &plan, DucklakeTableEntry &table_p, std::string directory_p,
                               idx_t filename_idx_p, idx_t position_idx_p, idx_t estimated_cardinality)
    : PhysicalOperator(plan, PhysicalOperatorType::EXTENSION, {LogicalType::BIGINT}, estimated_cardinality),
      table(table_p), directory(std::move(directory_p)), filename_idx(filename_idx_p), position_idx(position_idx_p) {
}

unique_ptr<GlobalSinkState> DucklakeDelete::GetGlobalSinkState(ClientContext &context) const {
	return make_uniq<DucklakeDeleteGlobalState>();
}

unique_ptr<LocalSinkState> DucklakeDelete::GetLocalSinkState(ExecutionContext &context) const {
	return make_uniq<DucklakeDeleteLocalState>();
}

SinkResultType DucklakeDelete::Sink(ExecutionContext &context, DataChunk &chunk, OperatorSinkInput &input) const {
	auto &local = input.local_state.Cast<DucklakeDeleteLocalState>();
	local.rows.Collect(chunk, filename_idx, position_idx);
	return SinkResultType::NEED_MORE_INPUT;
}

SinkCombineResultType DucklakeDelete::Combine(ExecutionContext &context, OperatorSinkCombineInput &input) const {
	auto &global = input.global_state.Cast<DucklakeDeleteGlobalState>();
	auto &local = input.local_state.Cast<DucklakeDeleteLocalState>();
	lock_guard<mutex> guard(global.lock);
	for (auto &file : local.rows.Positions()) {
		global.runs_by_file[file.first].push_back(std::move(file.second));
	}
	return SinkCombineResultType::FINISHED;
}

SinkFinalizeType DucklakeDelete::Finalize(Pipeline &pipeline, Event &event, ClientContext &context,
                                          OperatorSinkFinalizeInput &input) const {
	auto &global = input.global_state.Cast<DucklakeDeleteGlobalState>();
	auto &transaction = DucklakeTransaction::Get(context, table.catalog);
	std::vector<std::string> paths;
	for (auto &file : global.runs_by_file) {
		global.deleted_count += transaction.Deletes().Add(table.record.table_id, directory, file.first,
		                                                  MergeSortedRuns(std::move(file.second)));
		paths.push_back(file.first);
	}
	transaction.StartDeleteFileWrites(table, paths);
	return SinkFinalizeType::READY;
}

SourceResultType DucklakeDelete::GetData(ExecutionContext &context, DataChunk &chunk,
                                         OperatorSourceInput &input) const {
	auto &global = sink_state->Cast<DucklakeDeleteGlobalState>();
	chunk.SetCardinality(1);
	chunk.SetValue(0, 0, Value::BIGINT(global.deleted_count));
	return SourceResultType::FINISHED;
}

PhysicalOperator &PlanDucklakeDelete(ClientContext &context, PhysicalPlanGenerator &planner, LogicalDelete &op,
                                     PhysicalOperator &child) {
	auto &table = op.table.Cast<DucklakeTableEntry>();
	table.catalog.Cast<DucklakeCatalog>().CheckWritable("DELETE");
	if (op.return_chunk) {
		throw NotImplementedException("DELETE ... RETURNING is not supported on DuckLake tables yet");
	}
	if (op.expressions.size() < 2) {
		throw InternalException(
		    "DuckLake DELETE expects the row-id columns (filename, file_row_number, rowid), got %llu",
		    op.expressions.size());
	}
	auto filename_idx = op.expressions[0]->Cast<BoundReferenceExpression>().index;
	auto position_idx = op.expressions[1]->Cast<BoundReferenceExpression>().index;
	auto &del = planner.Make<DucklakeDelete>(table, DucklakeTableDirectory(table), filename_idx, position_idx,
	                                         op.estimated_cardinality);
	del.children.push_back(child);
	return del;
}

// Row identity of DuckLake tables ------------------------------------------------------------

virtual_column_map_t DucklakeTableEntry::GetVirtualColumns() const {
	// Identical to the scan's virtual columns, so every name binds to what the scan makes.
	return DucklakeVirtualColumns();
}

vector<column_t> DucklakeTableEntry::GetRowIdColumns() const {
	return DucklakeRowIdColumns();
}

} // namespace ducklake
