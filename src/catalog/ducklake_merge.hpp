//===----------------------------------------------------------------------===//
// MERGE INTO on DuckLake tables.
//
// DuckDB binds MERGE INTO as a join of the source with the target table whose output carries,
// per joined row, what every action needs and the target's row-id columns (filename,
// file_row_number, rowid; NULL when no target row matched). DuckDB's own PhysicalMergeInto sorts
// each chunk into matched / not matched (by target or by source) rows, evaluates the action
// conditions in order and hands each row to the first action that takes it. We plan that operator
// with one DucklakeRowChangeSink (row_change_sink.hpp) per UPDATE, DELETE or INSERT action:
// UPDATE deletes the old row and writes the new one keeping its rowid, DELETE records the row as
// deleted, INSERT writes new rows; DO NOTHING and ERROR are DuckDB's. Everything joins the
// transaction, so a MERGE commits as one snapshot (`inserted_into_table` and/or
// `deleted_from_table`). The statement returns the number of rows the actions changed; a target
// row matched by two source rows is an error. RETURNING is not supported yet.
//
// Implemented as DucklakeCatalog::PlanMergeInto (ducklake_catalog.hpp).
//===----------------------------------------------------------------------===//
#pragma once
