//===----------------------------------------------------------------------===//
// ducklake_flush_inlined_data(catalog [, schema_name => ..., table_name => ...]): writes the
// inlined rows of a table (every table of a schema, of the catalog) out as one Parquet file per
// table, or per partition of a partitioned table, as part of the calling transaction.
//
// The file holds the rows visible at the transaction's snapshot, in row id order, in the
// table's current columns, each with its row id (column _ducklake_internal_row_id, field id
// 2147483540, which readers of row lineage use). The commit adds the data file (row_id_start =
// its smallest row id), ends the flushed inlined rows at the new snapshot (so earlier snapshots
// still read them from the catalog: history is kept) and records flushed_inlined:<table_id>.
// Row counts and next_row_id do not change; file_size_bytes grows by the file. Returns one row
// (schema_name, table_name, rows_flushed) per table that had inlined rows.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/main/extension/extension_loader.hpp"

namespace ducklake {

void RegisterInlinedFlushFunction(duckdb::ExtensionLoader &loader);

} // namespace ducklake
