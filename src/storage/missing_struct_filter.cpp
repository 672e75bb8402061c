#include "storage/missing_struct_filter.hpp"

#include "duckdb/parser/expression/constant_expression.hpp"
#include "duckdb/planner/filter/conjunction_filter.hpp"
#include "duckdb/planner/filter/optional_filter.hpp"
#include "duckdb/planner/filter/struct_filter.hpp"

#include <set>

namespace ducklake {

using namespace duckdb; // NOLINT: works on DuckDB's table filters

namespace {

bool HasStructExtract(const TableFilter &filter) {
	switch (filter.filter_type) {
	case TableFilterType::STRUCT_EXTRACT:
		return true;
	case TableFilterType::CONJUNCTION_AND:
		for (auto &child : filter.Cast<ConjunctionAndFilter>().child_filters) {
			if (HasStructExtract(*child)) {
				return true;
			}
		}
		return false;
	case TableFilterType::CONJUNCTION_OR:
		for (auto &child : filter.Cast<ConjunctionOrFilter>().child_filters) {
			if (HasStructExtract(*child)) {
				return true;
			}
		}
		return false;
	case TableFilterType::OPTIONAL_FILTER: {
		auto &child = filter.Cast<OptionalFilter>().child_filter;
		return child && HasStructExtract(*child);
	}
	default:
		return false;
	}
}

bool IsNullConstant(const MultiFileColumnDefinition &column) {
	auto &expression = column.default_expression;
	return expression && expression->GetExpressionClass() == ExpressionClass::CONSTANT &&
	       expression->Cast<ConstantExpression>().value.IsNull();
}

} // namespace

NullFilterOutcome EvaluateFilterOnNull(const TableFilter &filter) {
	switch (filter.filter_type) {
	case TableFilterType::STRUCT_EXTRACT:
		return EvaluateFilterOnNull(*filter.Cast<StructFilter>().child_filter);
	case TableFilterType::IS_NULL:
		return NullFilterOutcome::PASSES;
	case TableFilterType::IS_NOT_NULL:
	case TableFilterType::CONSTANT_COMPARISON:
	case TableFilterType::IN_FILTER:
		return NullFilterOutcome::FAILS; // a comparison with NULL is never true
	case TableFilterType::OPTIONAL_FILTER:
	case TableFilterType::DYNAMIC_FILTER:
		return NullFilterOutcome::PASSES; // hints for pruning only: keeping rows is always correct
	case TableFilterType::CONJUNCTION_AND: {
		auto result = NullFilterOutcome::PASSES;
		for (auto &child : filter.Cast<ConjunctionAndFilter>().child_filters) {
			auto outcome = EvaluateFilterOnNull(*child);
			if (outcome == NullFilterOutcome::FAILS) {
				return outcome;
			}
			if (outcome == NullFilterOutcome::UNKNOWN) {
				result = outcome;
			}
		}
		return result;
	}
	case TableFilterType::CONJUNCTION_OR: {
		auto result = NullFilterOutcome::FAILS;
		for (auto &child : filter.Cast<ConjunctionOrFilter>().child_filters) {
			auto outcome = EvaluateFilterOnNull(*child);
			if (outcome == NullFilterOutcome::PASSES) {
				return outcome;
			}
			if (outcome == NullFilterOutcome::UNKNOWN) {
				result = outcome;
			}
		}
		return result;
	}
	default:
		return NullFilterOutcome::UNKNOWN;
	}
}

bool AdjustFiltersForMissingStructs(const vector<MultiFileColumnDefinition> &file_columns,
                                    const vector<MultiFileColumnDefinition> &global_columns,
                                    const vector<ColumnIndex> &global_column_ids, const TableFilterSet &filters,
                                    unique_ptr<TableFilterSet> &adjusted) {
	std::set<int32_t> file_field_ids;
	for (auto &column : file_columns) {
		if (!column.identifier.IsNull()) {
			file_field_ids.insert(column.identifier.GetValue<int32_t>());
		}
	}
	std::set<idx_t> decided;
	for (auto &entry : filters.filters) {
		if (entry.first >= global_column_ids.size()) {
			continue;
		}
		auto global_index = global_column_ids[entry.first].GetPrimaryIndex();
		if (global_index >= global_columns.size()) {
			continue; // a virtual column
		}
		auto &column = global_columns[global_index];
		if (column.type.id() != LogicalTypeId::STRUCT || column.identifier.IsNull() ||
		    file_field_ids.count(column.identifier.GetValue<int32_t>()) || !IsNullConstant(column) ||
		    !HasStructExtract(*entry.second)) {
			continue;
		}
		switch (EvaluateFilterOnNull(*entry.second)) {
		case NullFilterOutcome::FAILS:
			return false;
		case NullFilterOutcome::PASSES:
			decided.insert(entry.first);
			break;
		default:
			throw NotImplementedException("Cannot apply the filter %s on column \"%s\" to a data file written before "
			                              "the column was added; filter on its fields with comparisons or IS NULL",
			                              entry.second->ToString(column.name), column.name);
		}
	}
	if (decided.empty()) {
		return true;
	}
	adjusted = make_uniq<TableFilterSet>();
	for (auto &entry : filters.filters) {
		if (!decided.count(entry.first)) {
			adjusted->filters.emplace(entry.first, entry.second->Copy());
		}
	}
	return true;
}

} // namespace ducklake
