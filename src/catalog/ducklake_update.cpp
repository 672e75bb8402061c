#include "catalog/ducklake_update.hpp"

#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_delete.hpp"
#include "catalog/ducklake_insert.hpp"
#include "catalog/ducklake_table_entry.hpp"
#include "catalog/ducklake_transaction.hpp"

#include "duckdb/execution/operator/projection/physical_projection.hpp"
#include "duckdb/planner/expression/bound_columnref_expression.hpp"
#include "duckdb/planner/operator/logical_get.hpp"
#include "duckdb/planner/operator/logical_projection.hpp"

#include <algorithm>

namespace ducklake {

using namespace duckdb; // NOLINT: implements a DuckDB physical operator

DucklakeUpdateRowIds::DucklakeUpdateRowIds(PhysicalPlan &plan, DucklakeTableEntry &table_p, std::string directory_p,
                                           vector<LogicalType> types, idx_t filename_idx_p, idx_t position_idx_p,
                                           idx_t estimated_cardinality)
    : PhysicalOperator(plan, PhysicalOperatorType::EXTENSION, std::move(types), estimated_cardinality), table(table_p),
      directory(std::move(directory_p)), filename_idx(filename_idx_p), position_idx(position_idx_p) {
}

OperatorResultType DucklakeUpdateRowIds::Execute(ExecutionContext &context, DataChunk &input, DataChunk &chunk,
                                                 GlobalOperatorState &gstate, OperatorState &state) const {
	RowIdCollector rows;
	rows.Collect(input, filename_idx, position_idx);
	auto &deletes = DucklakeTransaction::Get(context.client, table.catalog).Deletes();
	for (auto &file : rows.Positions()) {
		deletes.Add(table.record.table_id, directory, file.first, std::move(file.second));
	}
	chunk.Reference(input);
	return OperatorResultType::NEED_MORE_INPUT;
}

PhysicalOperator &PlanDucklakeUpdate(ClientContext &context, PhysicalPlanGenerator &planner, LogicalUpdate &op,
                                     PhysicalOperator &child) {
	auto &table = op.table.Cast<DucklakeTableEntry>();
	table.catalog.Cast<DucklakeCatalog>().CheckWritable("UPDATE");
	if (op.return_chunk) {
		throw NotImplementedException("UPDATE ... RETURNING is not supported on DuckLake tables yet");
	}
	auto child_column_count = child.types.size();
	if (child_column_count < 2) {
		throw InternalException("DuckLake UPDATE input lacks the row-id columns");
	}
	auto &row_ids =
	    planner.Make<DucklakeUpdateRowIds>(table, DucklakeTableDirectory(table), child.types, child_column_count - 2,
	                                       child_column_count - 1, child.estimated_cardinality);
	row_ids.children.push_back(child);

	// The new rows in table column order: SET expressions, defaults, and the unchanged columns
	// that BindUpdateConstraints added as "c = c".
	vector<unique_ptr<Expression>> select_list;
	vector<LogicalType> types;
	for (auto &column : table.GetColumns().Physical()) {
		auto physical = column.Physical();
		optional_idx update_idx;
		for (idx_t column_idx = 0; column_idx < op.columns.size(); column_idx++) {
			if (op.columns[column_idx] == physical) {
				update_idx = column_idx;
			}
		}
		if (!update_idx.IsValid()) {
			throw InternalException("DuckLake UPDATE of \"%s\": column \"%s\" is missing from the new rows", table.name,
			                        column.Name());
		}
		auto &expression = op.expressions[update_idx.GetIndex()];
		if (expression->GetExpressionType() == ExpressionType::VALUE_DEFAULT) {
			select_list.push_back(op.bound_defaults[physical.index]->Copy());
		} else {
			select_list.push_back(expression->Copy());
		}
		types.push_back(column.Type());
	}
	auto &projection =
	    planner.Make<PhysicalProjection>(std::move(types), std::move(select_list), child.estimated_cardinality);
	projection.children.push_back(row_ids);
	return PlanDucklakeInsert(context, planner, table, projection);
}

void DucklakeTableEntry::BindUpdateConstraints(Binder &binder, LogicalGet &get, LogicalProjection &proj,
                                               LogicalUpdate &update, ClientContext &context) {
	TableCatalogEntry::BindUpdateConstraints(binder, get, proj, update, context);
	// The insert half writes whole rows: add every column the update does not set as "c = c".
	// Unlike LogicalUpdate::BindExtraColumns this reuses a column the scan already reads (e.g.
	// for the WHERE clause): the Parquet scan misreads a column listed twice.
	for (auto &column : GetColumns().Physical()) {
		auto physical = column.Physical();
		if (std::find(update.columns.begin(), update.columns.end(), physical) != update.columns.end()) {
			continue;
		}
		auto &column_ids = get.GetColumnIds();
		idx_t get_idx = column_ids.size();
		for (idx_t column_idx = 0; column_idx < column_ids.size(); column_idx++) {
			if (!column_ids[column_idx].IsVirtualColumn() &&
			    column_ids[column_idx].GetPrimaryIndex() == column.Logical().index) {
				get_idx = column_idx;
				break;
			}
		}
		if (get_idx == column_ids.size()) {
			get.AddColumnId(column.Logical().index);
		}
		update.expressions.push_back(make_uniq<BoundColumnRefExpression>(
		    column.Type(), ColumnBinding(proj.table_index, proj.expressions.size())));
		proj.expressions.push_back(
		    make_uniq<BoundColumnRefExpression>(column.Type(), ColumnBinding(get.table_index, get_idx)));
		update.columns.push_back(physical);
	}
	update.update_is_del_and_insert = true;
}

} // namespace ducklake
