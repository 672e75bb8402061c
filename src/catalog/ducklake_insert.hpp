//===----------------------------------------------------------------------===//
// DucklakeInsert: the sink at the top of INSERT and CREATE TABLE AS plans on DuckLake tables.
//
// Plan shape: DucklakeInsert <- PhysicalCopyToFile (Parquet, field ids) <- [defaults
// projection] <- input. The copy writes the files and emits one statistics row per file; this
// sink turns them into WrittenDataFile entries of the transaction (nothing reaches the catalog
// before commit) and returns the inserted row count. For CREATE TABLE AS it first creates the
// table in the transaction (when the sink starts, as DuckDB's own insert does).
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_records.hpp"
#include "storage/parquet_write.hpp"

#include "duckdb/execution/physical_operator.hpp"
#include "duckdb/planner/parsed_data/bound_create_table_info.hpp"

namespace ducklake {

class DucklakeCatalog;
class DucklakeInlineRows;
class DucklakeTableEntry;

class DucklakeInsert : public duckdb::PhysicalOperator {
public:
	static constexpr const duckdb::PhysicalOperatorType TYPE = duckdb::PhysicalOperatorType::EXTENSION;

	//! INSERT into an existing table.
	DucklakeInsert(duckdb::PhysicalPlan &plan, DucklakeTableEntry &table, std::string directory,
	               duckdb::idx_t estimated_cardinality);
	//! CREATE TABLE AS: the table is created when the sink starts.
	DucklakeInsert(duckdb::PhysicalPlan &plan, duckdb::SchemaCatalogEntry &schema,
	               duckdb::unique_ptr<duckdb::BoundCreateTableInfo> info, std::string directory,
	               duckdb::idx_t estimated_cardinality);

	DucklakeTableEntry *table = nullptr;
	duckdb::SchemaCatalogEntry *schema = nullptr;
	duckdb::unique_ptr<duckdb::BoundCreateTableInfo> info;
	std::string directory;
	//! Set when data inlining is on: the operator holding back small inputs (inlined_insert.hpp).
	duckdb::optional_ptr<DucklakeInlineRows> inline_rows;

	duckdb::unique_ptr<duckdb::GlobalSinkState> GetGlobalSinkState(duckdb::ClientContext &context) const override;
	duckdb::SinkResultType Sink(duckdb::ExecutionContext &context, duckdb::DataChunk &chunk,
	                            duckdb::OperatorSinkInput &input) const override;
	duckdb::SinkFinalizeType Finalize(duckdb::Pipeline &pipeline, duckdb::Event &event, duckdb::ClientContext &context,
	                                  duckdb::OperatorSinkFinalizeInput &input) const override;
	bool IsSink() const override {
		return true;
	}
	bool ParallelSink() const override {
		return false;
	}
	duckdb::SourceResultType GetData(duckdb::ExecutionContext &context, duckdb::DataChunk &chunk,
	                                 duckdb::OperatorSourceInput &input) const override;
	bool IsSource() const override {
		return true;
	}
	std::string GetName() const override {
		return "DUCKLAKE_INSERT";
	}
};

//! The Parquet writer settings of a table from the catalog options (ducklake_metadata), the most
//! specific scope winning: table, then schema, then global. `table_id` -1: a table not created yet.
ParquetWriteOptions ResolveWriteOptions(duckdb::ClientContext &context, DucklakeCatalog &catalog, int64_t schema_id,
                                        int64_t table_id);

//! Plan an INSERT into `table` over `child` (already in table column order).
duckdb::PhysicalOperator &PlanDucklakeInsert(duckdb::ClientContext &context, duckdb::PhysicalPlanGenerator &planner,
                                             DucklakeTableEntry &table, duckdb::PhysicalOperator &child);

} // namespace ducklake
