// The commit's checks of DucklakeTransaction: conflicts with the snapshots committed since the
// transaction began (commit_conflicts.hpp holds the pure rules), and whether a commit whose
// connection broke during COMMIT landed. The rest of the class is in ducklake_transaction.cpp.
#include "catalog/catalog_snapshot.hpp"
#include "catalog/commit_conflicts.hpp"
#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_schema_entry.hpp"
#include "catalog/ducklake_table_entry.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "metadata/changes_made.hpp"
#include "metadata/concurrent_writes.hpp"
#include "metadata/metadata_error.hpp"
#include "metadata/snapshot_reader.hpp"

#include "duckdb/main/attached_database.hpp"
#include "duckdb/parser/keyword_helper.hpp"

#include <set>

namespace ducklake {

using namespace duckdb; // NOLINT: implements DuckDB's Transaction interface

//! The column ids (all nesting levels) of committed table `table_id` in `snapshot`; empty when absent.
static std::set<int64_t> TableColumnIds(const CatalogSnapshot &snapshot, int64_t table_id) {
	std::set<int64_t> result;
	for (auto &column : snapshot.TableColumns(table_id)) {
		result.insert(column.column_id);
	}
	return result;
}

std::set<int64_t> DucklakeTransaction::ColumnsDroppedSince(const CatalogSnapshot &base_snapshot,
                                                           const CatalogSnapshot &latest_snapshot, int64_t table_id) {
	auto latest_ids = TableColumnIds(latest_snapshot, table_id);
	std::set<int64_t> dropped;
	for (auto id : TableColumnIds(base_snapshot, table_id)) {
		if (!latest_ids.count(id)) {
			dropped.insert(id);
		}
	}
	return dropped;
}

//! Whether a committed table or view id is visible in `snapshot`.
static bool EntryExists(const CatalogSnapshot &snapshot, int64_t id) {
	return snapshot.FindTable(id) || snapshot.FindView(id);
}

std::string DucklakeTransaction::DescribeObject(const std::string &kind, int64_t id) {
	if (base) {
		if (kind == "schema") {
			if (auto name = base->SchemaName(id)) {
				return "schema \"" + *name + "\" (id " + std::to_string(id) + ")";
			}
		}
		auto table = base->FindTable(id);
		auto view = table ? nullptr : base->FindView(id);
		auto schema_name = table  ? base->SchemaName(table->schema_id)
		                   : view ? base->SchemaName(view->schema_id)
		                          : nullptr;
		if (schema_name) {
			auto &name = table ? table->name : view->name;
			return kind + " " + QuoteChangeIdentifier(*schema_name) + "." + QuoteChangeIdentifier(name) + " (id " +
			       std::to_string(id) + ")";
		}
	}
	return kind + " with id " + std::to_string(id);
}

std::set<int64_t> DucklakeTransaction::CheckConflicts(const SnapshotRecord &latest) {
	auto &base_snapshot = base->Snapshot();
	auto conflict = [&](const std::string &what) {
		throw TransactionException("DuckLake commit conflict on catalog \"%s\": %s; nothing was written",
		                           catalog.GetName(), what);
	};
	// Our changes, as changes_made kinds on committed ids (objects we created have no id yet).
	std::vector<CommitChange> ours;
	for (auto &event : changes) {
		if (event.name.empty() && event.id >= local_id_base) {
			continue;
		}
		ours.push_back({event.kind, event.id, event.name});
	}
	for (auto table_id : deletes.TableIds()) {
		if (table_id < local_id_base) {
			ours.push_back({"deleted_from_table", table_id, ""});
		}
	}
	std::vector<ConcurrentCommit> theirs;
	std::set<int64_t> our_delete_tables;
	for (auto &change : ours) {
		if (change.kind == "deleted_from_table") {
			our_delete_tables.insert(change.id);
		}
	}
	std::set<int64_t> concurrent_delete_tables;
	for (auto &entry : ReadChangesAfter(Connection(), base_snapshot.snapshot_id)) {
		ConcurrentCommit commit;
		commit.snapshot_id = entry.first;
		string error;
		if (!ParseChanges(entry.second, commit.changes, error)) {
			throw IOException("Cannot check snapshot %d of DuckLake catalog \"%s\" for commit conflicts: %s",
			                  entry.first, catalog.GetName(), error);
		}
		for (auto &change : commit.changes) {
			if (change.kind == "deleted_from_table") {
				auto table_id = std::strtoll(change.target.c_str(), nullptr, 10);
				if (our_delete_tables.count(table_id)) {
					concurrent_delete_tables.insert(table_id);
				}
			}
		}
		theirs.push_back(std::move(commit));
	}
	auto found = FindCommitConflict(ours, theirs);
	if (found.found) {
		conflict(DescribeCommitConflict(found,
		                                [&](const std::string &kind, int64_t id) { return DescribeObject(kind, id); }));
	}
	if (latest.schema_version == base_snapshot.schema_version) {
		return concurrent_delete_tables; // no object was created, dropped or renamed meanwhile
	}
	// Names and existence as of the latest snapshot: catches what changes_made does not name
	// (a rename onto our new name, a table created in a schema we drop).
	auto latest_catalog = catalog.GetSnapshot(Connection(), latest);
	auto since = " (committed concurrently by snapshot " + std::to_string(latest.snapshot_id) + ")";
	for (auto &schema : new_schemas) {
		if (latest_catalog->GetSchema(schema->name)) {
			conflict("cannot create schema \"" + schema->name + "\": another transaction created it" + since);
		}
	}
	for (auto &local : new_entries) {
		auto schema = latest_catalog->GetSchema(local.schema_name);
		if (!schema) {
			if (!GetLocalSchema(local.schema_name)) {
				conflict("cannot create \"" + local.schema_name + "\".\"" + local.entry->name +
				         "\": another transaction dropped its schema" + since);
			}
			continue;
		}
		auto existing = schema->GetCommittedEntry(local.entry->name);
		if (existing) {
			auto existing_id = existing->type == CatalogType::TABLE_ENTRY
			                       ? existing->Cast<DucklakeTableEntry>().record.table_id
			                       : existing->Cast<DucklakeViewEntry>().record.view_id;
			if (!IsEntryDropped(existing_id)) {
				conflict("cannot create \"" + local.schema_name + "\".\"" + local.entry->name +
				         "\": another transaction created that name" + since);
			}
		}
	}
	for (auto id : dropped_schemas) {
		bool found_schema = false;
		for (auto &schema : latest_catalog->Schemas()) {
			if (schema->record.schema_id != id) {
				continue;
			}
			found_schema = true;
			for (auto type : {CatalogType::TABLE_ENTRY, CatalogType::VIEW_ENTRY}) {
				schema->Scan(type, [&](CatalogEntry &entry) {
					auto entry_id = entry.type == CatalogType::TABLE_ENTRY
					                    ? entry.Cast<DucklakeTableEntry>().record.table_id
					                    : entry.Cast<DucklakeViewEntry>().record.view_id;
					if (!IsEntryDropped(entry_id)) {
						conflict("cannot drop " + DescribeObject("schema", id) + ": another transaction created \"" +
						         entry.name + "\" in it" + since);
					}
				});
			}
		}
		if (!found_schema) {
			conflict("cannot drop " + DescribeObject("schema", id) + ": another transaction dropped it" + since);
		}
	}
	for (auto &table_files : written_files) {
		if (table_files.first < local_id_base && !EntryExists(*latest_catalog, table_files.first)) {
			conflict("cannot insert into " + DescribeObject("table", table_files.first) +
			         ": another transaction dropped it" + since);
		}
	}
	for (auto id : dropped_entries) {
		if (!EntryExists(*latest_catalog, id)) {
			conflict("cannot drop " + DescribeObject("table", id) + ": another transaction dropped it" + since);
		}
	}
	CheckAlterConflicts(*latest_catalog);
	return concurrent_delete_tables;
}

void DucklakeTransaction::CommitOrVerify(CommitWriter &writer, const CommitBatch &batch) {
	try {
		writer.Commit();
	} catch (MetadataException &ex) {
		if (ex.Kind() != MetadataErrorKind::CONNECTION_LOST) {
			throw;
		}
		// The connection broke during COMMIT: the snapshot may or may not have landed. Ask again
		// on a new connection; retrying blindly could commit the same files twice.
		bool landed = false;
		try {
			landed = CommitLanded(batch);
		} catch (std::exception &check_error) {
			commit_outcome_unknown = true;
			throw IOException("DuckLake commit on catalog \"%s\": the metadata connection broke during COMMIT and "
			                  "whether snapshot %d landed cannot be checked (%s); the written files are kept. Check "
			                  "ducklake_snapshots('%s') before repeating the transaction.",
			                  catalog.GetName(), batch.snapshot.snapshot_id, ErrorData(check_error).RawMessage(),
			                  catalog.GetName());
		}
		if (!landed) {
			throw; // nothing landed: a retryable failure like any lost connection
		}
	}
}

bool DucklakeTransaction::CommitLanded(const CommitBatch &batch) {
	auto check = catalog.Connect(catalog.GetAttached().GetDatabase());
	auto sid = std::to_string(batch.snapshot.snapshot_id);
	auto literal = [](const std::string &text) {
		return KeywordHelper::WriteQuoted(text, '\'');
	};
	// File names are unique (uuidv7): a file row of ours in that snapshot proves the commit.
	if (!batch.new_data_files.empty()) {
		auto rows =
		    check->Query("SELECT count(*) FROM " + check->TableName("ducklake_data_file") +
		                 " WHERE begin_snapshot = " + sid + " AND path = " + literal(batch.new_data_files[0].path));
		return rows.size() == 1 && rows.Get(0, 0).GetValue<int64_t>() > 0;
	}
	if (!batch.new_delete_files.empty()) {
		auto rows =
		    check->Query("SELECT count(*) FROM " + check->TableName("ducklake_delete_file") +
		                 " WHERE begin_snapshot = " + sid + " AND path = " + literal(batch.new_delete_files[0].path));
		return rows.size() == 1 && rows.Get(0, 0).GetValue<int64_t>() > 0;
	}
	// Catalog-only changes: the snapshot's change text and next ids must be ours.
	auto rows = check->Query("SELECT c.changes_made, s.next_catalog_id, s.next_file_id FROM " +
	                         check->TableName("ducklake_snapshot") + " s JOIN " +
	                         check->TableName("ducklake_snapshot_changes") +
	                         " c ON c.snapshot_id = s.snapshot_id WHERE s.snapshot_id = " + sid);
	return rows.size() == 1 && rows.Get(0, 0).ToString() == batch.changes_made &&
	       rows.Get(0, 1).GetValue<int64_t>() == batch.snapshot.next_catalog_id &&
	       rows.Get(0, 2).GetValue<int64_t>() == batch.snapshot.next_file_id;
}

} // namespace ducklake
