//===----------------------------------------------------------------------===//
// DucklakeRowChangeSink: the sink that applies one kind of row change to a DuckLake table, for
// UPDATE and for each action of MERGE INTO.
//
// Input chunks carry whatever the statement computed; the sink reads from them
// - the identity of the rows it replaces or removes (the row-id columns filename,
//   file_row_number: storage/virtual_columns.hpp), and records those rows as deleted in the
//   transaction's PendingDeletes; and/or
// - the new rows, computed by `new_rows` (one expression per table column, in table order), which
//   it writes as Parquet files through copy operators it drives itself (they are not part of the
//   pipeline: this sink calls their Sink/Combine/Finalize and reads their statistics rows).
// An update keeps row lineage: a new row whose old row had a row id (the input's `rowid` column,
// which DucklakeTableEntry::BindUpdateConstraints adds to updates) is written with it in the
// lineage column, so `rowid` stays the same across UPDATE as the format asks; a row without one
// (inserted by this transaction, not committed yet) is written as a plain new row.
//
// Nothing reaches the catalog before commit: the written files and deletes join the
// transaction. A target row reached twice by one statement is an error naming the statement
// (the statement is not applied: its files are removed). The sink returns the number of rows it
// changed. Parallel: per-thread states, merged under a lock in Combine.
//===----------------------------------------------------------------------===//
#pragma once

#include "storage/parquet_write.hpp"

#include "duckdb/execution/physical_operator.hpp"
#include "duckdb/execution/physical_plan_generator.hpp"
#include "duckdb/planner/expression.hpp"

namespace ducklake {

class DucklakeTableEntry;

class DucklakeRowChangeSink : public duckdb::PhysicalOperator {
public:
	static constexpr const duckdb::PhysicalOperatorType TYPE = duckdb::PhysicalOperatorType::EXTENSION;

	//! `statement` names the statement in errors ("UPDATE", "MERGE INTO"). `row_id_idx` is the input
	//! column of the row-id columns filename, file_row_number (invalid: the sink only inserts).
	//! `new_rows` empty: the sink only deletes. `lineage_idx` valid: the input column holding the
	//! old rows' rowid, which the new rows keep.
	DucklakeRowChangeSink(duckdb::PhysicalPlan &plan, DucklakeTableEntry &table, std::string statement,
	                      duckdb::optional_idx row_id_idx,
	                      duckdb::vector<duckdb::unique_ptr<duckdb::Expression>> new_rows,
	                      duckdb::optional_idx lineage_idx, duckdb::idx_t estimated_cardinality);

	DucklakeTableEntry &table;
	std::string statement;
	std::string directory;
	duckdb::optional_idx row_id_idx;
	duckdb::vector<duckdb::unique_ptr<duckdb::Expression>> new_rows;
	duckdb::optional_idx lineage_idx;
	//! Writers of new rows without and with the lineage column (set by PlanCopies; null when
	//! unused). Plain pointers: the const sink methods drive them and hand them their sink state.
	duckdb::PhysicalOperator *plain_copy = nullptr;
	duckdb::PhysicalOperator *lineage_copy = nullptr;

	//! Plan the copy operators the sink writes through (call once, after construction).
	void PlanCopies(duckdb::ClientContext &context, duckdb::PhysicalPlanGenerator &planner);
	//! A copy of `input` into the table's directory, partitioned as the table is.
	duckdb::PhysicalOperator &PlanWrite(duckdb::ClientContext &context, duckdb::PhysicalPlanGenerator &planner,
	                                    duckdb::PhysicalOperator &input, const ParquetWriteOptions &options);

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
		return "DUCKLAKE_ROW_CHANGES";
	}
};

} // namespace ducklake
