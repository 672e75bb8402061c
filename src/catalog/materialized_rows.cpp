#include "catalog/materialized_rows.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements DuckDB table function callbacks

namespace {

struct MaterializedRowsState : public GlobalTableFunctionState {
	idx_t next_row = 0;
};

} // namespace

unique_ptr<GlobalTableFunctionState> MaterializedRowsInit(ClientContext &context, TableFunctionInitInput &input) {
	return make_uniq<MaterializedRowsState>();
}

void MaterializedRowsScan(ClientContext &context, TableFunctionInput &input, DataChunk &output) {
	auto &data = input.bind_data->Cast<MaterializedRowsData>();
	auto &state = input.global_state->Cast<MaterializedRowsState>();
	idx_t count = 0;
	while (state.next_row < data.rows.size() && count < STANDARD_VECTOR_SIZE) {
		auto &row = data.rows[state.next_row++];
		for (idx_t column_idx = 0; column_idx < row.size(); column_idx++) {
			output.SetValue(column_idx, count, row[column_idx]);
		}
		count++;
	}
	output.SetCardinality(count);
}

} // namespace ducklake
