//===----------------------------------------------------------------------===//
// DeleteFileEncoder: the bytes of a DuckLake positional delete file, encoded directly.
//
// A delete file is a Parquet file with columns `file_path` VARCHAR (one value: the data file's
// path) and `pos` BIGINT (the deleted positions). DuckDB's Parquet COPY writer spends most of its
// time on per-row work for the constant `file_path`; this encoder writes the same file without
// it. The output is byte for byte what DuckDB 1.4.4's `COPY ... (FORMAT parquet, FIELD_IDS
// {file_path: 2147483646, pos: 2147483645})` writes for the same rows with every other option at
// its default: Parquet V1, snappy pages compressed by DuckDB's own snappy, row groups of 122880
// rows, one data page per column chunk, `file_path` dictionary encoded (with a bloom filter) in
// each row group of at least 5 rows and PLAIN in a smaller one, `pos` PLAIN, the writer's column
// statistics and footer. A unit test compares the bytes with a real COPY.
//
// Pure: no I/O, no DuckDB state beyond the library version written into the footer and its
// allocator. Any thread.
//===----------------------------------------------------------------------===//
#pragma once

#include "storage/deleted_positions.hpp"

#include "duckdb/common/serializer/memory_stream.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ducklake {

struct EncodedDeleteFile {
	//! The whole file: GetPosition() bytes at GetData(), in memory from DuckDB's allocator.
	duckdb::MemoryStream bytes;
	//! The length of the Thrift footer (without its 4-byte length and the trailing magic), as
	//! DuckDB's writer reports it.
	int64_t footer_size = 0;

	const char *Data() const {
		return reinterpret_cast<const char *>(bytes.GetData());
	}
	size_t Size() const {
		return bytes.GetPosition();
	}
};

//! The longest data file path the encoder takes (bytes). Longer paths go to DuckDB's writer; the
//! limit keeps one page of a small row group far below the writer's page size limit.
constexpr size_t delete_file_encoder_path_bytes_max = 1024 * 1024;

//! The delete file for `positions` (sorted, unique) of `data_file_path`, or nothing when the input
//! is one the encoder does not reproduce exactly: no positions, positions not strictly ascending
//! (DuckDB could dictionary encode repeated ones), a path longer than
//! delete_file_encoder_path_bytes_max, or a path over 256 bytes whose first 256 bytes leave no
//! byte below 0x7F (DuckDB then writes no min/max statistics). The caller writes those with
//! DuckDB's Parquet writer instead.
std::optional<EncodedDeleteFile> EncodeDeleteFile(const std::string &data_file_path, PositionSpan positions);

} // namespace ducklake
