//===----------------------------------------------------------------------===//
// Concurrent writes: what other transactions committed after a given snapshot, read inside the
// committing transaction's metadata transaction for the commit conflict check.
//
// Both functions take a fixed number of queries whatever the number of snapshots, tables or
// files, and throw like MetadataConnection::Query.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_connection.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ducklake {

//! (snapshot_id, changes_made) of every snapshot after `snapshot_id`, in id order; a snapshot
//! without a changes row has an empty text.
std::vector<std::pair<int64_t, std::string>> ReadChangesAfter(MetadataConnection &connection, int64_t snapshot_id);

//! The data files of table `table_id` that got a delete file, or were removed, in a snapshot
//! after `snapshot_id`, with the first such snapshot.
std::vector<std::pair<int64_t, int64_t>> ReadFilesDeletedFromAfter(MetadataConnection &connection, int64_t table_id,
                                                                   int64_t snapshot_id);

} // namespace ducklake
