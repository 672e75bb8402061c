//===----------------------------------------------------------------------===//
// catalog MaterializedRows: the scan of a table function that computes its whole (small) result
// at bind time (ducklake_* functions, ducklake_metadata_query, ducklake_flush_inlined_data)
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/function/table_function.hpp"

namespace ducklake {

//! Bind data holding the rows the function returns, in output column order.
struct MaterializedRowsData : public duckdb::TableFunctionData {
	duckdb::vector<duckdb::vector<duckdb::Value>> rows;
};

//! Init and scan functions that stream MaterializedRowsData::rows out, a vector at a time.
duckdb::unique_ptr<duckdb::GlobalTableFunctionState> MaterializedRowsInit(duckdb::ClientContext &context,
                                                                          duckdb::TableFunctionInitInput &input);
void MaterializedRowsScan(duckdb::ClientContext &context, duckdb::TableFunctionInput &input, duckdb::DataChunk &output);

} // namespace ducklake
