#include "catalog/ducklake_merge.hpp"

#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_table_entry.hpp"
#include "catalog/ducklake_update.hpp"
#include "catalog/row_change_sink.hpp"

#include "duckdb/execution/operator/persistent/physical_merge_into.hpp"
#include "duckdb/planner/expression/bound_reference_expression.hpp"
#include "duckdb/planner/operator/logical_merge_into.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements DuckDB's Catalog::PlanMergeInto

namespace {

//! The row-change sink of one MERGE action (null for DO NOTHING and ERROR, which DuckDB handles).
unique_ptr<MergeIntoOperator> PlanMergeAction(ClientContext &context, PhysicalPlanGenerator &planner,
                                              LogicalMergeInto &op, DucklakeTableEntry &table,
                                              BoundMergeIntoAction &action) {
	auto result = make_uniq<MergeIntoOperator>();
	result->action_type = action.action_type;
	result->condition = std::move(action.condition);
	auto cardinality = op.EstimateCardinality(context);
	optional_ptr<DucklakeRowChangeSink> sink;
	switch (action.action_type) {
	case MergeActionType::MERGE_UPDATE: {
		auto new_rows = UpdatedRowExpressions(table, action.columns, action.expressions, op.bound_defaults);
		sink = planner
		           .Make<DucklakeRowChangeSink>(table, "MERGE INTO", optional_idx(op.row_id_start), std::move(new_rows),
		                                        LineageInput(action.columns, action.expressions), cardinality)
		           .Cast<DucklakeRowChangeSink>();
		break;
	}
	case MergeActionType::MERGE_DELETE:
		sink = planner
		           .Make<DucklakeRowChangeSink>(table, "MERGE INTO", optional_idx(op.row_id_start),
		                                        vector<unique_ptr<Expression>>(), optional_idx(), cardinality)
		           .Cast<DucklakeRowChangeSink>();
		break;
	case MergeActionType::MERGE_INSERT: {
		// PhysicalMergeInto evaluates the action's expressions into the chunk the sink receives: put
		// them in table column order, with defaults for the columns the INSERT does not name.
		if (!action.column_index_map.empty()) {
			vector<unique_ptr<Expression>> in_table_order;
			for (auto &column : table.GetColumns().Physical()) {
				auto mapped_idx = action.column_index_map[column.Physical()];
				if (mapped_idx == DConstants::INVALID_INDEX) {
					in_table_order.push_back(op.bound_defaults[column.StorageOid()]->Copy());
				} else {
					in_table_order.push_back(std::move(action.expressions[mapped_idx]));
				}
			}
			action.expressions = std::move(in_table_order);
		}
		vector<unique_ptr<Expression>> new_rows;
		for (idx_t column_idx = 0; column_idx < action.expressions.size(); column_idx++) {
			new_rows.push_back(
			    make_uniq<BoundReferenceExpression>(action.expressions[column_idx]->return_type, column_idx));
		}
		result->expressions = std::move(action.expressions);
		sink = planner
		           .Make<DucklakeRowChangeSink>(table, "MERGE INTO", optional_idx(), std::move(new_rows),
		                                        optional_idx(), cardinality)
		           .Cast<DucklakeRowChangeSink>();
		break;
	}
	case MergeActionType::MERGE_ERROR:
		result->expressions = std::move(action.expressions);
		break;
	case MergeActionType::MERGE_DO_NOTHING:
		break;
	default:
		throw NotImplementedException("MERGE INTO \"%s\": this kind of action is not supported on DuckLake tables",
		                              table.name);
	}
	if (sink) {
		sink->PlanCopies(context, planner);
		result->op = sink.get();
	}
	return result;
}

} // namespace

PhysicalOperator &DucklakeCatalog::PlanMergeInto(ClientContext &context, PhysicalPlanGenerator &planner,
                                                 LogicalMergeInto &op, PhysicalOperator &plan) {
	CheckWritable("MERGE INTO");
	auto &table = op.table.Cast<DucklakeTableEntry>();
	if (op.return_chunk) {
		throw NotImplementedException("MERGE INTO ... RETURNING is not supported on DuckLake tables yet");
	}
	map<MergeActionCondition, vector<unique_ptr<MergeIntoOperator>>> actions;
	for (auto &entry : op.actions) {
		vector<unique_ptr<MergeIntoOperator>> planned;
		for (auto &action : entry.second) {
			planned.push_back(PlanMergeAction(context, planner, op, table, *action));
		}
		actions.emplace(entry.first, std::move(planned));
	}
	// Every action sink keeps per-thread state, so the merge may run in parallel.
	auto &merge =
	    planner.Make<PhysicalMergeInto>(op.types, std::move(actions), op.row_id_start, op.source_marker, true, false);
	merge.children.push_back(plan);
	return merge;
}

} // namespace ducklake
