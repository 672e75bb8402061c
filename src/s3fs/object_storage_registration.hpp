//===----------------------------------------------------------------------===//
// RegisterObjectStorage: installs s3fs into a DuckDB database.
//
// Registers the s3_* / http_* settings, the `s3` secret type, and the file systems for s3://
// (also s3a://, s3n://) and read-only http(s)://, all sharing one keep-alive connection pool.
// Call it early in the extension's Load: DuckDB tries to autoload httpfs for any s3:// or https://
// path no file system claims. Calling it twice on one database is a programmer error.
//===----------------------------------------------------------------------===//
#pragma once

namespace duckdb {
class ExtensionLoader;
}

namespace ducklake {

void RegisterObjectStorage(duckdb::ExtensionLoader &loader);

} // namespace ducklake
