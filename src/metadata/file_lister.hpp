//===----------------------------------------------------------------------===//
// FileLister: the data and delete files of a table visible at a snapshot.
//
// Read-only. A listing takes at most two queries per table (files, then their column stats when
// asked for), never one per file. Files come back in data_file_id order, which is insertion
// order, so scans return rows in the order they were inserted.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_connection.hpp"
#include "metadata/metadata_records.hpp"

#include <vector>

namespace ducklake {

class FileLister {
public:
	explicit FileLister(MetadataConnection &connection);

	//! Data files of `table_id` visible at `snapshot_id`; with `with_stats`, each carries its
	//! ducklake_file_column_stats rows (for pruning).
	std::vector<DataFileRecord> ListDataFiles(int64_t table_id, int64_t snapshot_id, bool with_stats);
	//! Delete files of `table_id` visible at `snapshot_id`.
	std::vector<DeleteFileRecord> ListDeleteFiles(int64_t table_id, int64_t snapshot_id);
	//! Names of the ducklake_inlined_data_* tables registered for `table_id`.
	std::vector<std::string> ListInlinedDataTables(int64_t table_id);

private:
	MetadataConnection &connection;
};

} // namespace ducklake
