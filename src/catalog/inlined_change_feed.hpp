//===----------------------------------------------------------------------===//
// Inlined rows in the change feed (ducklake_table_changes / _insertions / _deletions).
//
// An inlined row was inserted at its begin_snapshot and deleted at its end_snapshot, so the feed
// of snapshots start..end lists, beside the rows of data and delete files, the inlined rows
// beginning and ending in that range. A ducklake_flush_inlined_data commit (flushed_inlined)
// moves rows without changing them: its ended inlined rows and its data files are left out.
// The rows come as SQL VALUES fragments with the feed's columns (snapshot_id, rowid, then the
// table's current top-level columns), typed by casts.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_connection.hpp"
#include "metadata/metadata_records.hpp"

#include <string>
#include <vector>

namespace ducklake {

struct InlinedChangeFragments {
	std::string inserted; // a SELECT, or "" when no inlined row began in the range
	std::string deleted;  // a SELECT, or "" when no inlined row ended in the range
	//! Snapshots in the range that flushed the table's inlined rows (their data files are no change).
	std::vector<int64_t> flush_snapshots;
};

InlinedChangeFragments InlinedChangeQueries(MetadataConnection &connection, const TableRecord &table, int64_t start,
                                            int64_t end);

} // namespace ducklake
