//===----------------------------------------------------------------------===//
// Commit conflicts: whether the changes of a committing transaction contradict the commits that
// other transactions made since it read its snapshot.
//
// DuckLake commits are optimistic: a transaction reads snapshot B, and when it commits the
// newest snapshot may be L > B. The commits B+1..L are described by their changes_made entries
// (`inserted_into_table:3`, `created_table:"main"."t"`, ...). Our transaction's changes use the
// same kinds. FindCommitConflict applies the rules the official extension applies:
//
//   ours                          conflicts with theirs on the same target
//   inserted_into_table           dropped_table, altered_table
//   deleted_from_table            dropped_table, altered_table, compacted_table (deletes of the
//                                 same data file are found by the caller, file by file)
//   altered_table, dropped_table  any change of the table (drop, alter, insert, delete, compact,
//                                 inlined insert/delete, flush)
//   altered_view, dropped_view    dropped_view, altered_view
//   dropped_schema                dropped_schema
//   created_schema                created_schema of the same name
//   created_table, created_view   created_table or created_view of the same qualified name
//
// Names compare case-insensitively (DuckDB identifiers do). Two inserts into one table, or an
// insert and a delete, never conflict: the loser of the race is renumbered and retried. Pure.
//===----------------------------------------------------------------------===//
#pragma once

#include "metadata/changes_made.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ducklake {

//! One change of the committing transaction: `kind` as in changes_made, `id` for id kinds (a
//! committed id), `name` (the quoted target text) for creations.
struct CommitChange {
	std::string kind;
	int64_t id = -1;
	std::string name;
};

//! The changes_made entries of one snapshot committed by another transaction.
struct ConcurrentCommit {
	int64_t snapshot_id = -1;
	std::vector<SnapshotChange> changes;
};

struct CommitConflict {
	bool found = false;
	CommitChange ours;
	SnapshotChange theirs;
	int64_t snapshot_id = -1;
};

//! The first of `ours` (in order) that one of `theirs` contradicts, with the earliest such
//! snapshot; found=false when the commit may be rebased onto them.
CommitConflict FindCommitConflict(const std::vector<CommitChange> &ours, const std::vector<ConcurrentCommit> &theirs);

//! "cannot insert into table "main"."t" (id 3): another transaction altered it in snapshot 7".
//! `describe_id` names a table, view or schema by kind and id (e.g. `table "main"."t" (id 3)`).
std::string DescribeCommitConflict(const CommitConflict &conflict,
                                   const std::function<std::string(const std::string &kind, int64_t id)> &describe_id);

} // namespace ducklake
