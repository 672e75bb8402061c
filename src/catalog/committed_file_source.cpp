#include "catalog/committed_file_source.hpp"

#include "catalog/ducklake_catalog.hpp"
#include "catalog/ducklake_transaction.hpp"
#include "catalog/pending_deletes.hpp"
#include "metadata/file_lister.hpp"
#include "storage/data_path.hpp"

#include "duckdb/main/client_context.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements a storage interface on DuckDB types

CommittedFileSource::CommittedFileSource(DucklakeCatalog &catalog_p, int64_t table_id_p, int64_t snapshot_id_p,
                                         std::string directory_p,
                                         std::map<std::string, std::vector<int64_t>> pending_deletes_p)
    : catalog(catalog_p), table_id(table_id_p), snapshot_id(snapshot_id_p), directory(std::move(directory_p)),
      pending_deletes(std::move(pending_deletes_p)) {
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
			MergePositions(file.deleted_positions, deleted->second);
		}
	}
	return with_deletes;
}

shared_ptr<const ScanFileListing> CommittedFileSource::ListFromStore(ClientContext &context,
                                                                     const ScanFileQuery &query) {
	auto &transaction = DucklakeTransaction::Get(context, catalog);
	std::vector<ScanFileRecord> records;
	{
		// Scans may start on several threads; the metadata connection serves one at a time.
		lock_guard<mutex> guard(transaction.MetadataLock());
		records = FileLister(transaction.Connection()).ListScanFiles(table_id, snapshot_id, query);
	}
	auto result = make_shared_ptr<ScanFileListing>();
	result->files.reserve(records.size());
	for (auto &record : records) {
		auto &file = record.data_file;
		ScanFile scan_file;
		scan_file.path = ResolvePath(directory, file.path, file.path_is_relative);
		scan_file.record_count = file.record_count;
		scan_file.file_size_bytes = file.file_size_bytes;
		scan_file.footer_size = file.footer_size;
		scan_file.column_stats = std::move(file.column_stats);
		scan_file.row_id_start = Value::BIGINT(file.row_id_start);
		scan_file.snapshot_id = Value::BIGINT(file.begin_snapshot);
		if (record.has_delete_file) {
			scan_file.deleted_positions = ReadDeletedPositions(
			    *context.db, ResolvePath(directory, record.delete_file.path, record.delete_file.path_is_relative));
		}
		result->files.push_back(std::move(scan_file));
	}
	return result;
}

} // namespace ducklake
