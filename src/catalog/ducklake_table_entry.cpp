#include "catalog/ducklake_table_entry.hpp"

#include "catalog/catalog_snapshot.hpp"
#include "catalog/committed_file_source.hpp"
#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_schema_entry.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "metadata/file_lister.hpp"
#include "metadata/snapshot_reader.hpp"
#include "storage/data_path.hpp"
#include "storage/ducklake_scan.hpp"

#include "duckdb/main/client_context.hpp"

#include <map>
#include "duckdb/parser/parsed_data/create_view_info.hpp"
#include "duckdb/storage/statistics/base_statistics.hpp"
#include "duckdb/storage/table_storage_info.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements DuckDB's TableCatalogEntry interface

DucklakeTableEntry::DucklakeTableEntry(Catalog &catalog, SchemaCatalogEntry &schema, CreateTableInfo &info,
                                       TableRecord record_p, int64_t snapshot_id_p, bool transaction_local_p)
    : TableCatalogEntry(catalog, schema, info), record(std::move(record_p)), snapshot_id(snapshot_id_p),
      transaction_local(transaction_local_p) {
}

unique_ptr<BaseStatistics> DucklakeTableEntry::GetStatistics(ClientContext &context, column_t column_id) {
	return nullptr;
}

const TableScanFacts &DucklakeTableEntry::ScanFacts(MetadataConnection &connection) {
	lock_guard<mutex> guard(scan_facts_lock);
	if (!scan_facts_loaded) {
		scan_facts = FileLister(connection).ScanFacts(record.table_id);
		scan_facts_loaded = true;
	}
	return scan_facts;
}

TableFunction DucklakeTableEntry::GetScanFunction(ClientContext &context, unique_ptr<FunctionData> &bind_data) {
	return GetScanFunction(context, bind_data, EntryLookupInfo(CatalogType::TABLE_ENTRY, name));
}

TableFunction DucklakeTableEntry::GetScanFunction(ClientContext &context, unique_ptr<FunctionData> &bind_data,
                                                  const EntryLookupInfo &lookup) {
	auto &ducklake_catalog = catalog.Cast<DucklakeCatalog>();
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	auto &schema_record = schema.Cast<DucklakeSchemaEntry>().record;
	auto directory = TableDirectory(ducklake_catalog.Options().data_path, schema_record.path,
	                                schema_record.path_is_relative, record.path, record.path_is_relative);
	auto info = make_shared_ptr<DucklakeScanInfo>();
	info->table_name = name;
	info->columns = record.columns;
	info->table = this;
	info->partition_keys = record.partition_keys;
	// Committed files are listed when the scan starts, with its filters (CommittedFileSource).
	if (!transaction_local) {
		auto committed = make_shared_ptr<CommittedFileSource>(ducklake_catalog, record.table_id, snapshot_id, directory,
		                                                      transaction.Deletes().PositionsOf(record.table_id));
		auto &facts = ScanFacts(transaction.Connection());
		info->estimated_rows = facts.estimated_record_count;
		if (!facts.inlined_data_table.empty()) {
			committed->SetTableColumns(record.columns);
		}
		info->committed = std::move(committed);
	}
	if (transaction_local || transaction.Base()->Snapshot().snapshot_id == snapshot_id) {
		for (auto &file : transaction.GetWrittenFiles(record.table_id)) {
			ScanFile scan_file;
			scan_file.path = file.absolute_path;
			scan_file.record_count = file.record_count;
			scan_file.file_size_bytes = file.file_size_bytes;
			scan_file.footer_size = Value::BIGINT(file.footer_size);
			scan_file.column_stats = file.column_stats;
			info->estimated_rows += file.record_count;
			info->local_files.push_back(std::move(scan_file));
		}
	}
	if (transaction_local || transaction.Base()->Snapshot().snapshot_id == snapshot_id) {
		ScanFile inlined_file;
		if (transaction.Inlined().LocalScanFile(record.table_id, record.columns, inlined_file)) {
			info->estimated_rows += inlined_file.record_count;
			info->local_files.push_back(std::move(inlined_file));
		}
	}
	transaction.Deletes().Apply(record.table_id, info->local_files);
	return BindDucklakeScan(context, std::move(info), bind_data);
}

TableStorageInfo DucklakeTableEntry::GetStorageInfo(ClientContext &context) {
	TableStorageInfo info;
	return info;
}

DucklakeViewEntry::DucklakeViewEntry(Catalog &catalog, SchemaCatalogEntry &schema, CreateViewInfo &info,
                                     ViewRecord record_p)
    : ViewCatalogEntry(catalog, schema, info), record(std::move(record_p)) {
}

} // namespace ducklake
