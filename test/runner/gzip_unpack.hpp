//===----------------------------------------------------------------------===//
// GunzipFile: the `unzip` directive. Decompresses a gzip file through a DuckDB FileSystem (so any
// path DuckDB can open works) into a new file.
//
// The destination must not exist yet. Output stops with an error beyond output_bytes_max, so a
// corrupt or hostile archive cannot fill the disk. Errors (unreadable input, existing
// destination, bad gzip data) are returned as text naming the file.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb.hpp"

#include <cstdint>
#include <string>

namespace ducklake::sqllogic {

//! `unzip` refuses to write more than this.
constexpr uint64_t UNZIP_OUTPUT_BYTES_MAX = 1ULL << 32;

bool GunzipFile(duckdb::FileSystem &fs, const std::string &source, const std::string &destination,
                uint64_t output_bytes_max, std::string &error);

//! The default destination of `unzip src`: directory + file name of src without its `.gz`.
std::string DefaultUnzipDestination(const std::string &source, const std::string &directory);

} // namespace ducklake::sqllogic
