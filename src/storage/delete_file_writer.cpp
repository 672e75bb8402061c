#include "storage/delete_file_writer.hpp"

#include "duckdb/common/file_system.hpp"
#include "duckdb/common/types/uuid.hpp"
#include "duckdb/main/appender.hpp"
#include "duckdb/main/connection.hpp"
#include "duckdb/parser/keyword_helper.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implementation file built on DuckDB's client API

//! Field ids of the delete file columns, as the official extension writes them.
static constexpr int64_t delete_file_path_field_id = 2147483646;
static constexpr int64_t delete_pos_field_id = 2147483645;

std::string DeleteFileName(const std::string &uuid) {
	return "ducklake-" + uuid + "-delete.parquet";
}

WrittenDeleteFile WriteDeleteFile(DatabaseInstance &db, const std::string &directory, const std::string &data_file_path,
                                  const std::vector<int64_t> &positions) {
	if (positions.empty()) {
		throw InternalException("WriteDeleteFile called without positions for \"%s\"", data_file_path);
	}
	WrittenDeleteFile result;
	result.file_name = DeleteFileName(UUID::ToString(UUIDv7::GenerateRandomUUID()));
	result.absolute_path = directory + result.file_name;
	result.delete_count = static_cast<int64_t>(positions.size());

	Connection connection(db);
	auto fail = [&](const std::string &message) {
		FileSystem::GetFileSystem(db).TryRemoveFile(result.absolute_path);
		throw IOException("Cannot write DuckLake delete file \"%s\" (for data file \"%s\"): %s", result.absolute_path,
		                  data_file_path, message);
	};
	auto created = connection.Query("CREATE TEMPORARY TABLE ducklake_delete_positions(pos BIGINT)");
	if (created->HasError()) {
		fail(created->GetErrorObject().RawMessage());
	}
	{
		Appender appender(connection, "ducklake_delete_positions");
		DataChunk chunk;
		chunk.Initialize(Allocator::DefaultAllocator(), {LogicalType::BIGINT});
		for (idx_t offset = 0; offset < positions.size(); offset += STANDARD_VECTOR_SIZE) {
			auto count = MinValue<idx_t>(STANDARD_VECTOR_SIZE, positions.size() - offset);
			memcpy(FlatVector::GetData<int64_t>(chunk.data[0]), positions.data() + offset, count * sizeof(int64_t));
			chunk.SetCardinality(count);
			appender.AppendDataChunk(chunk);
			chunk.Reset();
		}
		appender.Close();
	}
	// The positions arrive sorted and are appended in order: PRESERVE_ORDER keeps them so whatever
	// preserve_insertion_order says, without the cost of sorting them again.
	auto copy =
	    connection.Query("COPY (SELECT " + KeywordHelper::WriteQuoted(data_file_path, '\'') +
	                     "::VARCHAR AS file_path, pos FROM ducklake_delete_positions) TO " +
	                     KeywordHelper::WriteQuoted(result.absolute_path, '\'') +
	                     " (FORMAT parquet, FIELD_IDS {file_path: " + std::to_string(delete_file_path_field_id) +
	                     ", pos: " + std::to_string(delete_pos_field_id) + "}, PRESERVE_ORDER true, RETURN_STATS)");
	if (copy->HasError()) {
		fail(copy->GetErrorObject().RawMessage());
	}
	if (copy->RowCount() != 1) {
		fail("expected one written file, the writer reported " + std::to_string(copy->RowCount()));
	}
	// RETURN_STATS row: filename, count, file_size_bytes, footer_size_bytes, ...
	result.file_size_bytes = copy->GetValue(2, 0).GetValue<int64_t>();
	result.footer_size = copy->GetValue(3, 0).GetValue<int64_t>();
	return result;
}

} // namespace ducklake
