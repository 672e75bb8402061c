//===----------------------------------------------------------------------===//
// HttpFileSystem: read-only DuckDB FileSystem for http:// and https:// URLs.
//
// Opening HEADs the URL for its size, ETag and Last-Modified (falling back to a 1-byte range GET
// for servers that refuse HEAD); reads are range GETs through a RangeReader (read-ahead, several
// ranges in flight). When the server sent an ETag, every range request carries If-Match and every
// answer's ETag is compared, so a file replaced while it is read is an error, never a mix of two
// versions. A server that ignores Range is an error naming the URL. Writes, deletes and listing
// are refused with an error that says http(s) is read-only; a glob returns the URL itself.
// Requests go through the shared transport with per-query retries and timeouts (http_* settings).
// Thread-safe like any DuckDB FileSystem.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/http_transport.hpp"
#include "s3fs/range_reader.hpp"

#include "duckdb/common/file_system.hpp"

#include <memory>

namespace ducklake {

class HttpFileSystem : public duckdb::FileSystem {
public:
	explicit HttpFileSystem(std::shared_ptr<HttpTransport> transport, RangeReadTuning tuning = RangeReadTuning());

	std::string GetName() const override {
		return "HttpFileSystem";
	}
	bool CanHandleFile(const std::string &path) override;
	duckdb::unique_ptr<duckdb::FileHandle> OpenFile(const std::string &path, duckdb::FileOpenFlags flags,
	                                                duckdb::optional_ptr<duckdb::FileOpener> opener) override;
	void Read(duckdb::FileHandle &handle, void *buffer, int64_t nr_bytes, duckdb::idx_t location) override;
	int64_t Read(duckdb::FileHandle &handle, void *buffer, int64_t nr_bytes) override;
	int64_t GetFileSize(duckdb::FileHandle &handle) override;
	duckdb::timestamp_t GetLastModifiedTime(duckdb::FileHandle &handle) override;
	std::string GetVersionTag(duckdb::FileHandle &handle) override;
	bool FileExists(const std::string &filename, duckdb::optional_ptr<duckdb::FileOpener> opener) override;
	duckdb::vector<duckdb::OpenFileInfo> Glob(const std::string &path, duckdb::FileOpener *opener) override;
	void Seek(duckdb::FileHandle &handle, duckdb::idx_t location) override;
	duckdb::idx_t SeekPosition(duckdb::FileHandle &handle) override;
	bool CanSeek() override {
		return true;
	}
	bool OnDiskFile(duckdb::FileHandle &handle) override {
		return false;
	}

private:
	std::shared_ptr<HttpTransport> transport;
	RangeReadTuning tuning;
};

} // namespace ducklake
