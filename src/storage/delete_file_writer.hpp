//===----------------------------------------------------------------------===//
// DeleteFileWriter: writes one DuckLake positional delete file.
//
// A delete file lists the deleted row positions (0-based file row numbers) of exactly one data
// file, in the spec's layout: columns `file_path` VARCHAR (the data file's path as the scan opens
// it) and `pos` BIGINT, with the Parquet field ids the official extension writes (2147483646 and
// 2147483645), sorted by pos, named ducklake-<uuidv7>-delete.parquet in the table directory.
// The bytes come from DeleteFileEncoder (the same bytes DuckDB's Parquet COPY writes, without its
// per-row work) and are written through DuckDB's FileSystem, so any path it opens (s3:// too)
// works; inputs the encoder does not reproduce are written by DuckDB's Parquet copy function. The
// file is written through a separate DuckDB connection of `db` (never the client context that is
// executing or committing). Throws IOException naming the file when the write fails; a failed
// write leaves no file behind.
//===----------------------------------------------------------------------===//
#pragma once

#include "storage/deleted_positions.hpp"

#include "duckdb/main/database.hpp"

#include <string>
#include <vector>

namespace ducklake {

struct WrittenDeleteFile {
	std::string absolute_path;
	std::string file_name; // relative to the table directory
	int64_t delete_count = 0;
	int64_t file_size_bytes = 0;
	int64_t footer_size = 0;
};

//! "ducklake-<uuid>-delete.parquet" for a uuid text.
std::string DeleteFileName(const std::string &uuid);

//! Write the positions (sorted, unique, non-empty) deleted from `data_file_path` as a new delete
//! file in `directory` (ends with '/').
WrittenDeleteFile WriteDeleteFile(duckdb::DatabaseInstance &db, const std::string &directory,
                                  const std::string &data_file_path, PositionSpan positions);

//! The same file written by DuckDB's Parquet copy function: the path WriteDeleteFile takes for
//! inputs the encoder leaves out, and the baseline the benchmark compares the encoder with.
WrittenDeleteFile WriteDeleteFileWithParquetCopy(duckdb::DatabaseInstance &db, const std::string &directory,
                                                 const std::string &data_file_path, PositionSpan positions);

} // namespace ducklake
