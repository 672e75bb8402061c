//===----------------------------------------------------------------------===//
// FileLister: the data and delete files of a table visible at a snapshot.
//
// Read-only. A listing takes a fixed number of queries per table (never one per file). Files
// come back in data_file_id order, which is insertion order, so scans return rows in the order
// they were inserted.
//
// ListScanFiles is what a table scan asks for: the scan's filters on integer columns become
// bounds checked against ducklake_file_column_stats inside the listing query itself, so a file
// that cannot hold a matching row never leaves the metadata store; each listed file comes with
// its visible delete file, and with the stats of the columns the caller still prunes on itself.
// The SQL is the same on every store (DuckDB, SQLite, PostgreSQL): stats strings are cast to
// BIGINT only for the rows of the bounded column (a CASE guards the cast), in a NOT EXISTS per
// bounded column correlated on the file id (an index lookup per file of the table on
// PostgreSQL and SQLite, a hash anti-join on DuckDB).
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_connection.hpp"
#include "metadata/metadata_records.hpp"
#include "metadata/partition_bounds.hpp"

#include <string>
#include <vector>

namespace ducklake {

//! One comparison `column <op> value` that every row a scan returns satisfies. A file whose
//! min/max stats of the column prove that none of its rows can satisfy it is not listed; a
//! file without stats for the column always is.
struct StatsBound {
	enum class Comparison { EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL };
	int64_t column_id = -1;
	Comparison comparison = Comparison::EQUAL;
	//! Integer columns only: the stats strings of the column must be decimal integers.
	int64_t value = 0;
};

//! What a scan asks of the listing.
struct ScanFileQuery {
	//! Checked in the listing query.
	std::vector<StatsBound> bounds;
	//! Checked in the listing query against the files' partition values.
	std::vector<PartitionBound> partition_bounds;
	//! Columns whose ducklake_file_column_stats rows each listed file carries (sorted, unique).
	std::vector<int64_t> stats_column_ids;

	//! A text naming the query exactly (equal keys list equal files at one snapshot).
	std::string Key() const;
};

//! A data file as a scan lists it, with the delete file visible at the same snapshot.
struct ScanFileRecord {
	DataFileRecord data_file;     // column_stats: only the columns asked for
	bool has_delete_file = false; // when true, delete_file holds its path
	DeleteFileRecord delete_file;
};

struct TableScanFacts {
	int64_t estimated_record_count = 0;
	std::string inlined_data_table;
};

//! SQL condition on the data file alias `file_alias` (a file of table `table_id`) that is false
//! for files whose stats rule out one of `bounds`; "" when there are none. `stats_table` is the
//! qualified ducklake_file_column_stats name. Pure.
std::string StatsBoundsCondition(const std::vector<StatsBound> &bounds, int64_t table_id,
                                 const std::string &stats_table, const std::string &file_alias);

class FileLister {
public:
	explicit FileLister(MetadataConnection &connection);

	//! Data files of `table_id` visible at `snapshot_id`; with `with_stats`, each carries its
	//! ducklake_file_column_stats rows (for pruning).
	std::vector<DataFileRecord> ListDataFiles(int64_t table_id, int64_t snapshot_id, bool with_stats);
	//! The files a scan of `table_id` at `snapshot_id` reads: one query, plus one for the stats
	//! when `query.stats_column_ids` is not empty.
	std::vector<ScanFileRecord> ListScanFiles(int64_t table_id, int64_t snapshot_id, const ScanFileQuery &query);
	//! Delete files of `table_id` visible at `snapshot_id`.
	std::vector<DeleteFileRecord> ListDeleteFiles(int64_t table_id, int64_t snapshot_id);
	//! Names of the ducklake_inlined_data_* tables registered for `table_id`.
	std::vector<std::string> ListInlinedDataTables(int64_t table_id);
	//! What binding a scan of `table_id` needs, in one query: ducklake_table_stats.record_count
	//! (an estimate for planning; 0 without a stats row) and the first registered
	//! ducklake_inlined_data_* table ("" when none).
	TableScanFacts ScanFacts(int64_t table_id);

private:
	MetadataConnection &connection;
};

} // namespace ducklake
