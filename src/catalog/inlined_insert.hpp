//===----------------------------------------------------------------------===//
// Inlined inserts: with data inlining on (data_inlining_row_limit > 0), an INSERT (or the insert
// half of an UPDATE, or a CREATE TABLE AS) of at most that many rows keeps its rows in the
// catalog instead of writing a Parquet file.
//
// Plan shape: DucklakeInsert <- Parquet copy <- DucklakeInlineRows <- input. DucklakeInlineRows
// holds the rows back while there are at most `limit` of them; once one more arrives it passes
// all of them (held and following) on to the copy, and the statement writes Parquet as without
// inlining. When the input ends within the limit the copy received nothing and wrote no file;
// the insert sink then hands the held rows to the transaction (DucklakeTransaction::
// AddInlinedRows), and the commit writes them into the table's inlined data table. The operator
// runs on one thread (its decision is global to the statement).
//
// The limit is the most specific of: the table's data_inlining_row_limit option, the schema's,
// the ATTACH option DATA_INLINING_ROW_LIMIT, the catalog-wide option; 0 or absent is off.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_records.hpp"

#include "duckdb/execution/physical_operator.hpp"
#include "duckdb/common/types/column/column_data_collection.hpp"

#include <string>
#include <vector>

namespace ducklake {

class DucklakeCatalog;

class DucklakeInlineRows : public duckdb::PhysicalOperator {
public:
	static constexpr const duckdb::PhysicalOperatorType TYPE = duckdb::PhysicalOperatorType::EXTENSION;

	DucklakeInlineRows(duckdb::PhysicalPlan &plan, duckdb::vector<duckdb::LogicalType> types, int64_t limit,
	                   duckdb::idx_t estimated_cardinality);

	int64_t limit;

	//! After the statement ran: the held rows when the input stayed within the limit, else null.
	duckdb::unique_ptr<duckdb::ColumnDataCollection> TakeInlinedRows() const;

	duckdb::unique_ptr<duckdb::GlobalOperatorState>
	GetGlobalOperatorState(duckdb::ClientContext &context) const override;
	//! Called once per execution (the operator runs on one thread): starts the held rows afresh,
	//! as DuckDB keeps the global state of a prepared plan between executions.
	duckdb::unique_ptr<duckdb::OperatorState> GetOperatorState(duckdb::ExecutionContext &context) const override;
	duckdb::OperatorResultType Execute(duckdb::ExecutionContext &context, duckdb::DataChunk &input,
	                                   duckdb::DataChunk &chunk, duckdb::GlobalOperatorState &gstate,
	                                   duckdb::OperatorState &state) const override;
	bool ParallelOperator() const override {
		return false;
	}
	std::string GetName() const override {
		return "DUCKLAKE_INLINE_ROWS";
	}
};

//! The data_inlining_row_limit for a table of schema `schema_id` (table `table_id`, -1 for a
//! table not created yet) from the catalog's options and the attach option; 0 = off.
int64_t ResolveInliningLimit(const std::vector<MetadataOptionRecord> &options, const duckdb::Value &attach_limit,
                             int64_t schema_id, int64_t table_id);
//! Parse a data_inlining_row_limit value; throws InvalidInputException naming `where` unless it
//! is an integer from 0 to `max_inlining_row_limit`.
int64_t ParseInliningLimit(const duckdb::Value &value, const std::string &where);
constexpr int64_t max_inlining_row_limit = 1000000;

//! The rows of `collection` as values (one vector per row, in column order).
std::vector<std::vector<duckdb::Value>> CollectionRows(duckdb::ColumnDataCollection &collection);

//! Per-column statistics of inlined rows (`columns`: the table's columns, `rows`: values of its
//! top-level columns in order) in the catalog's text encoding, as a Parquet file's would be:
//! top-level primitive columns only.
std::vector<FileColumnStatsRecord> InlinedRowStats(const std::vector<ColumnRecord> &columns,
                                                   const std::vector<std::vector<duckdb::Value>> &rows);

} // namespace ducklake
