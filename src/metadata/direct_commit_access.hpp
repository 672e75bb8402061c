//===----------------------------------------------------------------------===//
// DirectCommitAccess: what a metadata store living inside this DuckDB process offers a commit
// beyond SQL text (the DuckDB-file store; SQLite and PostgreSQL do not offer it).
//
// A commit of one row costs about ten metadata statements, and on a DuckDB store each statement
// is parsed, bound, optimized and scheduled from scratch. Two things make most of them
// unnecessary there:
//
// - Rows can be appended to a catalog table inside the open metadata transaction without a
//   statement (DuckDB's internal appender: the table's constraints are checked, the rows are
//   part of the transaction like an INSERT's, and nothing is planned), and rows found by one
//   column's value can be replaced the same way (a scan of the table's storage, then updates in
//   place, deletes and appends).
// - The newest snapshot id is bounded by the statistics DuckDB keeps of the snapshot table, so
//   a statement whose bound names a snapshot it has cached needs no `max(snapshot_id)` query.
// - The commits of one store queue on one lock held from Begin() to Commit()/Rollback(), so the
//   store knows the newest snapshot when the last commit through it was its own: no read needed.
//   A writer outside that queue (a second lake attached to the same file, SQL on the internal
//   metadata database) is not seen; the committer only trusts the known snapshot when the
//   transaction's own base snapshot, read at its start, is the same one, and a later snapshot of
//   another writer still makes the snapshot id's PRIMARY KEY fail (a retryable conflict).
//
// A MetadataConnection offers this by also deriving from DirectCommitAccess (see
// DirectAccessOf). Every method but SnapshotIdUpperBound is used between Begin() and Commit() on
// the same connection.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/metadata_connection.hpp"
#include "metadata/metadata_records.hpp"

#include <string>
#include <vector>

namespace ducklake {

class DirectCommitAccess {
public:
	virtual ~DirectCommitAccess() = default;

	//! Append `rows` (values in the table's column order, cast to the column types) to catalog
	//! table `table` (a plain name such as "ducklake_snapshot") in the open metadata transaction.
	//! Constraint violations throw the same retryable MetadataException an INSERT would.
	virtual void AppendRows(const std::string &table, const std::vector<std::vector<duckdb::Value>> &rows) = 0;
	//! Make the rows of catalog table `table` whose BIGINT column `key_column` equals `key_value`
	//! be `rows` (full rows as for AppendRows, each with key_value in key_column) in the open
	//! metadata transaction; the table then holds what `DELETE ... WHERE key_column = key_value`
	//! followed by an INSERT of `rows` leaves. A stored row whose first `identity_columns` values
	//! equal a new row's is updated in place where its values differ (and left alone where none
	//! do), new rows without such a stored row are appended, stored rows without a new row are
	//! deleted. A concurrent change of the same rows throws a retryable MetadataException.
	virtual void ReplaceRows(const std::string &table, const std::string &key_column, int64_t key_value,
	                         size_t identity_columns, const std::vector<std::vector<duckdb::Value>> &rows) = 0;
	//! The value NOW() has in the open metadata transaction (TIMESTAMP WITH TIME ZONE).
	virtual duckdb::Value TransactionTime() = 0;
	//! An upper bound of the snapshot ids committed to the store, known without a query (DuckDB
	//! keeps it in the snapshot_id column's statistics, which deletes do not lower): no committed
	//! snapshot has a larger id, so a snapshot with this id that the caller knows was committed is
	//! the newest. False when the store cannot tell. Usable outside of a transaction.
	virtual bool SnapshotIdUpperBound(int64_t &snapshot_id) = 0;
	//! The newest snapshot when the last commit through this store wrote it and no other commit
	//! of the store ran since; false when that is not known.
	virtual bool KnownLatestSnapshot(SnapshotRecord &snapshot) = 0;
	//! The snapshot the open transaction adds: it is the known newest snapshot once Commit()
	//! succeeds. A transaction that commits without announcing one makes the newest unknown.
	virtual void WritingSnapshot(const SnapshotRecord &snapshot) = 0;
};

//! The connection's direct access, or nullptr when its store offers none.
inline DirectCommitAccess *DirectAccessOf(MetadataConnection &connection) {
	return dynamic_cast<DirectCommitAccess *>(&connection);
}

} // namespace ducklake
