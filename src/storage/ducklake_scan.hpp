//===----------------------------------------------------------------------===//
// DucklakeScan: reading a DuckLake table through DuckDB's own Parquet scan.
//
// The scan is a copy of `parquet_scan` with a custom MultiFileReader: the file list comes from
// the catalog (no globbing, no directory listing) and the schema comes from the table's columns,
// with columns matched to Parquet fields by field_id = column_id, so renamed columns and files
// written before a column was added read correctly (missing columns read as initial_default).
// DuckDB's reader keeps doing the rest: parallelism over files and row groups, projection and
// filter pushdown, row-group pruning by Parquet statistics.
//
// Files are listed lazily, when the scan starts and its filters are known: filters on integer
// columns go into the metadata query (metadata/file_lister.hpp), so files whose catalog min/max
// stats exclude them are never listed; other filters prune the listed files by their stats
// before any is opened. A scan that never runs (DESCRIBE, EXPLAIN) lists nothing.
// Thread-safety: a file list materialises once, under a lock; the result is immutable.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/file_lister.hpp"
#include "metadata/metadata_records.hpp"
#include "storage/inlined_data_scan.hpp"

#include "duckdb/function/table_function.hpp"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ducklake {

//! One data file as the scan sees it: absolute path plus catalog facts.
struct ScanFile {
	std::string path;
	//! The file's catalog id (-1: not a committed data file, e.g. an inlined pseudo-file).
	int64_t data_file_id = -1;
	int64_t record_count = 0;
	int64_t file_size_bytes = 0;
	duckdb::Value footer_size;
	std::vector<FileColumnStatsRecord> column_stats;
	//! Positions (file row numbers) deleted at the scanned snapshot, sorted; empty = none.
	std::vector<int64_t> deleted_positions;
	//! The committed delete file `deleted_positions` were read from (-1: none). In a listing a
	//! scan received, the positions also hold the scanning transaction's own deletes.
	int64_t delete_file_id = -1;
	//! Row id of the file's first row and the snapshot that added the file (BIGINT; NULL when not
	//! known), for the rowid and snapshot_id virtual columns (storage/virtual_columns.hpp).
	duckdb::Value row_id_start = duckdb::Value(duckdb::LogicalType::BIGINT);
	duckdb::Value snapshot_id = duckdb::Value(duckdb::LogicalType::BIGINT);
	//! Set for an inlined pseudo-file (storage/inlined_data_scan.hpp): its rows, in memory.
	duckdb::shared_ptr<const InlinedScanData> inlined;
};

//! The committed files of one table at one snapshot that a listing returned.
struct ScanFileListing {
	std::vector<ScanFile> files;
};

//! Committed files of one table by path, from the listings scans cached (which keep them alive).
//! A delete file never changes, so a file found here with the delete file id the commit expects
//! holds that delete file's positions without reading it again.
class ScanFileIndex {
public:
	void Add(duckdb::shared_ptr<const ScanFileListing> listing);
	//! The file at `path`, or nullptr when no listing has it.
	const ScanFile *Find(const std::string &path) const;
	const duckdb::shared_ptr<const ScanFileListing> &ListingOf(const std::string &path) const;

private:
	std::vector<duckdb::shared_ptr<const ScanFileListing>> listings;
	std::unordered_map<std::string, std::pair<size_t, const ScanFile *>> by_path;
};

//! Lists the committed files of the scanned table (implemented by the catalog). Called when a scan
//! starts, on the thread initialising it; throws IOException when the metadata store fails.
class ScanFileSource {
public:
	virtual ~ScanFileSource() = default;
	virtual duckdb::shared_ptr<const ScanFileListing> ListFiles(duckdb::ClientContext &context,
	                                                            const ScanFileQuery &query) = 0;
};

//! What the scan of one table at one snapshot reads. Immutable once the scan is bound.
class DucklakeScanInfo : public duckdb::TableFunctionInfo {
public:
	std::string table_name;
	std::vector<ColumnRecord> columns; // the table's columns at the scanned snapshot
	//! The table's partition keys: filters on their columns also prune files by partition value.
	std::vector<PartitionKeyRecord> partition_keys;
	//! The committed files; null for a table created by the scanning transaction.
	duckdb::shared_ptr<ScanFileSource> committed;
	//! Files the scanning transaction wrote and has not committed, with its deletes applied.
	std::vector<ScanFile> local_files;
	//! Rows of the table, for planning before the files are listed.
	int64_t estimated_rows = 0;
	//! When set, executing the scan fails with this message (binding, e.g. DESCRIBE, still works).
	std::string unsupported_reason;
	//! The client that bound the scan (its transaction lists the files).
	duckdb::weak_ptr<duckdb::ClientContext> context;
	//! The scanned table entry (DESCRIBE reads its column definitions through the scan's bind info).
	duckdb::optional_ptr<duckdb::TableCatalogEntry> table;
};

//! Read the positions of a DuckLake positional delete file (columns file_path, pos), sorted.
std::vector<int64_t> ReadDeletedPositions(duckdb::DatabaseInstance &db, const std::string &delete_file_path);

//! Bind a scan of `info` and return the table function to run; `bind_data` receives its state.
duckdb::TableFunction BindDucklakeScan(duckdb::ClientContext &context, duckdb::shared_ptr<DucklakeScanInfo> info,
                                       duckdb::unique_ptr<duckdb::FunctionData> &bind_data);

} // namespace ducklake
