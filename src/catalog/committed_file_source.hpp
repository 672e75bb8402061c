//===----------------------------------------------------------------------===//
// CommittedFileSource: the committed data files of one table at one snapshot, as its scans
// list them (storage/ducklake_scan.hpp asks when a scan starts and its filters are known).
//
// A listing is one metadata query (two when the scan prunes on non-integer columns in memory)
// run on the scanning transaction's metadata connection, plus one read per delete file of a
// listed file. What a committed snapshot holds never changes, so listings are cached in the
// catalog by (table, snapshot, query). Deletes the transaction made but has not committed are
// captured when the scan is bound and applied to every listing it returns.
//===----------------------------------------------------------------------===//
#pragma once

#include "storage/deleted_positions.hpp"
#include "storage/ducklake_scan.hpp"

#include <map>
#include <string>
#include <vector>

namespace ducklake {

class DucklakeCatalog;

class CommittedFileSource : public ScanFileSource {
public:
	//! `directory` is the table's data directory (relative paths resolve against it);
	//! `pending_deletes` maps data file paths to positions the transaction deleted.
	CommittedFileSource(DucklakeCatalog &catalog, int64_t table_id, int64_t snapshot_id, std::string directory,
	                    std::map<std::string, duckdb::shared_ptr<const DeletedPositions>> pending_deletes);

	duckdb::shared_ptr<const ScanFileListing> ListFiles(duckdb::ClientContext &context,
	                                                    const ScanFileQuery &query) override;
	//! The table's top-level columns at the snapshot: listings then also return one inlined
	//! pseudo-file per inlined data table with rows visible at the snapshot (inlined_data_scan.hpp).
	void SetTableColumns(std::vector<ColumnRecord> columns);

private:
	duckdb::shared_ptr<const ScanFileListing> ListFromStore(duckdb::ClientContext &context, const ScanFileQuery &query);
	//! Add one pseudo-file per inlined data table of the table with rows visible at the snapshot.
	void ListInlinedData(MetadataConnection &connection, ScanFileListing &listing);

	DucklakeCatalog &catalog;
	int64_t table_id;
	int64_t snapshot_id;
	std::string directory;
	std::map<std::string, duckdb::shared_ptr<const DeletedPositions>> pending_deletes;
	std::vector<ColumnRecord> table_columns;
	bool read_inlined_data = false;
};

} // namespace ducklake
