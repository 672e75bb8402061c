#include "storage/delete_file_writer.hpp"

#include "storage/delete_file_encoder.hpp"

#include "duckdb/catalog/catalog.hpp"
#include "duckdb/catalog/catalog_entry/copy_function_catalog_entry.hpp"
#include "duckdb/common/error_data.hpp"
#include "duckdb/common/file_system.hpp"
#include "duckdb/common/types/uuid.hpp"
#include "duckdb/execution/execution_context.hpp"
#include "duckdb/function/copy_function.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/main/connection.hpp"
#include "duckdb/parallel/thread_context.hpp"
#include "duckdb/parser/parsed_data/copy_info.hpp"
#include "duckdb/storage/storage_info.hpp"

#include <functional>
#include <optional>

namespace ducklake {

using namespace duckdb; // NOLINT: implementation file built on DuckDB's client API

//! Field ids of the delete file columns, as the official extension writes them.
static constexpr int32_t delete_file_path_field_id = 2147483646;
static constexpr int32_t delete_pos_field_id = 2147483645;

std::string DeleteFileName(const std::string &uuid) {
	return "ducklake-" + uuid + "-delete.parquet";
}

namespace {

//! DuckDB's Parquet copy function bound to the delete file layout (file_path VARCHAR, pos BIGINT,
//! the official field ids, the COPY defaults for everything else).
struct BoundDeleteFileCopy {
	explicit BoundDeleteFileCopy(CopyFunction function_p) : function(std::move(function_p)) {
	}
	CopyFunction function;
	unique_ptr<FunctionData> bind_data;
};

//! The dictionary size limit that writes the same file as the default limit with far less memory,
//! or 0 when only the default does. The default limit is a fifth of each row group's rows; the
//! writer sets up a hash table of twice that many entries per column before writing anything,
//! about 2.5 MB for 100K positions, all fresh memory. A delete file's `file_path` holds one value
//! and `pos` only distinct ones, so what each column gets depends only on whether a row group has
//! at least 5 rows (a default limit of at least 1): `file_path` is dictionary encoded then, `pos`
//! never is. A limit of 1 gives exactly that for every row group of at least 5 rows; a last row
//! group of 1 to 4 rows keeps the default.
idx_t SmallDictionarySizeLimit(idx_t row_count) {
	auto last_row_group_rows = row_count % DEFAULT_ROW_GROUP_SIZE;
	return last_row_group_rows >= 1 && last_row_group_rows <= 4 ? 0 : 1;
}

BoundDeleteFileCopy BindDeleteFileCopy(ClientContext &context, const std::string &path, idx_t row_count) {
	auto &copy_entry =
	    Catalog::GetSystemCatalog(context).GetEntry<CopyFunctionCatalogEntry>(context, DEFAULT_SCHEMA, "parquet");
	BoundDeleteFileCopy result(copy_entry.function);
	CopyInfo info;
	info.is_from = false;
	info.format = "parquet";
	info.file_path = path;
	info.options["field_ids"] = {Value::STRUCT(
	    {{"file_path", Value::INTEGER(delete_file_path_field_id)}, {"pos", Value::INTEGER(delete_pos_field_id)}})};
	auto dictionary_size_limit = SmallDictionarySizeLimit(row_count);
	if (dictionary_size_limit > 0) {
		info.options["dictionary_size_limit"] = {Value::BIGINT(static_cast<int64_t>(dictionary_size_limit))};
	}
	CopyFunctionBindInput bind_input(info);
	vector<string> names {"file_path", "pos"};
	vector<LogicalType> types {LogicalType::VARCHAR, LogicalType::BIGINT};
	result.bind_data = result.function.copy_to_bind(context, bind_input, names, types);
	return result;
}

//! Write the file with the copy function's own callbacks, chunk by chunk in position order (one
//! thread, so the rows stay sorted), and return what the writer measured.
CopyFunctionFileStatistics WriteDeleteParquet(ClientContext &context, const std::string &path,
                                              const std::string &data_file_path, PositionSpan positions) {
	auto bound = BindDeleteFileCopy(context, path, positions.size());
	auto &function = bound.function;
	auto &bind_data = *bound.bind_data;
	CopyFunctionFileStatistics statistics;
	auto global = function.copy_to_initialize_global(context, bind_data, path);
	if (!function.copy_to_get_written_statistics) {
		throw InternalException("the Parquet copy function reports no written statistics");
	}
	function.copy_to_get_written_statistics(context, bind_data, *global, statistics);
	ThreadContext thread(context);
	ExecutionContext execution(context, thread, nullptr);
	auto local = function.copy_to_initialize_local(execution, bind_data);
	DataChunk chunk;
	chunk.Initialize(Allocator::DefaultAllocator(), {LogicalType::VARCHAR, LogicalType::BIGINT});
	for (idx_t offset = 0; offset < positions.size(); offset += STANDARD_VECTOR_SIZE) {
		auto count = MinValue<idx_t>(STANDARD_VECTOR_SIZE, positions.size() - offset);
		chunk.Reset();
		chunk.data[0].Reference(Value(data_file_path));
		memcpy(FlatVector::GetData<int64_t>(chunk.data[1]), positions.data() + offset, count * sizeof(int64_t));
		chunk.SetCardinality(count);
		function.copy_to_sink(execution, bind_data, *global, *local, chunk);
	}
	function.copy_to_combine(execution, bind_data, *global, *local);
	function.copy_to_finalize(context, bind_data, *global);
	return statistics;
}

//! A new delete file name in `directory`, with the count filled in.
WrittenDeleteFile NewDeleteFile(const std::string &directory, const std::string &data_file_path,
                                PositionSpan positions) {
	if (positions.empty()) {
		throw InternalException("WriteDeleteFile called without positions for \"%s\"", data_file_path);
	}
	WrittenDeleteFile result;
	result.file_name = DeleteFileName(UUID::ToString(UUIDv7::GenerateRandomUUID()));
	result.absolute_path = directory + result.file_name;
	result.delete_count = static_cast<int64_t>(positions.size());
	return result;
}

//! Run `write` in a transaction of a connection of its own (the caller's context is executing or
//! committing; the copy function lookup needs a transaction, and the file system reaches settings
//! and secrets through the context). On failure remove the file and throw naming both files.
void RunDeleteFileWrite(DatabaseInstance &db, const WrittenDeleteFile &file, const std::string &data_file_path,
                        const std::function<void(ClientContext &)> &write) {
	Connection connection(db);
	try {
		connection.context->RunFunctionInTransaction([&]() { write(*connection.context); });
	} catch (std::exception &ex) {
		FileSystem::GetFileSystem(db).TryRemoveFile(file.absolute_path);
		throw IOException("Cannot write DuckLake delete file \"%s\" (for data file \"%s\"): %s", file.absolute_path,
		                  data_file_path, ErrorData(ex).RawMessage());
	}
}

//! Write the encoded bytes as DuckDB's Parquet writer would: one new file, written in sequence and
//! closed (its BufferedFileWriter does not sync on close either).
void WriteEncodedFile(ClientContext &context, const std::string &path, const EncodedDeleteFile &encoded) {
	auto &fs = FileSystem::GetFileSystem(context);
	auto handle = fs.OpenFile(path, FileFlags::FILE_FLAGS_WRITE | FileFlags::FILE_FLAGS_FILE_CREATE_NEW);
	fs.Write(*handle, const_cast<char *>(encoded.Data()), // NOLINT: DuckDB's Write takes a mutable buffer
	         static_cast<int64_t>(encoded.Size()));
	handle->Close();
}

} // namespace

WrittenDeleteFile WriteDeleteFileWithParquetCopy(DatabaseInstance &db, const std::string &directory,
                                                 const std::string &data_file_path, PositionSpan positions) {
	auto result = NewDeleteFile(directory, data_file_path, positions);
	CopyFunctionFileStatistics statistics;
	RunDeleteFileWrite(db, result, data_file_path, [&](ClientContext &context) {
		statistics = WriteDeleteParquet(context, result.absolute_path, data_file_path, positions);
	});
	if (statistics.row_count != positions.size() || statistics.footer_size_bytes.IsNull()) {
		FileSystem::GetFileSystem(db).TryRemoveFile(result.absolute_path);
		throw IOException("Cannot write DuckLake delete file \"%s\" (for data file \"%s\"): the writer reported %llu "
		                  "rows for %llu positions",
		                  result.absolute_path, data_file_path, statistics.row_count, positions.size());
	}
	result.file_size_bytes = static_cast<int64_t>(statistics.file_size_bytes);
	result.footer_size = statistics.footer_size_bytes.GetValue<int64_t>();
	return result;
}

WrittenDeleteFile WriteDeleteFile(DatabaseInstance &db, const std::string &directory, const std::string &data_file_path,
                                  PositionSpan positions) {
	std::optional<EncodedDeleteFile> encoded;
	try {
		encoded = EncodeDeleteFile(data_file_path, positions);
	} catch (std::exception &ex) {
		// Nothing is written yet (only memory can run out here).
		throw IOException("Cannot encode DuckLake delete file for data file \"%s\": %s", data_file_path,
		                  ErrorData(ex).RawMessage());
	}
	if (!encoded) {
		return WriteDeleteFileWithParquetCopy(db, directory, data_file_path, positions);
	}
	auto result = NewDeleteFile(directory, data_file_path, positions);
	RunDeleteFileWrite(db, result, data_file_path,
	                   [&](ClientContext &context) { WriteEncodedFile(context, result.absolute_path, *encoded); });
	result.file_size_bytes = static_cast<int64_t>(encoded->Size());
	result.footer_size = encoded->footer_size;
	return result;
}

} // namespace ducklake
