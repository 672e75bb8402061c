//===----------------------------------------------------------------------===//
// ParquetWrite: the plan fragment that writes a DuckLake table's new rows as Parquet files.
//
// Builds DuckDB's own copy operator over `child`: files named ducklake-<uuidv7>.parquet in the
// table directory, Parquet field_id = column id on every node. When the input keeps insertion
// order and supports batch indexes (and no target_file_size is set) it is one file written by
// PhysicalBatchCopyToFile, as a plain ordered COPY; otherwise PhysicalCopyToFile writes one or
// more files in parallel, rotated at the target file size. Either way it returns one statistics row
// per written file (WRITTEN_FILE_STATISTICS: filename, count, file_size_bytes,
// footer_size_bytes, column_statistics, partition_keys). Nothing is registered in the catalog
// here: the caller's sink collects the statistics rows.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_records.hpp"

#include "duckdb/execution/physical_operator.hpp"
#include "duckdb/execution/physical_plan_generator.hpp"
#include "duckdb/function/copy_function.hpp"

#include <string>
#include <vector>

namespace ducklake {

struct ParquetWriteOptions {
	std::string compression = "snappy";
	duckdb::Value compression_level;              // NULL = writer default
	duckdb::Value row_group_size;                 // NULL = writer default
	uint64_t target_file_size_bytes = 1ULL << 29; // 512 MiB, the official default
	bool target_file_size_set = false;            // set by the target_file_size option
	//! The child carries one more BIGINT column after the table's: the rows' row ids, written as
	//! the row lineage column (storage/virtual_columns.hpp). Set by UPDATE and MERGE.
	bool row_lineage = false;
	//! Whether the single ordered-file copy may be used (it needs the child's batch indexes, which a
	//! copy driven by another sink does not get).
	bool allow_ordered = true;
	int64_t inlining_row_limit = 0; // data_inlining_row_limit (0 = off)
};

//! DuckDB's Parquet copy function bound to write the top-level columns of `columns` (names, types
//! and field ids) with `options`; `directory` must exist or be creatable.
struct BoundParquetCopy {
	explicit BoundParquetCopy(duckdb::CopyFunction function_p) : function(std::move(function_p)) {
	}
	duckdb::CopyFunction function;
	duckdb::unique_ptr<duckdb::FunctionData> bind_data;
	duckdb::vector<std::string> names;
	duckdb::vector<duckdb::LogicalType> types;
	std::string expanded_directory; // `directory` as the file system names it
};
BoundParquetCopy BindParquetCopy(duckdb::ClientContext &context, const std::string &directory,
                                 const std::vector<ColumnRecord> &columns, const ParquetWriteOptions &options);

//! Plan the write of `child` (columns in table order) into `directory` (ends with '/').
duckdb::PhysicalOperator &PlanParquetWrite(duckdb::ClientContext &context, duckdb::PhysicalPlanGenerator &planner,
                                           duckdb::PhysicalOperator &child, const std::string &directory,
                                           const std::vector<ColumnRecord> &columns,
                                           const ParquetWriteOptions &options);

} // namespace ducklake
