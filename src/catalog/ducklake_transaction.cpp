#include "catalog/ducklake_transaction.hpp"

#include "catalog/catalog_snapshot.hpp"
#include "catalog/commit_conflicts.hpp"
#include "catalog/commit_retry.hpp"
#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_schema_entry.hpp"
#include "catalog/ducklake_table_entry.hpp"
#include "catalog/inlined_insert.hpp"
#include "metadata/changes_made.hpp"
#include "metadata/concurrent_writes.hpp"
#include "metadata/direct_commit_access.hpp"
#include "metadata/metadata_error.hpp"
#include "metadata/snapshot_reader.hpp"
#include "storage/column_stats.hpp"
#include "storage/column_tree.hpp"
#include "storage/data_path.hpp"

#include "duckdb/common/file_system.hpp"
#include "duckdb/common/types/uuid.hpp"
#include "duckdb/main/attached_database.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/parser/parsed_data/create_schema_info.hpp"
#include "duckdb/transaction/meta_transaction.hpp"

#include "duckdb/common/random_engine.hpp"
#include "duckdb/parser/keyword_helper.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

namespace ducklake {

using namespace duckdb; // NOLINT: implements DuckDB's Transaction interface

DucklakeTransaction::DucklakeTransaction(DucklakeCatalog &catalog_p, TransactionManager &manager,
                                         ClientContext &context)
    : Transaction(manager, context), catalog(catalog_p) {
}

DucklakeTransaction::~DucklakeTransaction() {
}

DucklakeTransaction &DucklakeTransaction::Get(ClientContext &context, Catalog &catalog) {
	return Transaction::Get(context, catalog).Cast<DucklakeTransaction>();
}

DucklakeTransaction &DucklakeTransaction::Get(CatalogTransaction transaction) {
	if (!transaction.transaction) {
		throw InternalException("DuckLake catalog used without a transaction");
	}
	return transaction.transaction->Cast<DucklakeTransaction>();
}

MetadataConnection &DucklakeTransaction::Connection() {
	if (!connection) {
		connection = catalog.Connect(catalog.GetAttached().GetDatabase());
	}
	return *connection;
}

shared_ptr<CatalogSnapshot> DucklakeTransaction::Base() {
	if (base) {
		return base;
	}
	SnapshotReader reader(Connection());
	auto &options = catalog.Options();
	SnapshotRecord snapshot;
	if (!options.snapshot_version.IsNull()) {
		if (!reader.SnapshotById(options.snapshot_version.GetValue<int64_t>(), snapshot)) {
			throw InvalidInputException("DuckLake catalog \"%s\" has no snapshot with SNAPSHOT_VERSION %s",
			                            catalog.GetName(), options.snapshot_version.ToString());
		}
	} else if (!options.snapshot_time.IsNull()) {
		if (!reader.SnapshotAtTimestamp(options.snapshot_time, snapshot)) {
			throw InvalidInputException("DuckLake catalog \"%s\" has no snapshot at or before SNAPSHOT_TIME %s",
			                            catalog.GetName(), options.snapshot_time.ToString());
		}
	} else {
		// Every statement of an autocommit session starts here: ask only for the newest id and
		// reuse the cached catalog of that snapshot when there is one. A store that bounds the
		// ids without a query answers when the bound is a snapshot already cached (committed).
		auto direct = DirectAccessOf(Connection());
		int64_t bound = -1;
		if (direct && direct->SnapshotIdUpperBound(bound)) {
			base = catalog.CachedSnapshot(bound);
			if (base) {
				return base;
			}
		}
		auto latest_id = reader.LatestSnapshotId();
		base = catalog.CachedSnapshot(latest_id);
		if (base) {
			return base;
		}
		if (!reader.SnapshotById(latest_id, snapshot)) {
			throw IOException("DuckLake catalog \"%s\": snapshot %d vanished while it was read", catalog.GetName(),
			                  latest_id);
		}
	}
	base = catalog.GetSnapshot(Connection(), snapshot);
	return base;
}

shared_ptr<CatalogSnapshot> DucklakeTransaction::AtClause(const std::string &unit, const Value &value) {
	SnapshotReader reader(Connection());
	SnapshotRecord snapshot;
	if (StringUtil::CIEquals(unit, "VERSION")) {
		Value version;
		string error;
		if (!value.DefaultTryCastAs(LogicalType::BIGINT, version, &error) || version.IsNull()) {
			throw InvalidInputException("AT (VERSION => %s): the version must be a snapshot id (an integer)",
			                            value.ToString());
		}
		if (!reader.SnapshotById(version.GetValue<int64_t>(), snapshot)) {
			throw InvalidInputException("AT (VERSION => %s): DuckLake catalog \"%s\" has no snapshot with that id",
			                            value.ToString(), catalog.GetName());
		}
	} else if (StringUtil::CIEquals(unit, "TIMESTAMP")) {
		Value timestamp;
		string error;
		if (!value.DefaultTryCastAs(LogicalType::TIMESTAMP_TZ, timestamp, &error) || timestamp.IsNull()) {
			throw InvalidInputException("AT (TIMESTAMP => %s): the value must be a timestamp", value.ToString());
		}
		if (!reader.SnapshotAtTimestamp(timestamp, snapshot)) {
			throw InvalidInputException(
			    "AT (TIMESTAMP => %s): DuckLake catalog \"%s\" has no snapshot at or before that time",
			    value.ToString(), catalog.GetName());
		}
	} else {
		throw InvalidInputException("AT (%s => ...): DuckLake supports only VERSION and TIMESTAMP", unit);
	}
	return catalog.GetSnapshot(Connection(), snapshot);
}

void DucklakeTransaction::AddChange(ChangeEvent event) {
	for (auto &existing : changes) {
		if (existing.kind == event.kind && existing.id == event.id && existing.name == event.name) {
			return;
		}
	}
	changes.push_back(std::move(event));
}

DucklakeSchemaEntry &DucklakeTransaction::AddSchema(CreateSchemaInfo &info) {
	SchemaRecord record;
	record.schema_id = NextLocalId();
	record.schema_uuid = UUID::ToString(UUIDv7::GenerateRandomUUID());
	record.name = info.schema;
	record.path = ObjectPath(info.schema, "Schema");
	auto schema =
	    make_uniq<DucklakeSchemaEntry>(catalog, info, std::move(record), Base()->Snapshot().snapshot_id, true);
	auto &result = *schema;
	new_schemas.push_back(std::move(schema));
	AddChange({"created_schema", -1, QuoteChangeIdentifier(info.schema)});
	schema_changed = true;
	return result;
}

optional_ptr<DucklakeSchemaEntry> DucklakeTransaction::GetLocalSchema(const std::string &name) {
	for (auto &schema : new_schemas) {
		if (StringUtil::CIEquals(schema->name, name)) {
			return schema.get();
		}
	}
	return nullptr;
}

void DucklakeTransaction::DropSchema(DucklakeSchemaEntry &schema, bool cascade) {
	vector<reference<CatalogEntry>> contents;
	ScanLocalEntries(schema.name, [&](CatalogEntry &entry) { contents.push_back(entry); });
	if (!schema.transaction_local) {
		for (auto type : {CatalogType::TABLE_ENTRY, CatalogType::VIEW_ENTRY}) {
			schema.Scan(type, [&](CatalogEntry &entry) {
				auto id = entry.type == CatalogType::TABLE_ENTRY ? entry.Cast<DucklakeTableEntry>().record.table_id
				                                                 : entry.Cast<DucklakeViewEntry>().record.view_id;
				if (!IsEntryShadowed(id)) {
					contents.push_back(entry);
				}
			});
		}
	}
	if (!contents.empty() && !cascade) {
		throw CatalogException("Cannot drop schema \"%s\" because it is not empty (it holds \"%s\"); use DROP SCHEMA "
		                       "%s CASCADE to drop its tables and views too",
		                       schema.name, contents[0].get().name, schema.name);
	}
	for (auto &entry : contents) {
		DropEntry(entry.get());
	}
	if (schema.transaction_local) {
		for (auto it = new_schemas.begin(); it != new_schemas.end(); ++it) {
			if (it->get() == &schema) {
				dropped_local_entries.push_back(std::move(*it));
				new_schemas.erase(it);
				break;
			}
		}
		changes.erase(std::remove_if(changes.begin(), changes.end(),
		                             [&](const ChangeEvent &event) {
			                             return event.kind == "created_schema" &&
			                                    event.name == QuoteChangeIdentifier(schema.name);
		                             }),
		              changes.end());
		return;
	}
	dropped_schemas.insert(schema.record.schema_id);
	AddChange({"dropped_schema", schema.record.schema_id, ""});
	schema_changed = true;
}

CatalogEntry &DucklakeTransaction::AddEntry(DucklakeSchemaEntry &schema, unique_ptr<CatalogEntry> entry) {
	auto &result = *entry;
	auto qualified = QuoteChangeIdentifier(schema.name) + "." + QuoteChangeIdentifier(entry->name);
	AddChange({entry->type == CatalogType::TABLE_ENTRY ? "created_table" : "created_view", -1, qualified});
	new_entries.push_back(LocalEntry {schema.name, std::move(entry)});
	schema_changed = true;
	return result;
}

optional_ptr<CatalogEntry> DucklakeTransaction::GetLocalEntry(const std::string &schema_name, const std::string &name) {
	for (auto &local : new_entries) {
		if (StringUtil::CIEquals(local.schema_name, schema_name) && StringUtil::CIEquals(local.entry->name, name)) {
			return local.entry.get();
		}
	}
	for (auto &altered : altered_tables) {
		auto &entry = *altered.second.entry;
		if (StringUtil::CIEquals(altered.second.schema_name, schema_name) && StringUtil::CIEquals(entry.name, name)) {
			return &entry;
		}
	}
	return nullptr;
}

void DucklakeTransaction::ScanLocalEntries(const std::string &schema_name,
                                           const std::function<void(CatalogEntry &)> &callback) {
	for (auto &local : new_entries) {
		if (StringUtil::CIEquals(local.schema_name, schema_name)) {
			callback(*local.entry);
		}
	}
	for (auto &altered : altered_tables) {
		if (StringUtil::CIEquals(altered.second.schema_name, schema_name)) {
			callback(*altered.second.entry);
		}
	}
}

void DucklakeTransaction::DropEntry(CatalogEntry &entry) {
	bool is_table = entry.type == CatalogType::TABLE_ENTRY;
	int64_t id =
	    is_table ? entry.Cast<DucklakeTableEntry>().record.table_id : entry.Cast<DucklakeViewEntry>().record.view_id;
	if (is_table) {
		deletes.DropTable(id);
		inlined.DropTable(id);
		changes.erase(std::remove_if(changes.begin(), changes.end(),
		                             [&](const ChangeEvent &event) {
			                             return (event.kind == "inlined_insert" || event.kind == "inlined_delete") &&
			                                    event.id == id;
		                             }),
		              changes.end());
	}
	for (auto it = new_entries.begin(); it != new_entries.end(); ++it) {
		if (it->entry.get() == &entry) {
			auto qualified = QuoteChangeIdentifier(it->schema_name) + "." + QuoteChangeIdentifier(entry.name);
			changes.erase(std::remove_if(changes.begin(), changes.end(),
			                             [&](const ChangeEvent &event) {
				                             return (event.name == qualified && event.kind.rfind("created_", 0) == 0) ||
				                                    event.id == id;
			                             }),
			              changes.end());
			{
				lock_guard<mutex> guard(files_lock);
				auto files = written_files.find(id);
				if (files != written_files.end()) {
					auto &fs = FileSystem::GetFileSystem(catalog.GetAttached().GetDatabase());
					for (auto &file : files->second) {
						fs.TryRemoveFile(file.absolute_path);
					}
					written_files.erase(files);
				}
			}
			dropped_local_entries.push_back(std::move(it->entry));
			new_entries.erase(it);
			return;
		}
	}
	auto altered = altered_tables.find(id);
	if (altered != altered_tables.end()) {
		// Dropping a table altered here: the alteration goes, the drop ends the committed rows.
		auto renamed = QuoteChangeIdentifier(altered->second.schema_name) + "." + QuoteChangeIdentifier(entry.name);
		changes.erase(std::remove_if(changes.begin(), changes.end(),
		                             [&](const ChangeEvent &event) {
			                             return (event.kind == "altered_table" && event.id == id) ||
			                                    (event.kind == "created_table" && event.name == renamed);
		                             }),
		              changes.end());
		dropped_local_entries.push_back(std::move(altered->second.entry));
		altered_tables.erase(altered);
	}
	dropped_entries.insert(id);
	{
		// Rows this transaction inserted into the table go with it.
		lock_guard<mutex> guard(files_lock);
		auto files = written_files.find(id);
		if (files != written_files.end()) {
			auto &fs = FileSystem::GetFileSystem(catalog.GetAttached().GetDatabase());
			for (auto &file : files->second) {
				fs.TryRemoveFile(file.absolute_path);
			}
			written_files.erase(files);
			changes.erase(std::remove_if(changes.begin(), changes.end(),
			                             [&](const ChangeEvent &event) {
				                             return event.kind == "inserted_into_table" && event.id == id;
			                             }),
			              changes.end());
		}
	}
	if (is_table) {
		dropped_tables.push_back(id);
		AddChange({"dropped_table", id, ""});
	} else {
		dropped_views.push_back(id);
		AddChange({"dropped_view", id, ""});
	}
	schema_changed = true;
}

void DucklakeTransaction::AddTag(TagChange tag, bool is_view) {
	AddChange({is_view ? "altered_view" : "altered_table", tag.object_id, ""});
	tags.push_back(std::move(tag));
	schema_changed = true;
}

void DucklakeTransaction::AddWrittenFiles(DucklakeTableEntry &table, std::vector<WrittenDataFile> files) {
	lock_guard<mutex> guard(files_lock);
	auto id = table.record.table_id;
	written_columns[id] = table.record.columns;
	auto &target = written_files[id];
	for (auto &file : files) {
		target.push_back(std::move(file));
	}
	AddChange({"inserted_into_table", id, ""});
}

void DucklakeTransaction::AddFlushedFile(InlinedChanges::FlushedFile file) {
	auto id = file.table_id;
	inlined.AddFlushedFile(std::move(file));
	AddChange({"flushed_inlined", id, ""});
}

void DucklakeTransaction::AddInlinedRows(DucklakeTableEntry &table, std::vector<std::vector<Value>> rows) {
	auto id = table.record.table_id;
	inlined.AddRows(id, table.record.columns, std::move(rows));
	lock_guard<mutex> guard(files_lock);
	AddChange({"inlined_insert", id, ""});
}

std::vector<WrittenDataFile> DucklakeTransaction::GetWrittenFiles(int64_t table_id) {
	lock_guard<mutex> guard(files_lock);
	auto entry = written_files.find(table_id);
	if (entry == written_files.end()) {
		return {};
	}
	return entry->second;
}

void DucklakeTransaction::SetCommitMessage(Value author_p, Value message_p, Value extra_info_p) {
	author = std::move(author_p);
	commit_message = std::move(message_p);
	commit_extra_info = std::move(extra_info_p);
}

void DucklakeTransaction::SetOption(MetadataOptionRecord option) {
	options.push_back(std::move(option));
}

void DucklakeTransaction::StartDeleteFileWrites(DucklakeTableEntry &table, const std::vector<std::string> &paths) {
	std::set<std::string> local_paths;
	{
		lock_guard<mutex> guard(files_lock);
		auto files = written_files.find(table.record.table_id);
		if (files != written_files.end()) {
			for (auto &file : files->second) {
				local_paths.insert(file.absolute_path);
			}
		}
	}
	auto committed =
	    table.transaction_local ? ScanFileIndex() : catalog.CachedFiles(table.record.table_id, table.snapshot_id);
	deletes.StartWrites(catalog.GetAttached().GetDatabase(), table.record.table_id, paths, committed, local_paths);
}

bool DucklakeTransaction::HasChanges() const {
	return !changes.empty() || !options.empty() || !deletes.Empty();
}

void DucklakeTransaction::Commit() {
	if (!HasChanges()) {
		return;
	}
	catalog.CheckWritable("commit changes");
	auto client = context.lock();
	auto policy = client ? CommitRetryPolicy::FromContext(*client) : CommitRetryPolicy();
	auto &db = catalog.GetAttached().GetDatabase();
	RandomEngine jitter;
	for (int64_t retry_idx = 0;; retry_idx++) {
		try {
			auto snapshot_id = TryCommit();
			if (client) {
				catalog.SetLastCommittedSnapshot(client->GetConnectionId(), snapshot_id);
			}
			break;
		} catch (MetadataException &ex) {
			// This attempt's delete files name nothing in the catalog: the next attempt writes its own.
			deletes.DiscardAttempt(db);
			if (!ex.IsRetryable()) {
				throw;
			}
			if (retry_idx >= policy.max_retry_count) {
				auto reason = ex.Kind() == MetadataErrorKind::CONNECTION_LOST
				                  ? "the metadata store could not be reached"
				                  : "other writers kept winning the race for the next snapshot";
				throw TransactionException("DuckLake commit on catalog \"%s\" failed after %d attempts: %s (the "
				                           "settings ducklake_max_retry_count and ducklake_retry_wait_ms allow more "
				                           "patience); nothing was written. Last error: %s",
				                           catalog.GetName(), retry_idx + 1, reason, ErrorData(ex).RawMessage());
			}
			// Jitter down by up to a quarter so writers that collided do not collide again in lockstep.
			auto wait_ms = policy.WaitMs(retry_idx);
			wait_ms -= static_cast<int64_t>(jitter.NextRandom() * static_cast<double>(wait_ms) / 4);
			std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
		}
	}
	written_files.clear();
	deletes.Committed();
	inlined.Clear();
}

TableStatsRecord DucklakeTransaction::StatsForCommit(CommitWriter &writer, const SnapshotRecord &latest,
                                                     int64_t table_id) {
	TableStatsRecord stats;
	if (!catalog.Cache().TableStats(table_id, latest.snapshot_id, stats)) {
		stats = writer.ReadTableStats(table_id);
	}
	return stats;
}

bool DucklakeTransaction::AddInlinedData(CommitWriter &writer, const SnapshotRecord &latest, CommitBatch &batch,
                                         const std::function<int64_t(int64_t)> &map_id, int64_t &next_file_id) {
	if (inlined.Empty() && InlinedChanges::InlinedDeleteTables(deletes).empty() && new_entries.empty()) {
		return false;
	}
	InlinedChanges::CommitContext context {
	    Connection(),
	    writer,
	    latest,
	    latest.schema_version + 1,
	    schema_changed,
	    deletes,
	    map_id,
	    &next_file_id,
	    catalog.Cache(),
	    [&](int64_t table_id) { return StatsForCommit(writer, latest, table_id); },
	    [&](int64_t id) { return id >= local_id_base || altered_tables.count(id) > 0; },
	    {}};
	// Tables created here with inlining on get their inlined data table at once.
	bool any_new_table = false;
	for (auto &local : new_entries) {
		any_new_table = any_new_table || local.entry->type == CatalogType::TABLE_ENTRY;
	}
	if (any_new_table) {
		auto stored_options = catalog.StoredOptions(Connection(), latest.schema_version);
		for (auto &local : new_entries) {
			if (local.entry->type != CatalogType::TABLE_ENTRY) {
				continue;
			}
			auto &record = local.entry->Cast<DucklakeTableEntry>().record;
			auto schema_id = map_id(record.schema_id);
			if (ResolveInliningLimit(stored_options, catalog.Options().data_inlining_row_limit, schema_id, -1) > 0) {
				context.new_inlining_tables.emplace_back(map_id(record.table_id), record.columns);
			}
		}
	}
	return inlined.AddToBatch(context, batch);
}

int64_t DucklakeTransaction::TryCommit() {
	for (auto table_id : InlinedChanges::InlinedDeleteTables(deletes)) {
		AddChange({"inlined_delete", table_id, ""});
	}
	CommitWriter writer(Connection());
	try {
		// A store that knows its newest snapshot skips reading it when that is still our base.
		auto latest = writer.Begin(base ? base->Snapshot().snapshot_id : -1);
		std::set<int64_t> concurrent_delete_tables;
		if (base && latest.snapshot_id != base->Snapshot().snapshot_id) {
			concurrent_delete_tables = CheckConflicts(latest);
		}
		CommitBatch batch;
		// Provisional ids become catalog ids in creation order.
		std::vector<int64_t> local_ids;
		for (auto &schema : new_schemas) {
			local_ids.push_back(schema->record.schema_id);
		}
		for (auto &local : new_entries) {
			local_ids.push_back(local.entry->type == CatalogType::TABLE_ENTRY
			                        ? local.entry->Cast<DucklakeTableEntry>().record.table_id
			                        : local.entry->Cast<DucklakeViewEntry>().record.view_id);
		}
		// Partitionings set here (SET PARTITIONED BY) take catalog ids too.
		for (auto &local : new_entries) {
			if (local.entry->type == CatalogType::TABLE_ENTRY) {
				auto partition_id = local.entry->Cast<DucklakeTableEntry>().record.partition_id;
				if (partition_id >= local_id_base) {
					local_ids.push_back(partition_id);
				}
			}
		}
		for (auto &altered : altered_tables) {
			if (altered.second.entry->record.partition_id >= local_id_base) {
				local_ids.push_back(altered.second.entry->record.partition_id);
			}
		}
		std::sort(local_ids.begin(), local_ids.end());
		std::map<int64_t, int64_t> id_map;
		auto next_catalog_id = latest.next_catalog_id;
		for (auto id : local_ids) {
			id_map[id] = next_catalog_id++;
		}
		auto map_id = [&](int64_t id) {
			auto entry = id_map.find(id);
			return entry == id_map.end() ? id : entry->second;
		};
		for (auto &schema : new_schemas) {
			auto record = schema->record;
			record.schema_id = map_id(record.schema_id);
			batch.new_schemas.push_back(std::move(record));
		}
		for (auto &local : new_entries) {
			if (local.entry->type == CatalogType::TABLE_ENTRY) {
				auto record = local.entry->Cast<DucklakeTableEntry>().record;
				record.table_id = map_id(record.table_id);
				record.schema_id = map_id(record.schema_id);
				record.partition_id = map_id(record.partition_id);
				batch.new_tables.push_back(std::move(record));
			} else {
				auto record = local.entry->Cast<DucklakeViewEntry>().record;
				record.view_id = map_id(record.view_id);
				record.schema_id = map_id(record.schema_id);
				batch.new_views.push_back(std::move(record));
			}
		}
		batch.dropped_tables = dropped_tables;
		batch.dropped_views = dropped_views;
		batch.dropped_schemas.assign(dropped_schemas.begin(), dropped_schemas.end());
		for (auto tag : tags) {
			tag.object_id = map_id(tag.object_id);
			batch.tags.push_back(std::move(tag));
		}
		auto next_file_id = latest.next_file_id;
		// A column dropped by a commit since our snapshot keeps no table stats, even if our files have it.
		shared_ptr<CatalogSnapshot> latest_catalog;
		if (base && latest.schema_version != base->Snapshot().schema_version) {
			latest_catalog = catalog.GetSnapshot(Connection(), latest);
		}
		for (auto &table_files : written_files) {
			auto table_id = map_id(table_files.first);
			auto stats =
			    table_files.first >= local_id_base ? TableStatsRecord() : StatsForCommit(writer, latest, table_id);
			stats.table_id = table_id;
			std::unordered_map<int64_t, LogicalType> leaf_types;
			for (auto &leaf : LeafColumnsByStatsKey(written_columns[table_files.first])) {
				leaf_types[leaf.second.column_id] = leaf.second.type;
			}
			std::set<int64_t> dropped_columns;
			if (latest_catalog && table_files.first < local_id_base) {
				dropped_columns = ColumnsDroppedSince(*base, *latest_catalog, table_files.first);
			}
			for (auto &file : table_files.second) {
				DataFileRecord record;
				record.data_file_id = next_file_id++;
				record.table_id = table_id;
				record.path = file.file_name;
				record.path_is_relative = true;
				record.record_count = file.record_count;
				record.file_size_bytes = file.file_size_bytes;
				record.footer_size = Value::BIGINT(file.footer_size);
				record.row_id_start = stats.next_row_id;
				record.partition_id =
				    file.partition_id < 0 ? Value(LogicalType::BIGINT) : Value::BIGINT(map_id(file.partition_id));
				record.partition_values = file.partition_values;
				record.column_stats = file.column_stats;
				stats.next_row_id += file.record_count;
				stats.record_count += file.record_count;
				stats.file_size_bytes += file.file_size_bytes;
				std::vector<FileColumnStatsRecord> live_stats;
				for (auto &column_stats : file.column_stats) {
					if (!dropped_columns.count(column_stats.column_id)) {
						live_stats.push_back(column_stats);
					}
				}
				MergeTableColumnStats(stats.columns, live_stats, leaf_types);
				batch.new_data_files.push_back(std::move(record));
			}
			batch.table_stats.push_back(std::move(stats));
		}
		batch.snapshot.snapshot_id = latest.snapshot_id + 1;
		bool raise_schema_version = AddInlinedData(writer, latest, batch, map_id, next_file_id);
		batch.options = options;
		AddAlteredTables(batch);
		for (auto &altered : batch.altered_tables) {
			altered.partition_id = map_id(altered.partition_id);
		}
		std::vector<std::string> change_texts;
		for (auto &event : changes) {
			change_texts.push_back(event.kind + ":" +
			                       (event.name.empty() ? std::to_string(map_id(event.id)) : event.name));
		}
		// Deletes from a data file that another transaction deleted from since our snapshot conflict.
		std::map<int64_t, std::map<int64_t, int64_t>> concurrently_deleted; // table -> data file -> snapshot
		for (auto table_id : concurrent_delete_tables) {
			for (auto &file : ReadFilesDeletedFromAfter(Connection(), table_id, base->Snapshot().snapshot_id)) {
				concurrently_deleted[table_id][file.first] = file.second;
			}
		}
		auto check_delete = [&](int64_t table_id, int64_t data_file_id, const std::string &path) {
			auto table = concurrently_deleted.find(table_id);
			if (table == concurrently_deleted.end() || !table->second.count(data_file_id)) {
				return;
			}
			throw TransactionException("DuckLake commit conflict on catalog \"%s\": cannot delete from %s: another "
			                           "transaction deleted from its data file \"%s\" (id %d) in snapshot %d; nothing "
			                           "was written",
			                           catalog.GetName(), DescribeObject("table", table_id), path, data_file_id,
			                           table->second[data_file_id]);
		};
		// Scans of this transaction listed the committed files at its base snapshot.
		auto cached_files = [&](int64_t table_id) {
			return base && table_id < local_id_base ? catalog.CachedFiles(table_id, base->Snapshot().snapshot_id)
			                                        : ScanFileIndex();
		};
		for (auto &change : deletes.AddToBatch(catalog.GetAttached().GetDatabase(), Connection(), latest.snapshot_id,
		                                       batch, next_file_id, map_id, check_delete, cached_files,
		                                       base ? base->Snapshot().snapshot_id : -1)) {
			change_texts.push_back(change);
		}
		batch.changes_made = JoinChanges(change_texts);
		batch.author = author;
		batch.commit_message = commit_message;
		batch.commit_extra_info = commit_extra_info;
		batch.schema_changed = schema_changed;
		batch.snapshot.snapshot_id = latest.snapshot_id + 1;
		batch.snapshot.schema_version = latest.schema_version + (schema_changed || raise_schema_version ? 1 : 0);
		batch.snapshot.next_catalog_id = next_catalog_id;
		batch.snapshot.next_file_id = next_file_id;
		auto written = writer.Write(batch);
		CommitOrVerify(writer, batch);
		if (base && written.schema_version == base->Snapshot().schema_version) {
			// The next statement's snapshot is most likely this one: it has the catalog rows of the
			// base's schema version, so caching it now spares reading its row back.
			try {
				catalog.GetSnapshot(Connection(), written);
			} catch (std::exception &) {
				// only a cache: the next statement reads the snapshot itself
			}
		}
		// The stats just written are the tables' stats at the new snapshot (not for tables whose
		// columns this commit changed: their column stats rows changed besides).
		std::vector<TableStatsRecord> written_stats;
		for (auto &stats : batch.table_stats) {
			bool altered = false;
			for (auto &table : batch.altered_tables) {
				altered = altered || table.table_id == stats.table_id;
			}
			if (!altered) {
				written_stats.push_back(stats);
			}
		}
		catalog.Cache().StoreTableStats(batch.snapshot.snapshot_id, written_stats);
		return batch.snapshot.snapshot_id;
	} catch (std::exception &) {
		writer.Abort();
		throw;
	}
}

void DucklakeTransaction::Rollback() {
	if (commit_outcome_unknown) {
		// The snapshot may have landed and name these files: removing them could damage the lake.
		written_files.clear();
		deletes.Committed();
		return;
	}
	deletes.Rollback(catalog.GetAttached().GetDatabase());
	{
		auto &fs = FileSystem::GetFileSystem(catalog.GetAttached().GetDatabase());
		for (auto &path : inlined.FlushedPaths()) {
			fs.TryRemoveFile(path);
		}
	}
	inlined.Clear();
	lock_guard<mutex> guard(files_lock);
	auto &fs = FileSystem::GetFileSystem(catalog.GetAttached().GetDatabase());
	for (auto &table_files : written_files) {
		for (auto &file : table_files.second) {
			fs.TryRemoveFile(file.absolute_path);
		}
	}
	written_files.clear();
}

DucklakeTransactionManager::DucklakeTransactionManager(AttachedDatabase &db, DucklakeCatalog &catalog_p)
    : TransactionManager(db), catalog(catalog_p) {
}

Transaction &DucklakeTransactionManager::StartTransaction(ClientContext &context) {
	auto transaction = make_uniq<DucklakeTransaction>(catalog, *this, context);
	auto &result = *transaction;
	lock_guard<mutex> guard(transaction_lock);
	transactions[result] = std::move(transaction);
	return result;
}

ErrorData DucklakeTransactionManager::CommitTransaction(ClientContext &context, Transaction &transaction) {
	auto &ducklake_transaction = transaction.Cast<DucklakeTransaction>();
	ErrorData error;
	try {
		ducklake_transaction.Commit();
	} catch (std::exception &ex) {
		error = ErrorData(ex);
		ducklake_transaction.Rollback();
	}
	lock_guard<mutex> guard(transaction_lock);
	transactions.erase(transaction);
	return error;
}

void DucklakeTransactionManager::RollbackTransaction(Transaction &transaction) {
	transaction.Cast<DucklakeTransaction>().Rollback();
	lock_guard<mutex> guard(transaction_lock);
	transactions.erase(transaction);
}

void DucklakeTransactionManager::Checkpoint(ClientContext &context, bool force) {
}

} // namespace ducklake
