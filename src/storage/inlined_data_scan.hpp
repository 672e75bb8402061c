//===----------------------------------------------------------------------===//
// Inlined data in a table scan: rows kept in the catalog (metadata/inlined_data.hpp) read
// beside the Parquet files as if they were one more file.
//
// A table's scan lists, besides its data files, one pseudo-file per inlined data table (and one
// for the transaction's own uncommitted inlined inserts). Its "path" starts with
// `inlined_data_path_prefix`, so it can never be a data file's path, and its rows are already in
// memory, read at listing time: the multi-file scan opens it with InlinedDataFileReader instead
// of the Parquet reader. Its columns carry field ids (the column ids) like Parquet columns, so
// the scan's column mapping handles renamed, added (initial_default) and dropped columns the
// same way for both. Its `file_row_number` is the row's row_id (for uncommitted rows: the
// row's index among the transaction's inlined rows of the table), which is what a DELETE or
// UPDATE of the row records; deleted row numbers are skipped by the reader.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_records.hpp"

#include "duckdb/common/multi_file/base_file_reader.hpp"
#include "duckdb/common/mutex.hpp"
#include "duckdb/common/multi_file/multi_file_data.hpp"
#include "duckdb/common/types/column/column_data_collection.hpp"

#include <string>
#include <vector>

namespace ducklake {

//! Paths of inlined pseudo-files start with this.
extern const char *const inlined_data_path_prefix;
//! Whether `path` names an inlined pseudo-file.
bool IsInlinedDataPath(const std::string &path);

//! The rows of one inlined pseudo-file, typed as the scanned table's current columns.
struct InlinedScanData {
	//! The reader's columns: the table's current top-level columns that the inlined rows have
	//! (field id = column id).
	duckdb::vector<duckdb::MultiFileColumnDefinition> columns;
	//! One column per entry of `columns`, then the row number (BIGINT).
	duckdb::unique_ptr<duckdb::ColumnDataCollection> rows;
};

//! Type stored rows for a scan of a table whose current columns are `table_columns`:
//! `stored_column_ids[i]` is the column id of value i of each row of `rows`; values of columns the
//! table no longer has are dropped, the rest are cast to the current type.
duckdb::shared_ptr<const InlinedScanData> BuildInlinedScanData(const std::vector<ColumnRecord> &table_columns,
                                                               const std::vector<int64_t> &stored_column_ids,
                                                               const std::vector<std::vector<duckdb::Value>> &rows,
                                                               const std::vector<int64_t> &row_numbers);

//! Reads one inlined pseudo-file: projection, row numbers, deleted rows and the scan's filters.
class InlinedDataFileReader : public duckdb::BaseFileReader {
public:
	//! `deleted_row_numbers` is sorted.
	InlinedDataFileReader(duckdb::OpenFileInfo file, duckdb::shared_ptr<const InlinedScanData> data,
	                      std::vector<int64_t> deleted_row_numbers);

	void AddVirtualColumn(duckdb::column_t virtual_column_id) override;
	bool TryInitializeScan(duckdb::ClientContext &context, duckdb::GlobalTableFunctionState &gstate,
	                       duckdb::LocalTableFunctionState &lstate) override;
	void Scan(duckdb::ClientContext &context, duckdb::GlobalTableFunctionState &global_state,
	          duckdb::LocalTableFunctionState &local_state, duckdb::DataChunk &chunk) override;
	std::string GetReaderType() const override {
		return "DuckLake inlined data";
	}

private:
	duckdb::shared_ptr<const InlinedScanData> data;
	std::vector<int64_t> deleted_row_numbers;
	duckdb::mutex lock;
	bool scan_started = false;
	duckdb::ColumnDataScanState scan_state;
	duckdb::DataChunk scan_chunk;
};

} // namespace ducklake
