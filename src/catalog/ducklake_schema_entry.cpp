#include "catalog/ducklake_schema_entry.hpp"

#include "catalog/catalog_snapshot.hpp"
#include "catalog/committed_columns.hpp"
#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_table_entry.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "catalog/table_alter.hpp"
#include "storage/column_tree.hpp"
#include "storage/data_path.hpp"

#include "duckdb/catalog/catalog_entry/table_macro_catalog_entry.hpp"
#include "duckdb/common/types/uuid.hpp"
#include "duckdb/parser/keyword_helper.hpp"
#include "duckdb/parser/parsed_data/create_macro_info.hpp"
#include "duckdb/parser/parser.hpp"
#include "duckdb/parser/statement/create_statement.hpp"
#include "duckdb/parser/constraints/not_null_constraint.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/parser/parsed_data/alter_table_info.hpp"
#include "duckdb/parser/parsed_data/comment_on_column_info.hpp"
#include "duckdb/parser/parsed_data/create_view_info.hpp"
#include "duckdb/parser/parsed_data/drop_info.hpp"
#include "duckdb/planner/parsed_data/bound_create_table_info.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements DuckDB's SchemaCatalogEntry interface

DucklakeSchemaEntry::DucklakeSchemaEntry(Catalog &catalog, CreateSchemaInfo &info, SchemaRecord record_p,
                                         int64_t snapshot_id_p, bool transaction_local_p)
    : SchemaCatalogEntry(catalog, info), record(std::move(record_p)), snapshot_id(snapshot_id_p),
      transaction_local(transaction_local_p) {
}

void DucklakeSchemaEntry::AddCommittedTable(const TableRecord &table, CommittedColumns &columns) {
	lock_guard<mutex> guard(entry_lock);
	committed_columns = &columns;
	entry_order.push_back(table.name);
	table_records[table.name] = &table;
}

void DucklakeSchemaEntry::AddCommittedView(const ViewRecord &view) {
	lock_guard<mutex> guard(entry_lock);
	entry_order.push_back(view.name);
	view_records[view.name] = &view;
}

CatalogEntry *DucklakeSchemaEntry::CommittedEntryLocked(const std::string &entry_name) {
	auto built = entries.find(entry_name);
	if (built != entries.end()) {
		return built->second.get();
	}
	unique_ptr<CatalogEntry> entry;
	auto table = table_records.find(entry_name);
	auto view = view_records.find(entry_name);
	if (table != table_records.end()) {
		auto record = *table->second;
		record.columns = committed_columns->Columns(record.table_id, record.name);
		auto info = TableInfoOf(*this, record);
		entry = make_uniq<DucklakeTableEntry>(catalog, *this, *info, std::move(record), snapshot_id, false);
		table_records.erase(table);
	} else if (view != view_records.end()) {
		auto &record = *view->second;
		CreateViewInfo info(*this, record.name);
		info.query = CreateViewInfo::ParseSelect(record.sql);
		if (!record.column_aliases.empty()) {
			for (auto &alias : StringUtil::Split(record.column_aliases, ',')) {
				info.aliases.push_back(alias);
			}
		}
		if (!record.comment.IsNull()) {
			info.comment = record.comment;
		}
		entry = make_uniq<DucklakeViewEntry>(catalog, *this, info, record);
		view_records.erase(view);
	} else {
		return nullptr;
	}
	auto &result = *entry;
	entries[entry_name] = std::move(entry);
	return &result;
}

std::vector<reference<CatalogEntry>> DucklakeSchemaEntry::AllCommittedEntries() {
	CommittedColumns *columns_to_load = nullptr;
	{
		lock_guard<mutex> guard(entry_lock);
		if (table_records.size() > 1) {
			columns_to_load = committed_columns;
		}
	}
	if (columns_to_load) {
		columns_to_load->LoadAll(); // one query for the columns of every table, not one per table
	}
	lock_guard<mutex> guard(entry_lock);
	std::vector<reference<CatalogEntry>> result;
	result.reserve(entry_order.size());
	for (auto &entry_name : entry_order) {
		result.push_back(*CommittedEntryLocked(entry_name));
	}
	return result;
}

optional_ptr<CatalogEntry> DucklakeSchemaEntry::GetCommittedEntry(const std::string &entry_name) {
	lock_guard<mutex> guard(entry_lock);
	return CommittedEntryLocked(entry_name);
}

bool DucklakeSchemaEntry::UsesOverlay(DucklakeTransaction &transaction) const {
	return transaction_local || transaction.Base()->Snapshot().snapshot_id == snapshot_id;
}

static int64_t EntryId(CatalogEntry &entry) {
	if (entry.type == CatalogType::TABLE_ENTRY) {
		return entry.Cast<DucklakeTableEntry>().record.table_id;
	}
	return entry.Cast<DucklakeViewEntry>().record.view_id;
}

static bool MatchesType(CatalogType wanted, CatalogEntry &entry) {
	if (wanted == CatalogType::TABLE_ENTRY || wanted == CatalogType::VIEW_ENTRY) {
		return entry.type == CatalogType::TABLE_ENTRY || entry.type == CatalogType::VIEW_ENTRY;
	}
	return wanted == entry.type;
}

void DucklakeSchemaEntry::Scan(ClientContext &context, CatalogType type,
                               const std::function<void(CatalogEntry &)> &callback) {
	if (type != CatalogType::TABLE_ENTRY && type != CatalogType::VIEW_ENTRY) {
		return;
	}
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	bool overlay = UsesOverlay(transaction);
	for (auto &committed : AllCommittedEntries()) {
		auto &entry = committed.get();
		if (entry.type != type || (overlay && transaction.IsEntryShadowed(EntryId(entry)))) {
			continue;
		}
		callback(entry);
	}
	if (overlay) {
		transaction.ScanLocalEntries(name, [&](CatalogEntry &entry) {
			if (entry.type == type) {
				callback(entry);
			}
		});
	}
}

void DucklakeSchemaEntry::Scan(CatalogType type, const std::function<void(CatalogEntry &)> &callback) {
	for (auto &committed : AllCommittedEntries()) {
		auto &entry = committed.get();
		if (entry.type == type) {
			callback(entry);
		}
	}
}

optional_ptr<CatalogEntry> DucklakeSchemaEntry::LookupEntry(CatalogTransaction transaction,
                                                            const EntryLookupInfo &lookup_info) {
	auto type = lookup_info.GetCatalogType();
	if (type == CatalogType::TABLE_FUNCTION_ENTRY || type == CatalogType::TABLE_MACRO_ENTRY) {
		return LookupCatalogMacro(lookup_info.GetEntryName());
	}
	if (type != CatalogType::TABLE_ENTRY && type != CatalogType::VIEW_ENTRY) {
		return nullptr;
	}
	auto &ducklake_transaction = DucklakeTransaction::Get(transaction);
	auto &entry_name = lookup_info.GetEntryName();
	bool overlay = UsesOverlay(ducklake_transaction);
	if (overlay) {
		auto local = ducklake_transaction.GetLocalEntry(name, entry_name);
		if (local) {
			return local;
		}
	}
	auto entry = GetCommittedEntry(entry_name);
	if (!entry || !MatchesType(type, *entry)) {
		return nullptr;
	}
	if (overlay && ducklake_transaction.IsEntryShadowed(EntryId(*entry))) {
		return nullptr;
	}
	return entry;
}

optional_ptr<CatalogEntry> DucklakeSchemaEntry::CreateTable(CatalogTransaction transaction,
                                                            BoundCreateTableInfo &bound_info) {
	auto &ducklake_catalog = catalog.Cast<DucklakeCatalog>();
	ducklake_catalog.CheckWritable("CREATE TABLE");
	auto &ducklake_transaction = DucklakeTransaction::Get(transaction);
	auto &info = bound_info.Base();
	auto existing = LookupEntry(transaction, EntryLookupInfo(CatalogType::TABLE_ENTRY, info.table));
	if (existing) {
		switch (info.on_conflict) {
		case OnCreateConflict::IGNORE_ON_CONFLICT:
			return nullptr;
		case OnCreateConflict::REPLACE_ON_CONFLICT:
			ducklake_transaction.DropEntry(*existing);
			break;
		default:
			throw CatalogException("Table with name \"%s\" already exists in schema \"%s\"", info.table, name);
		}
	}
	for (auto &constraint : info.constraints) {
		if (constraint->type != ConstraintType::NOT_NULL) {
			throw NotImplementedException("Table \"%s\": DuckLake tables support only NOT NULL constraints, not %s",
			                              info.table, constraint->ToString());
		}
	}
	TableRecord record;
	record.table_id = ducklake_transaction.NextLocalId();
	record.table_uuid = UUID::ToString(UUIDv7::GenerateRandomUUID());
	record.schema_id = this->record.schema_id;
	record.name = info.table;
	record.path = ObjectPath(info.table, "Table");
	record.columns = FlattenColumns(info.columns);
	for (auto &constraint : info.constraints) {
		auto &not_null = constraint->Cast<NotNullConstraint>();
		auto &column = info.columns.GetColumn(not_null.index);
		for (auto &column_record : record.columns) {
			if (column_record.parent_column < 0 && column_record.name == column.Name()) {
				column_record.nulls_allowed = false;
			}
		}
	}
	auto entry = make_uniq<DucklakeTableEntry>(catalog, *this, info, std::move(record),
	                                           ducklake_transaction.Base()->Snapshot().snapshot_id, true);
	return &ducklake_transaction.AddEntry(*this, std::move(entry));
}

optional_ptr<CatalogEntry> DucklakeSchemaEntry::CreateView(CatalogTransaction transaction, CreateViewInfo &info) {
	auto &ducklake_catalog = catalog.Cast<DucklakeCatalog>();
	ducklake_catalog.CheckWritable("CREATE VIEW");
	auto &ducklake_transaction = DucklakeTransaction::Get(transaction);
	auto existing = LookupEntry(transaction, EntryLookupInfo(CatalogType::VIEW_ENTRY, info.view_name));
	if (existing) {
		switch (info.on_conflict) {
		case OnCreateConflict::IGNORE_ON_CONFLICT:
			return nullptr;
		case OnCreateConflict::REPLACE_ON_CONFLICT:
			if (existing->type != CatalogType::VIEW_ENTRY) {
				throw CatalogException("\"%s\" is a table, not a view: CREATE OR REPLACE VIEW cannot replace it",
				                       info.view_name);
			}
			ducklake_transaction.DropEntry(*existing);
			break;
		default:
			throw CatalogException("View with name \"%s\" already exists in schema \"%s\"", info.view_name, name);
		}
	}
	ViewRecord record;
	record.view_id = ducklake_transaction.NextLocalId();
	record.view_uuid = UUID::ToString(UUIDv7::GenerateRandomUUID());
	record.schema_id = this->record.schema_id;
	record.name = info.view_name;
	record.dialect = "duckdb";
	record.sql = info.query->ToString();
	auto entry = make_uniq<DucklakeViewEntry>(catalog, *this, info, std::move(record));
	return &ducklake_transaction.AddEntry(*this, std::move(entry));
}

void DucklakeSchemaEntry::DropEntry(ClientContext &context, DropInfo &info) {
	auto &ducklake_catalog = catalog.Cast<DucklakeCatalog>();
	ducklake_catalog.CheckWritable("DROP");
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	auto entry = LookupEntry(catalog.GetCatalogTransaction(context), EntryLookupInfo(info.type, info.name));
	if (!entry || (info.type == CatalogType::TABLE_ENTRY && entry->type != CatalogType::TABLE_ENTRY) ||
	    (info.type == CatalogType::VIEW_ENTRY && entry->type != CatalogType::VIEW_ENTRY)) {
		if (info.if_not_found == OnEntryNotFound::RETURN_NULL) {
			return;
		}
		throw CatalogException("%s with name \"%s\" does not exist in schema \"%s\"",
		                       info.type == CatalogType::VIEW_ENTRY ? "View" : "Table", info.name, name);
	}
	transaction.DropEntry(*entry);
}

void DucklakeSchemaEntry::Alter(CatalogTransaction transaction, AlterInfo &info) {
	auto &ducklake_catalog = catalog.Cast<DucklakeCatalog>();
	ducklake_catalog.CheckWritable("ALTER");
	auto &ducklake_transaction = DucklakeTransaction::Get(transaction);
	if (info.type == AlterType::SET_COMMENT) {
		auto &comment = info.Cast<SetCommentInfo>();
		auto entry = LookupEntry(transaction, EntryLookupInfo(comment.entry_catalog_type, comment.name));
		if (!entry) {
			throw CatalogException("Cannot comment on \"%s\": it does not exist in schema \"%s\"", comment.name, name);
		}
		TagChange tag;
		tag.object_id = EntryId(*entry);
		tag.key = "comment";
		tag.value = comment.comment_value;
		ducklake_transaction.AddTag(std::move(tag), entry->type == CatalogType::VIEW_ENTRY);
		return;
	}
	if (info.type == AlterType::SET_COLUMN_COMMENT) {
		auto &comment = info.Cast<SetColumnCommentInfo>();
		auto entry = LookupEntry(transaction, EntryLookupInfo(CatalogType::TABLE_ENTRY, comment.name));
		if (!entry || entry->type != CatalogType::TABLE_ENTRY) {
			throw CatalogException("Cannot comment on a column of \"%s\": no such table in schema \"%s\"", comment.name,
			                       name);
		}
		auto &table = entry->Cast<DucklakeTableEntry>();
		for (auto &column : table.record.columns) {
			if (column.parent_column < 0 && StringUtil::CIEquals(column.name, comment.column_name)) {
				TagChange tag;
				tag.object_id = table.record.table_id;
				tag.column_id = column.column_id;
				tag.key = "comment";
				tag.value = comment.comment_value;
				ducklake_transaction.AddTag(std::move(tag), false);
				return;
			}
		}
		throw CatalogException("Table \"%s\" has no column named \"%s\"", comment.name, comment.column_name);
	}
	if (info.type == AlterType::ALTER_TABLE) {
		AlterDucklakeTable(*this, transaction, info.Cast<AlterTableInfo>());
		return;
	}
	throw NotImplementedException("ALTER on DuckLake catalogs is not supported yet by this build (%s)",
	                              info.ToString());
}

optional_ptr<CatalogEntry> DucklakeSchemaEntry::LookupCatalogMacro(const std::string &macro_name) {
	// name, parameters, call of the ducklake_* function after the catalog name
	static const char *const catalog_macros[][3] = {
	    {"snapshots", "", "ducklake_snapshots(%s)"},
	    {"current_snapshot", "", "ducklake_current_snapshot(%s)"},
	    {"last_committed_snapshot", "", "ducklake_last_committed_snapshot(%s)"},
	    {"table_info", "", "ducklake_table_info(%s)"},
	    {"options", "", "ducklake_options(%s)"},
	    {"table_changes", "table_name, start_snapshot, end_snapshot",
	     "ducklake_table_changes(%s, current_schema(), table_name, start_snapshot, end_snapshot)"},
	    {"table_insertions", "table_name, start_snapshot, end_snapshot",
	     "ducklake_table_insertions(%s, current_schema(), table_name, start_snapshot, end_snapshot)"},
	    {"table_deletions", "table_name, start_snapshot, end_snapshot",
	     "ducklake_table_deletions(%s, current_schema(), table_name, start_snapshot, end_snapshot)"},
	    {"list_files", "table_name, schema := NULL", "ducklake_list_files(%s, table_name, schema => schema)"},
	    {"set_commit_message", "author, message, extra_info := NULL",
	     "ducklake_set_commit_message(%s, author, message, extra_info => extra_info)"},
	    {"set_option", "option, value, schema := NULL, table_name := NULL",
	     "ducklake_set_option(%s, option, value, schema => schema, table_name => table_name)"},
	    {"flush_inlined_data", "schema_name := NULL, table_name := NULL",
	     "ducklake_flush_inlined_data(%s, schema_name => schema_name, table_name => table_name)"},
	};
	if (record.schema_id != 0) {
		return nullptr; // the functions live in the default schema, as with the official extension
	}
	lock_guard<mutex> guard(macro_lock);
	auto existing = macros.find(macro_name);
	if (existing != macros.end()) {
		return existing->second.get();
	}
	for (auto &macro : catalog_macros) {
		if (!StringUtil::CIEquals(macro[0], macro_name)) {
			continue;
		}
		auto call = StringUtil::Format(macro[2], KeywordHelper::WriteQuoted(catalog.GetName(), '\''));
		auto sql = StringUtil::Format("CREATE MACRO %s(%s) AS TABLE SELECT * FROM %s", macro[0], macro[1], call);
		Parser parser;
		parser.ParseQuery(sql);
		auto &create = parser.statements[0]->Cast<CreateStatement>();
		auto &info = create.info->Cast<CreateMacroInfo>();
		info.catalog = catalog.GetName();
		info.schema = name;
		info.internal = true;
		auto entry = make_uniq<TableMacroCatalogEntry>(catalog, *this, info);
		auto &result = *entry;
		macros[macro[0]] = std::move(entry);
		return &result;
	}
	return nullptr;
}

static NotImplementedException Unsupported(const std::string &what) {
	return NotImplementedException("DuckLake catalogs do not support %s", what);
}

optional_ptr<CatalogEntry> DucklakeSchemaEntry::CreateIndex(CatalogTransaction, CreateIndexInfo &,
                                                            TableCatalogEntry &) {
	throw Unsupported("indexes");
}
optional_ptr<CatalogEntry> DucklakeSchemaEntry::CreateFunction(CatalogTransaction, CreateFunctionInfo &) {
	throw Unsupported("functions or macros");
}
optional_ptr<CatalogEntry> DucklakeSchemaEntry::CreateSequence(CatalogTransaction, CreateSequenceInfo &) {
	throw Unsupported("sequences");
}
optional_ptr<CatalogEntry> DucklakeSchemaEntry::CreateTableFunction(CatalogTransaction, CreateTableFunctionInfo &) {
	throw Unsupported("table functions");
}
optional_ptr<CatalogEntry> DucklakeSchemaEntry::CreateCopyFunction(CatalogTransaction, CreateCopyFunctionInfo &) {
	throw Unsupported("copy functions");
}
optional_ptr<CatalogEntry> DucklakeSchemaEntry::CreatePragmaFunction(CatalogTransaction, CreatePragmaFunctionInfo &) {
	throw Unsupported("pragma functions");
}
optional_ptr<CatalogEntry> DucklakeSchemaEntry::CreateCollation(CatalogTransaction, CreateCollationInfo &) {
	throw Unsupported("collations");
}
optional_ptr<CatalogEntry> DucklakeSchemaEntry::CreateType(CatalogTransaction, CreateTypeInfo &) {
	throw Unsupported("user-defined types");
}

} // namespace ducklake
