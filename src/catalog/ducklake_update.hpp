//===----------------------------------------------------------------------===//
// UPDATE on DuckLake tables: a delete plus an insert, as the format stores it, keeping row lineage.
//
// DucklakeTableEntry binds every column into the update (BindUpdateConstraints) so the input
// carries whole rows and the old rows' rowid, then the row-id columns (filename, file_row_number). The plan is
// one DucklakeRowChangeSink (row_change_sink.hpp): it records the old rows as deleted and writes
// the new rows as new data files whose lineage column keeps each row's rowid, as the official
// extension writes them. Both halves reach the catalog at commit, in one snapshot whose
// changes_made reads `inserted_into_table:<id>,deleted_from_table:<id>`. The statement returns
// the number of updated rows; a row matched twice (UPDATE ... FROM with duplicate matches) is an
// error.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/execution/physical_operator.hpp"
#include "duckdb/execution/physical_plan_generator.hpp"
#include "duckdb/planner/operator/logical_update.hpp"

namespace ducklake {

class DucklakeTableEntry;

//! The new rows of an update in table column order: for each column its SET expression (a
//! reference into the input), or its default for `SET c = DEFAULT`. `columns`/`expressions` are
//! parallel, as in LogicalUpdate; every column must be among them.
duckdb::vector<duckdb::unique_ptr<duckdb::Expression>>
UpdatedRowExpressions(DucklakeTableEntry &table, const duckdb::vector<duckdb::PhysicalIndex> &columns,
                      const duckdb::vector<duckdb::unique_ptr<duckdb::Expression>> &expressions,
                      const duckdb::vector<duckdb::unique_ptr<duckdb::Expression>> &bound_defaults);

//! The input column holding the old rows' rowid: the expression BindUpdateConstraints added under
//! `lineage_column_marker` (storage/virtual_columns.hpp).
duckdb::optional_idx LineageInput(const duckdb::vector<duckdb::PhysicalIndex> &columns,
                                  const duckdb::vector<duckdb::unique_ptr<duckdb::Expression>> &expressions);

//! Plan UPDATE of a DuckLake table over `child` (whole rows, then the row-id columns).
duckdb::PhysicalOperator &PlanDucklakeUpdate(duckdb::ClientContext &context, duckdb::PhysicalPlanGenerator &planner,
                                             duckdb::LogicalUpdate &op, duckdb::PhysicalOperator &child);

} // namespace ducklake
