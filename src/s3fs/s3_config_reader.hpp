//===----------------------------------------------------------------------===//
// ReadS3Config: the S3Config for one s3:// path, as seen through a DuckDB FileOpener.
//
// Collects the layers of s3_config.hpp (longest-prefix s3 secret, s3_* settings, environment, AWS
// profile) and resolves them. Throws duckdb::InvalidInputException naming the source when a value
// is malformed (bad endpoint, unknown URL style, key id without secret). Without an opener (e.g. a
// file system used outside a query) only the environment and profile layers apply.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/s3_config.hpp"

#include "duckdb/common/optional_ptr.hpp"

namespace duckdb {
class FileOpener;
}

namespace ducklake {

S3Config ReadS3Config(const std::string &path, duckdb::optional_ptr<duckdb::FileOpener> opener);

} // namespace ducklake
