#include "catalog/committed_file_source.hpp"

#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "catalog/pending_deletes.hpp"
#include "metadata/file_lister.hpp"
#include "metadata/inlined_data.hpp"
#include "storage/data_path.hpp"

#include "duckdb/main/client_context.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements a storage interface on DuckDB types

CommittedFileSource::CommittedFileSource(
    DucklakeCatalog &catalog_p, int64_t table_id_p, int64_t snapshot_id_p, std::string directory_p,
    std::map<std::string, duckdb::shared_ptr<const DeletedPositions>> pending_deletes_p)
    : catalog(catalog_p), table_id(table_id_p), snapshot_id(snapshot_id_p), directory(std::move(directory_p)),
      pending_deletes(std::move(pending_deletes_p)) {
}

void CommittedFileSource::SetTableColumns(std::vector<ColumnRecord> columns) {
	table_columns = std::move(columns);
	read_inlined_data = true;
}

shared_ptr<const ScanFileListing> CommittedFileSource::ListFiles(ClientContext &context, const ScanFileQuery &query) {
	auto key = query.Key();
	auto listing = catalog.GetCachedFiles(table_id, snapshot_id, key);
	if (!listing) {
		listing = ListFromStore(context, query);
		catalog.CacheFiles(table_id, snapshot_id, key, listing);
	}
	if (pending_deletes.empty()) {
		return listing;
	}
	auto with_deletes = make_shared_ptr<ScanFileListing>(*listing);
	for (auto &file : with_deletes->files) {
		auto deleted = pending_deletes.find(file.path);
		if (deleted != pending_deletes.end()) {
			MergePositions(file.deleted_positions, *deleted->second);
		}
	}
	return with_deletes;
}

shared_ptr<const ScanFileListing> CommittedFileSource::ListFromStore(ClientContext &context,
                                                                     const ScanFileQuery &query) {
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	std::vector<ScanFileRecord> records;
	auto result = make_shared_ptr<ScanFileListing>();
	{
		// Scans may start on several threads; the metadata connection serves one at a time.
		lock_guard<mutex> guard(transaction.MetadataLock());
		records = FileLister(transaction.Connection()).ListScanFiles(table_id, snapshot_id, query);
		if (read_inlined_data) {
			ListInlinedData(transaction.Connection(), *result);
		}
	}
	result->files.reserve(records.size());
	for (auto &record : records) {
		auto &file = record.data_file;
		ScanFile scan_file;
		scan_file.path = ResolvePath(directory, file.path, file.path_is_relative);
		scan_file.data_file_id = file.data_file_id;
		scan_file.record_count = file.record_count;
		scan_file.file_size_bytes = file.file_size_bytes;
		scan_file.footer_size = file.footer_size;
		scan_file.column_stats = std::move(file.column_stats);
		scan_file.row_id_start = Value::BIGINT(file.row_id_start);
		scan_file.snapshot_id = Value::BIGINT(file.begin_snapshot);
		if (record.has_delete_file) {
			scan_file.deleted_positions = ReadDeletedPositions(
			    *context.db, ResolvePath(directory, record.delete_file.path, record.delete_file.path_is_relative));
			scan_file.delete_file_id = record.delete_file.delete_file_id;
		}
		result->files.push_back(std::move(scan_file));
	}
	return result;
}

void CommittedFileSource::ListInlinedData(MetadataConnection &connection, ScanFileListing &listing) {
	InlinedDataReader reader(connection);
	for (auto &table : reader.ListTables(table_id)) {
		auto rows = reader.ReadVisibleRows(table.table_name, snapshot_id);
		if (rows.size() == 0) {
			continue;
		}
		std::vector<int64_t> column_ids;
		for (auto &column : reader.ListColumns(table)) {
			column_ids.push_back(column.column_id);
		}
		std::vector<int64_t> row_ids;
		std::vector<std::vector<Value>> values;
		for (auto &row : rows.rows) {
			if (row.size() != column_ids.size() + 3) {
				throw IOException("DuckLake inlined data table \"%s\" has %llu columns where its table had %llu at "
				                  "schema version %lld",
				                  table.table_name, row.size() - 3, column_ids.size(), table.schema_version);
			}
			row_ids.push_back(row[0].GetValue<int64_t>());
			values.emplace_back(row.begin() + 3, row.end());
		}
		ScanFile file;
		file.path = inlined_data_path_prefix + table.table_name;
		file.record_count = static_cast<int64_t>(row_ids.size());
		// An inlined row's file row number is its row id (inlined_data_scan.hpp), so rowid is
		// 0 + file_row_number; its snapshot differs per row and is not a constant of this file.
		file.row_id_start = Value::BIGINT(0);
		file.inlined = BuildInlinedScanData(table_columns, column_ids, values, row_ids);
		listing.files.push_back(std::move(file));
	}
}

} // namespace ducklake
