//===----------------------------------------------------------------------===//
// DucklakeStorageExtension: the `ducklake` storage type of ATTACH.
//
//     ATTACH 'ducklake:meta.ducklake' AS lake (DATA_PATH 'dir/');
//
// Attaching opens (or, when the metadata file is new, creates with the spec's initial rows)
// the DuckLake catalog. Options: DATA_PATH (default '<metadata file>.files/'), READ_ONLY,
// SNAPSHOT_VERSION, SNAPSHOT_TIME, METADATA_SCHEMA, CREATE_IF_NOT_EXISTS (default true),
// OVERRIDE_DATA_PATH (default true: a DATA_PATH given for an existing catalog is used for this
// attach). Unknown options are refused with the list of allowed ones; a file that is not a
// DuckLake catalog, or one of a newer spec version, is refused and left untouched.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/storage/storage_extension.hpp"

namespace ducklake {

class DucklakeStorageExtension : public duckdb::StorageExtension {
public:
	DucklakeStorageExtension();
};

} // namespace ducklake
