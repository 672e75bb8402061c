#include "catalog/ducklake_update.hpp"

#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_delete.hpp"
#include "catalog/ducklake_insert.hpp"
#include "catalog/ducklake_table_entry.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "catalog/row_change_sink.hpp"
#include "storage/virtual_columns.hpp"

#include "duckdb/planner/expression/bound_columnref_expression.hpp"
#include "duckdb/planner/expression/bound_reference_expression.hpp"
#include "duckdb/planner/operator/logical_get.hpp"
#include "duckdb/planner/operator/logical_projection.hpp"

#include <algorithm>

namespace ducklake {

using namespace duckdb; // NOLINT: implements a DuckDB physical operator

vector<unique_ptr<Expression>> UpdatedRowExpressions(DucklakeTableEntry &table, const vector<PhysicalIndex> &columns,
                                                     const vector<unique_ptr<Expression>> &expressions,
                                                     const vector<unique_ptr<Expression>> &bound_defaults) {
	// SET expressions, defaults, and the unchanged columns BindUpdateConstraints added as "c = c".
	vector<unique_ptr<Expression>> select_list;
	for (auto &column : table.GetColumns().Physical()) {
		auto physical = column.Physical();
		optional_idx update_idx;
		for (idx_t column_idx = 0; column_idx < columns.size(); column_idx++) {
			if (columns[column_idx] == physical) {
				update_idx = column_idx;
			}
		}
		if (!update_idx.IsValid()) {
			throw InternalException("DuckLake UPDATE of \"%s\": column \"%s\" is missing from the new rows", table.name,
			                        column.Name());
		}
		auto &expression = expressions[update_idx.GetIndex()];
		if (expression->GetExpressionType() == ExpressionType::VALUE_DEFAULT) {
			select_list.push_back(bound_defaults[physical.index]->Copy());
		} else {
			select_list.push_back(expression->Copy());
		}
	}
	return select_list;
}

optional_idx LineageInput(const vector<PhysicalIndex> &columns, const vector<unique_ptr<Expression>> &expressions) {
	for (idx_t column_idx = 0; column_idx < columns.size(); column_idx++) {
		if (columns[column_idx] == lineage_column_marker &&
		    expressions[column_idx]->GetExpressionClass() == ExpressionClass::BOUND_REF) {
			return expressions[column_idx]->Cast<BoundReferenceExpression>().index;
		}
	}
	throw InternalException("DuckLake update lacks the rowid of its rows");
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
	auto new_rows = UpdatedRowExpressions(table, op.columns, op.expressions, op.bound_defaults);
	auto &sink =
	    planner
	        .Make<DucklakeRowChangeSink>(table, "UPDATE", optional_idx(child_column_count - 2), std::move(new_rows),
	                                     LineageInput(op.columns, op.expressions), child.estimated_cardinality)
	        .Cast<DucklakeRowChangeSink>();
	sink.PlanCopies(context, planner);
	sink.children.push_back(child);
	return sink;
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
	// The old rows' rowid, which the new rows keep (row lineage): an extra expression the planner
	// finds by its marker in the column list.
	auto &column_ids = get.GetColumnIds();
	idx_t rowid_idx = column_ids.size();
	for (idx_t column_idx = 0; column_idx < column_ids.size(); column_idx++) {
		if (column_ids[column_idx].GetPrimaryIndex() == COLUMN_IDENTIFIER_ROW_ID) {
			rowid_idx = column_idx;
			break;
		}
	}
	if (rowid_idx == column_ids.size()) {
		get.AddColumnId(COLUMN_IDENTIFIER_ROW_ID);
	}
	update.expressions.push_back(make_uniq<BoundColumnRefExpression>(
	    LogicalType::BIGINT, ColumnBinding(proj.table_index, proj.expressions.size())));
	proj.expressions.push_back(
	    make_uniq<BoundColumnRefExpression>(LogicalType::BIGINT, ColumnBinding(get.table_index, rowid_idx)));
	update.columns.push_back(lineage_column_marker);
	update.update_is_del_and_insert = true;
}

} // namespace ducklake
