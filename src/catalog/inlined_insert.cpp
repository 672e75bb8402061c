#include "catalog/inlined_insert.hpp"

#include "metadata/ducklake_type.hpp"
#include "storage/column_stats.hpp"
#include "storage/column_tree.hpp"

#include "duckdb/common/types/blob.hpp"
#include "duckdb/common/string_util.hpp"

#include <cmath>

namespace ducklake {

using namespace duckdb; // NOLINT: implements a DuckDB physical operator

namespace {

class InlineRowsGlobalState : public GlobalOperatorState {
public:
	unique_ptr<ColumnDataCollection> held;
	//! Set once the input went over the limit: everything passes through.
	bool spilled = false;
	//! While spilling the held rows: the scan over them.
	bool draining = false;
	ColumnDataScanState drain_state;
};

} // namespace

DucklakeInlineRows::DucklakeInlineRows(PhysicalPlan &plan, vector<LogicalType> types, int64_t limit_p,
                                       idx_t estimated_cardinality)
    : PhysicalOperator(plan, PhysicalOperatorType::EXTENSION, std::move(types), estimated_cardinality), limit(limit_p) {
}

unique_ptr<GlobalOperatorState> DucklakeInlineRows::GetGlobalOperatorState(ClientContext &context) const {
	auto state = make_uniq<InlineRowsGlobalState>();
	state->held = make_uniq<ColumnDataCollection>(Allocator::Get(context), types);
	return std::move(state);
}

unique_ptr<OperatorState> DucklakeInlineRows::GetOperatorState(ExecutionContext &context) const {
	if (op_state) {
		auto &gstate = op_state->Cast<InlineRowsGlobalState>();
		gstate.held = make_uniq<ColumnDataCollection>(Allocator::Get(context.client), types);
		gstate.spilled = false;
		gstate.draining = false;
	}
	return make_uniq<OperatorState>();
}

OperatorResultType DucklakeInlineRows::Execute(ExecutionContext &context, DataChunk &input, DataChunk &chunk,
                                               GlobalOperatorState &gstate_p, OperatorState &state) const {
	auto &gstate = gstate_p.Cast<InlineRowsGlobalState>();
	if (!gstate.spilled) {
		if (static_cast<int64_t>(gstate.held->Count() + input.size()) <= limit) {
			gstate.held->Append(input);
			chunk.SetCardinality(0);
			return OperatorResultType::NEED_MORE_INPUT;
		}
		// Over the limit: the statement writes Parquet after all, starting with the held rows.
		gstate.spilled = true;
		gstate.draining = true;
		gstate.held->InitializeScan(gstate.drain_state);
	}
	if (gstate.draining) {
		chunk.Reset();
		if (gstate.held->Scan(gstate.drain_state, chunk) && chunk.size() > 0) {
			return OperatorResultType::HAVE_MORE_OUTPUT; // the same input comes back next call
		}
		gstate.draining = false;
		gstate.held->Reset();
	}
	chunk.Reference(input);
	return OperatorResultType::NEED_MORE_INPUT;
}

unique_ptr<ColumnDataCollection> DucklakeInlineRows::TakeInlinedRows() const {
	if (!op_state) {
		return nullptr;
	}
	auto &gstate = op_state->Cast<InlineRowsGlobalState>();
	if (gstate.spilled || !gstate.held || gstate.held->Count() == 0) {
		return nullptr;
	}
	auto result = std::move(gstate.held);
	gstate.held = make_uniq<ColumnDataCollection>(Allocator::DefaultAllocator(), types);
	return result;
}

int64_t ParseInliningLimit(const Value &value, const std::string &where) {
	Value parsed;
	string error;
	if (value.IsNull() || !value.DefaultTryCastAs(LogicalType::BIGINT, parsed, &error) || parsed.IsNull() ||
	    parsed.GetValue<int64_t>() < 0 || parsed.GetValue<int64_t>() > max_inlining_row_limit) {
		throw InvalidInputException("%s: data_inlining_row_limit must be an integer from 0 (off) to %lld, got \"%s\"",
		                            where, max_inlining_row_limit, value.ToString());
	}
	return parsed.GetValue<int64_t>();
}

int64_t ResolveInliningLimit(const std::vector<MetadataOptionRecord> &options, const Value &attach_limit,
                             int64_t schema_id, int64_t table_id) {
	// Rank: table 3, schema 2, attach 1, catalog-wide 0.
	int best_rank = -1;
	std::string best;
	for (auto &option : options) {
		if (option.key != "data_inlining_row_limit") {
			continue;
		}
		int rank = 0;
		if (!option.scope.IsNull()) {
			auto scope = option.scope.ToString();
			auto id = option.scope_id.IsNull() ? -1 : option.scope_id.GetValue<int64_t>();
			if (scope == "table" && table_id >= 0 && id == table_id) {
				rank = 3;
			} else if (scope == "schema" && id == schema_id) {
				rank = 2;
			} else {
				continue;
			}
		}
		if (rank > best_rank) {
			best_rank = rank;
			best = option.value;
		}
	}
	if (!attach_limit.IsNull() && best_rank < 1) {
		return attach_limit.GetValue<int64_t>();
	}
	if (best_rank < 0) {
		return 0;
	}
	Value parsed;
	string error;
	if (!Value(best).DefaultTryCastAs(LogicalType::BIGINT, parsed, &error) || parsed.GetValue<int64_t>() < 0) {
		return 0; // a value another writer stored that we cannot read: do not inline
	}
	return parsed.GetValue<int64_t>();
}

std::vector<std::vector<Value>> CollectionRows(ColumnDataCollection &collection) {
	std::vector<std::vector<Value>> rows;
	rows.reserve(collection.Count());
	for (auto &chunk : collection.Chunks()) {
		for (idx_t row_idx = 0; row_idx < chunk.size(); row_idx++) {
			std::vector<Value> row;
			row.reserve(chunk.ColumnCount());
			for (idx_t column_idx = 0; column_idx < chunk.ColumnCount(); column_idx++) {
				row.push_back(chunk.GetValue(column_idx, row_idx));
			}
			rows.push_back(std::move(row));
		}
	}
	return rows;
}

namespace {

std::string StatsText(const Value &value) {
	if (value.type().id() == LogicalTypeId::BLOB) {
		auto &blob = StringValue::Get(value);
		static const char *digits = "0123456789ABCDEF";
		std::string hex;
		for (unsigned char byte : blob) {
			hex += digits[byte >> 4];
			hex += digits[byte & 15];
		}
		return hex;
	}
	return value.ToString();
}

} // namespace

std::vector<FileColumnStatsRecord> InlinedRowStats(const std::vector<ColumnRecord> &columns,
                                                   const std::vector<std::vector<Value>> &rows) {
	std::vector<FileColumnStatsRecord> result;
	size_t value_idx = 0;
	for (auto &column : columns) {
		if (column.parent_column >= 0) {
			continue;
		}
		auto position = value_idx++;
		if (IsDucklakeNestedType(column.type)) {
			continue;
		}
		auto type = BuildColumnType(column, columns);
		FileColumnStatsRecord stats;
		stats.column_id = column.column_id;
		int64_t nulls = 0;
		bool has_nan = false;
		Value min_value, max_value;
		for (auto &row : rows) {
			auto &value = row[position];
			if (value.IsNull()) {
				nulls++;
				continue;
			}
			if (type.id() == LogicalTypeId::FLOAT || type.id() == LogicalTypeId::DOUBLE) {
				if (std::isnan(value.GetValue<double>())) {
					has_nan = true;
					continue;
				}
			}
			if (!HasMinMaxStats(type)) {
				continue;
			}
			if (min_value.IsNull() || value < min_value) {
				min_value = value;
			}
			if (max_value.IsNull() || value > max_value) {
				max_value = value;
			}
		}
		stats.column_size_bytes = Value::BIGINT(0);
		stats.value_count = Value::BIGINT(static_cast<int64_t>(rows.size()) - nulls);
		stats.null_count = Value::BIGINT(nulls);
		stats.min_value = min_value.IsNull() ? Value() : Value(StatsText(min_value));
		stats.max_value = max_value.IsNull() ? Value() : Value(StatsText(max_value));
		if (type.id() == LogicalTypeId::FLOAT || type.id() == LogicalTypeId::DOUBLE) {
			stats.contains_nan = Value::BOOLEAN(has_nan);
		}
		result.push_back(std::move(stats));
	}
	return result;
}

} // namespace ducklake
