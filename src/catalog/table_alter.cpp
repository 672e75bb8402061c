#include "catalog/table_alter.hpp"

#include "catalog/catalog_snapshot.hpp"
#include "catalog/column_changes.hpp"
#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_schema_entry.hpp"
#include "catalog/ducklake_table_entry.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "catalog/partition_spec.hpp"
#include "storage/column_tree.hpp"

#include "duckdb/main/client_context.hpp"
#include "duckdb/main/connection.hpp"
#include "duckdb/parser/constraints/not_null_constraint.hpp"
#include "duckdb/parser/keyword_helper.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements ALTER on DuckDB catalog entries

namespace {

std::string Quoted(const std::string &name) {
	return KeywordHelper::WriteQuoted(name, '"');
}

//! Count the rows of a committed table (at `snapshot_id`) for which `condition` holds, through a
//! separate connection: the ALTER's own client context is busy running the statement.
int64_t CountCommittedRows(ClientContext &context, DucklakeTableEntry &table, const std::string &table_name,
                           int64_t snapshot_id, const std::string &condition) {
	Connection connection(*context.db);
	auto sql = "SELECT count(*) FROM " + Quoted(table.catalog.GetName()) + "." + Quoted(table.schema.name) + "." +
	           Quoted(table_name) + " AT (VERSION => " + std::to_string(snapshot_id) + ")" +
	           (condition.empty() ? "" : " WHERE " + condition);
	auto result = connection.Query(sql);
	if (result->HasError()) {
		throw IOException("Cannot check the rows of table \"%s\": %s", table_name, result->GetError());
	}
	return result->GetValue(0, 0).GetValue<int64_t>();
}

//! Throw unless column `column_id` of `table` (as this transaction sees it) holds no NULL. Rows
//! this transaction deleted still count: the check errs on the side of refusing.
void CheckNoNulls(ClientContext &context, DucklakeTransaction &transaction, DucklakeTableEntry &table,
                  const TableRecord &altered, int64_t column_id) {
	const ColumnRecord *column = nullptr;
	for (auto &record : altered.columns) {
		if (record.column_id == column_id) {
			column = &record;
		}
	}
	if (!column) {
		throw InternalException("SET NOT NULL: column %d vanished from table \"%s\"", column_id, table.name);
	}
	auto refuse = [&]() {
		return CatalogException("Cannot SET NOT NULL on column \"%s\" of table \"%s\": the column holds NULL values "
		                        "(update or delete those rows first)",
		                        column->name, table.name);
	};
	if (!table.transaction_local) {
		// The committed rows, read at the table's snapshot under its committed names.
		auto committed = transaction.Base()->GetSchema(table.schema.name);
		optional_ptr<CatalogEntry> committed_entry;
		if (committed) {
			committed->Scan(CatalogType::TABLE_ENTRY, [&](CatalogEntry &entry) {
				if (entry.Cast<DucklakeTableEntry>().record.table_id == table.record.table_id) {
					committed_entry = &entry;
				}
			});
		}
		if (committed_entry) {
			auto &committed_table = committed_entry->Cast<DucklakeTableEntry>();
			const ColumnRecord *committed_column = nullptr;
			for (auto &record : committed_table.record.columns) {
				if (record.column_id == column_id) {
					committed_column = &record;
				}
			}
			std::string condition;
			if (committed_column) {
				condition = Quoted(committed_column->name) + " IS NULL";
			} else if (!column->initial_default.IsNull()) {
				condition = "false"; // added in this transaction with a default: older rows read as it
			}
			if (CountCommittedRows(context, committed_table, committed_table.name, committed_table.snapshot_id,
			                       condition) > 0) {
				throw refuse();
			}
		}
	}
	// Rows this transaction inserted: their file statistics count the NULLs.
	for (auto &file : transaction.GetWrittenFiles(table.record.table_id)) {
		bool has_stats = false;
		for (auto &stats : file.column_stats) {
			if (stats.column_id != column_id) {
				continue;
			}
			has_stats = true;
			if (stats.null_count.IsNull() || stats.null_count.GetValue<int64_t>() > 0) {
				throw refuse();
			}
		}
		if (!has_stats && file.record_count > 0 && column->initial_default.IsNull()) {
			throw refuse(); // written before the column existed: its rows read as NULL
		}
	}
}

//! SET / RESET PARTITIONED BY: the table with its new keys under a new (provisional) partition id.
TableAlteration AlterPartitioning(DucklakeTransaction &transaction, DucklakeTableEntry &table,
                                  const SetPartitionedByInfo &info) {
	TableAlteration alteration;
	alteration.record = table.record;
	auto keys = BindPartitionKeys(table.record, info.partition_keys);
	if (SamePartitionKeys(keys, table.record.partition_keys)) {
		return alteration;
	}
	// Files written here under a partitioning set here name its provisional id, which is only
	// written at commit if it is still the table's partitioning then.
	if (table.record.partition_id >= DucklakeTransaction::local_id_base) {
		for (auto &file : transaction.GetWrittenFiles(table.record.table_id)) {
			if (file.partition_id == table.record.partition_id) {
				throw NotImplementedException(
				    "Cannot change the partitioning of table \"%s\" again in this "
				    "transaction: rows were inserted under the partitioning set in it; commit "
				    "them first",
				    table.name);
			}
		}
	}
	alteration.changed = true;
	alteration.record.partition_keys = std::move(keys);
	alteration.record.partition_id = alteration.record.partition_keys.empty() ? -1 : transaction.NextLocalId();
	return alteration;
}

} // namespace

unique_ptr<CreateTableInfo> TableInfoOf(SchemaCatalogEntry &schema, const TableRecord &record) {
	auto info = make_uniq<CreateTableInfo>(schema, record.name);
	info->columns = BuildColumnList(record.columns);
	idx_t logical_index = 0;
	for (auto &column : record.columns) {
		if (column.parent_column >= 0) {
			continue;
		}
		if (!column.nulls_allowed) {
			info->constraints.push_back(make_uniq<NotNullConstraint>(LogicalIndex(logical_index)));
		}
		logical_index++;
	}
	if (!record.comment.IsNull()) {
		info->comment = record.comment;
	}
	return info;
}

void AlterDucklakeTable(DucklakeSchemaEntry &schema, CatalogTransaction transaction, AlterTableInfo &info) {
	auto &ducklake_transaction = DucklakeTransaction::Get(transaction);
	auto entry = schema.LookupEntry(transaction, EntryLookupInfo(CatalogType::TABLE_ENTRY, info.name));
	if (!entry) {
		if (info.if_not_found == OnEntryNotFound::RETURN_NULL) {
			return;
		}
		throw CatalogException("Table with name \"%s\" does not exist in schema \"%s\"", info.name, schema.name);
	}
	if (entry->type != CatalogType::TABLE_ENTRY) {
		throw CatalogException("\"%s\" is a view, not a table: ALTER TABLE cannot change it", info.name);
	}
	auto &table = entry->Cast<DucklakeTableEntry>();
	CheckPartitionColumnsKept(table.record, info);
	auto alteration = info.alter_table_type == AlterTableType::SET_PARTITIONED_BY
	                      ? AlterPartitioning(ducklake_transaction, table, info.Cast<SetPartitionedByInfo>())
	                      : AlterTableRecord(table.record, info, ducklake_transaction.NextColumnId(table));
	if (!alteration.changed) {
		return;
	}
	if (alteration.renamed) {
		auto clash = schema.LookupEntry(transaction, EntryLookupInfo(CatalogType::TABLE_ENTRY, alteration.record.name));
		if (clash && clash.get() != entry.get()) {
			throw CatalogException("Cannot rename table \"%s\" to \"%s\": \"%s\" already exists in schema \"%s\"",
			                       table.name, alteration.record.name, clash->name, schema.name);
		}
	}
	if (alteration.check_not_null_column_id >= 0) {
		CheckNoNulls(transaction.GetContext(), ducklake_transaction, table, alteration.record,
		             alteration.check_not_null_column_id);
	}
	auto create_info = TableInfoOf(schema, alteration.record);
	create_info->comment = table.comment;
	auto altered = make_uniq<DucklakeTableEntry>(table.catalog, schema, *create_info, std::move(alteration.record),
	                                             table.snapshot_id, table.transaction_local);
	ducklake_transaction.AlterEntry(table, std::move(altered));
}

} // namespace ducklake
