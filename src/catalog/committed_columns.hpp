//===----------------------------------------------------------------------===//
// CommittedColumns: the columns of the committed tables of one schema version, read from the
// metadata store when a table's entry is first built.
//
// A catalog of thousands of tables has a hundred thousand column rows; reading and converting
// them all costs more than the rest of ATTACH and the first query together, which needs one
// table. Columns never change within a schema version (every column DDL and comment raises
// it), so the columns read once for a table serve every snapshot of the version, on every
// thread. One table is read with two queries (its column rows through the table_id index); a
// scan of every table asks for all columns at once (LoadAll), never one query per table.
//
// Reads use a connection of their own from the store: the rows visible at a committed snapshot
// never change, so what the caller's transaction sees does not matter. Thread-safe.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_records.hpp"
#include "metadata/metadata_store.hpp"

#include "duckdb/common/mutex.hpp"

#include <memory>
#include <unordered_map>
#include <vector>

namespace ducklake {

class CommittedColumns {
public:
	//! Columns as visible at `snapshot_id` (any snapshot of the schema version).
	CommittedColumns(std::shared_ptr<MetadataStore> store, int64_t snapshot_id);

	//! The columns of committed table `table_id`, in column_order; read on first request.
	//! Throws naming the table when the store holds none for it.
	std::vector<ColumnRecord> Columns(int64_t table_id, const std::string &table_name);
	//! Read the columns of every table in one go, unless done already.
	void LoadAll();

private:
	std::shared_ptr<MetadataStore> store;
	int64_t snapshot_id;
	duckdb::mutex lock;
	bool all_loaded = false;
	std::unordered_map<int64_t, std::vector<ColumnRecord>> columns;
};

} // namespace ducklake
