// DucklakeTransaction: the ALTER TABLE part (altered tables, their column ids, their commit rows
// and conflicts). See ducklake_transaction.hpp.
#include "catalog/catalog_snapshot.hpp"
#include "catalog/column_changes.hpp"
#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_schema_entry.hpp"
#include "catalog/ducklake_table_entry.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "metadata/changes_made.hpp"
#include "metadata/snapshot_reader.hpp"

#include "duckdb/catalog/catalog_entry/schema_catalog_entry.hpp"

#include <algorithm>

namespace ducklake {

using namespace duckdb; // NOLINT: implements DuckDB's Transaction interface

namespace {

bool ColumnsChanged(const TableRecord &before, const TableRecord &after) {
	auto diff = DiffTableRecords(before, after);
	return !diff.ended_column_ids.empty() || !diff.new_columns.empty();
}

//! SET / RESET PARTITIONED BY: every new partitioning gets a partition id of its own.
bool PartitioningChanged(const TableRecord &before, const TableRecord &after) {
	return before.partition_id != after.partition_id;
}

optional_ptr<DucklakeTableEntry> FindCommittedTable(const CatalogSnapshot &snapshot, int64_t table_id) {
	optional_ptr<DucklakeTableEntry> result;
	for (auto &schema : snapshot.Schemas()) {
		schema->Scan(CatalogType::TABLE_ENTRY, [&](CatalogEntry &entry) {
			auto &table = entry.Cast<DucklakeTableEntry>();
			if (table.record.table_id == table_id) {
				result = &table;
			}
		});
	}
	return result;
}

} // namespace

int64_t DucklakeTransaction::NextColumnId(DucklakeTableEntry &table) {
	auto table_id = table.record.table_id;
	auto known = max_column_ids.find(table_id);
	if (known == max_column_ids.end()) {
		int64_t committed_max = 0;
		if (table_id < local_id_base) {
			SnapshotReader reader(Connection());
			committed_max = reader.MaxColumnId(table_id);
		}
		known = max_column_ids.emplace(table_id, committed_max).first;
	}
	return MaxValue(known->second, MaxColumnId(table.record.columns)) + 1;
}

void DucklakeTransaction::NoteColumnIds(int64_t table_id, int64_t max_column_id) {
	auto &known = max_column_ids[table_id];
	known = MaxValue(known, max_column_id);
}

CatalogEntry &DucklakeTransaction::AlterEntry(DucklakeTableEntry &table, unique_ptr<DucklakeTableEntry> altered) {
	auto table_id = table.record.table_id;
	auto schema_name = table.schema.name;
	auto old_name = table.name;
	auto old_record = table.record;
	auto qualified = [&](const std::string &name) {
		return QuoteChangeIdentifier(schema_name) + "." + QuoteChangeIdentifier(name);
	};
	auto &result = *altered;
	// Both versions: a column dropped here keeps its id reserved (files written earlier in this
	// transaction may carry it).
	NoteColumnIds(table_id, MaxValue(MaxColumnId(old_record.columns), MaxColumnId(result.record.columns)));
	schema_changed = true;
	for (auto &local : new_entries) {
		if (local.entry.get() != &table) {
			continue;
		}
		// Created in this transaction: the new version is simply what gets created.
		for (auto &event : changes) {
			if (event.kind == "created_table" && event.name == qualified(old_name)) {
				event.name = qualified(result.name);
			}
		}
		dropped_local_entries.push_back(std::move(local.entry)); // binders may still hold it
		local.entry = std::move(altered);
		return result;
	}
	auto existing = altered_tables.find(table_id);
	if (existing == altered_tables.end()) {
		AlteredEntry entry;
		entry.schema_name = schema_name;
		entry.committed = table.record;
		entry.entry = std::move(altered);
		existing = altered_tables.emplace(table_id, std::move(entry)).first;
	} else {
		dropped_local_entries.push_back(std::move(existing->second.entry));
		existing->second.entry = std::move(altered);
	}
	auto &committed = existing->second.committed;
	// A rename is recorded as the official extension does: created_table with the new name.
	if (old_name != committed.name) {
		changes.erase(std::remove_if(changes.begin(), changes.end(),
		                             [&](const ChangeEvent &event) {
			                             return event.kind == "created_table" && event.name == qualified(old_name);
		                             }),
		              changes.end());
	}
	if (result.name != committed.name) {
		AddChange({"created_table", -1, qualified(result.name)});
	}
	if (ColumnsChanged(old_record, result.record) || PartitioningChanged(old_record, result.record)) {
		AddChange({"altered_table", table_id, ""});
	}
	return result;
}

void DucklakeTransaction::AddAlteredTables(CommitBatch &batch) {
	for (auto &altered : altered_tables) {
		auto &current = altered.second.entry->record;
		auto diff = DiffTableRecords(altered.second.committed, current);
		diff.partition_changed = PartitioningChanged(altered.second.committed, current);
		diff.partition_id = current.partition_id;
		diff.partition_keys = current.partition_keys;
		if (!diff.renamed && diff.ended_column_ids.empty() && diff.new_columns.empty() && !diff.partition_changed) {
			continue;
		}
		batch.altered_tables.push_back(std::move(diff));
	}
}

void DucklakeTransaction::CheckAlterConflicts(const CatalogSnapshot &latest) {
	for (auto &altered : altered_tables) {
		auto &committed = altered.second.committed;
		auto current = FindCommittedTable(latest, altered.first);
		std::string what;
		if (!current) {
			what = "table \"" + committed.name + "\" was dropped by another transaction";
		} else if (current->record.name != committed.name || ColumnsChanged(committed, current->record) ||
		           PartitioningChanged(committed, current->record)) {
			what = "table \"" + committed.name + "\" was altered by another transaction";
		} else {
			continue;
		}
		throw TransactionException("DuckLake commit conflict on catalog \"%s\": %s (committed concurrently in "
		                           "snapshot %d or earlier); nothing was written",
		                           catalog.GetName(), what, latest.Snapshot().snapshot_id);
	}
}

} // namespace ducklake
