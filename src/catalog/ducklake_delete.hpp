//===----------------------------------------------------------------------===//
// DucklakeDelete: the sink at the top of DELETE plans on DuckLake tables, and the row identity
// DELETE and UPDATE rely on.
//
// A DuckLake row is identified by the data file it lives in and its position there: the
// Parquet scan's `filename` and `file_row_number` virtual columns, which DucklakeTableEntry
// names as its row-id columns (storage/virtual_columns.hpp). The sink collects (file, position) pairs per thread, hands
// them to the transaction's PendingDeletes when the statement finishes (nothing reaches the catalog before commit;
// the delete files are written ahead in the background, PendingDeletes::StartWrites) and returns the number of rows
// deleted.
//===----------------------------------------------------------------------===//
#pragma once

#include "storage/deleted_positions.hpp"

#include "duckdb/execution/physical_operator.hpp"
#include "duckdb/execution/physical_plan_generator.hpp"
#include "duckdb/planner/operator/logical_delete.hpp"

#include <map>
#include <string>
#include <vector>

namespace ducklake {

class DucklakeTableEntry;

//! Deleted positions per data file path, collected from chunks of (filename, file_row_number).
class RowIdCollector {
public:
	//! Add the rows of `chunk` whose filename is in column `filename_idx` and position in
	//! column `position_idx`.
	void Collect(duckdb::DataChunk &chunk, duckdb::idx_t filename_idx, duckdb::idx_t position_idx);
	std::map<std::string, DeletedPositions> &Positions() {
		return positions_by_file;
	}

private:
	std::map<std::string, DeletedPositions> positions_by_file;
};

class DucklakeDelete : public duckdb::PhysicalOperator {
public:
	static constexpr const duckdb::PhysicalOperatorType TYPE = duckdb::PhysicalOperatorType::EXTENSION;

	DucklakeDelete(duckdb::PhysicalPlan &plan, DucklakeTableEntry &table, std::string directory,
	               duckdb::idx_t filename_idx, duckdb::idx_t position_idx, duckdb::idx_t estimated_cardinality);

	DucklakeTableEntry &table;
	std::string directory;
	duckdb::idx_t filename_idx;
	duckdb::idx_t position_idx;

	duckdb::unique_ptr<duckdb::GlobalSinkState> GetGlobalSinkState(duckdb::ClientContext &context) const override;
	duckdb::unique_ptr<duckdb::LocalSinkState> GetLocalSinkState(duckdb::ExecutionContext &context) const override;
	duckdb::SinkResultType Sink(duckdb::ExecutionContext &context, duckdb::DataChunk &chunk,
	                            duckdb::OperatorSinkInput &input) const override;
	duckdb::SinkCombineResultType Combine(duckdb::ExecutionContext &context,
	                                      duckdb::OperatorSinkCombineInput &input) const override;
	duckdb::SinkFinalizeType Finalize(duckdb::Pipeline &pipeline, duckdb::Event &event, duckdb::ClientContext &context,
	                                  duckdb::OperatorSinkFinalizeInput &input) const override;
	bool IsSink() const override {
		return true;
	}
	bool ParallelSink() const override {
		return true;
	}
	duckdb::SourceResultType GetData(duckdb::ExecutionContext &context, duckdb::DataChunk &chunk,
	                                 duckdb::OperatorSourceInput &input) const override;
	bool IsSource() const override {
		return true;
	}
	std::string GetName() const override {
		return "DUCKLAKE_DELETE";
	}
};

//! The directory of `table`'s files (data_path + schema path + table path).
std::string DucklakeTableDirectory(DucklakeTableEntry &table);

//! Plan DELETE FROM a DuckLake table over `child` (which carries the row-id columns).
duckdb::PhysicalOperator &PlanDucklakeDelete(duckdb::ClientContext &context, duckdb::PhysicalPlanGenerator &planner,
                                             duckdb::LogicalDelete &op, duckdb::PhysicalOperator &child);

} // namespace ducklake
