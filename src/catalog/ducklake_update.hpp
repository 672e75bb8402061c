//===----------------------------------------------------------------------===//
// DucklakeUpdate: UPDATE on DuckLake tables as a delete plus an insert, as the format stores it.
//
// Plan shape: DucklakeInsert <- PhysicalCopyToFile <- projection (the new rows in table column
// order) <- DucklakeUpdateRowIds <- input. DucklakeTableEntry binds every column into the update
// (LogicalUpdate::BindExtraColumns) so the input carries whole rows plus the row-id columns
// (filename, file_row_number) last. DucklakeUpdateRowIds passes chunks through unchanged and
// records their row ids in the transaction's PendingDeletes; the insert writes the new rows as
// new data files. Both halves reach the catalog at commit, in one snapshot whose changes_made
// reads `inserted_into_table:<id>,deleted_from_table:<id>` as the official extension writes.
// The statement returns the number of updated rows.
//
// Row lineage: the new rows get new row ids (row_id_start of their data file); the spec's
// `_ducklake_internal_row_id` column that would carry the old ids is not written yet.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/execution/physical_operator.hpp"
#include "duckdb/execution/physical_plan_generator.hpp"
#include "duckdb/planner/operator/logical_update.hpp"

namespace ducklake {

class DucklakeTableEntry;

class DucklakeUpdateRowIds : public duckdb::PhysicalOperator {
public:
	static constexpr const duckdb::PhysicalOperatorType TYPE = duckdb::PhysicalOperatorType::EXTENSION;

	DucklakeUpdateRowIds(duckdb::PhysicalPlan &plan, DucklakeTableEntry &table, std::string directory,
	                     duckdb::vector<duckdb::LogicalType> types, duckdb::idx_t filename_idx,
	                     duckdb::idx_t position_idx, duckdb::idx_t estimated_cardinality);

	DucklakeTableEntry &table;
	std::string directory;
	duckdb::idx_t filename_idx;
	duckdb::idx_t position_idx;

	duckdb::OperatorResultType Execute(duckdb::ExecutionContext &context, duckdb::DataChunk &input,
	                                   duckdb::DataChunk &chunk, duckdb::GlobalOperatorState &gstate,
	                                   duckdb::OperatorState &state) const override;
	bool ParallelOperator() const override {
		return true;
	}
	std::string GetName() const override {
		return "DUCKLAKE_UPDATE_ROW_IDS";
	}
};

//! Plan UPDATE of a DuckLake table over `child` (whole rows, then the row-id columns).
duckdb::PhysicalOperator &PlanDucklakeUpdate(duckdb::ClientContext &context, duckdb::PhysicalPlanGenerator &planner,
                                             duckdb::LogicalUpdate &op, duckdb::PhysicalOperator &child);

} // namespace ducklake
