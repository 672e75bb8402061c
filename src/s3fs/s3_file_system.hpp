//===----------------------------------------------------------------------===//
// S3FileSystem: DuckDB FileSystem for s3:// (and s3a://, s3n://) over S3Client.
//
// Reads: OpenFile HEADs the object (size, ETag, Last-Modified); reads are signed range GETs through
// a RangeReader (read-ahead, several ranges in flight) shared by the handles open on the same object
// version, each checked against the ETag, so an object replaced mid-read is an error. Writes: a handle opened for
// writing streams into an S3UploadStream (single PUT for small files, parallel multipart for large ones); the object
// appears only when the handle is closed, and a failed or abandoned write leaves nothing behind.
// Writes must be sequential (S3 has no random writes) and appending is refused.
// Globs list with ListObjectsV2 from the pattern's literal prefix, paginated, with delimiter '/'
// when the wildcard sits in the last segment only; `**` recurses. Directories are key prefixes:
// DirectoryExists is "some key starts with dir/", CreateDirectory does nothing, RemoveDirectory
// batch-deletes every key under the prefix. MoveFile is copy then delete: NOT atomic, unlike a
// local rename. Configuration per call from the opener (s3_config_reader.hpp).
// Thread-safe like any DuckDB FileSystem.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/http_transport.hpp"
#include "s3fs/range_reader.hpp"
#include "s3fs/range_reader_registry.hpp"
#include "s3fs/s3_upload_stream.hpp"

#include "duckdb/common/file_system.hpp"

#include <memory>

namespace ducklake {

struct S3FileSystemTuning {
	RangeReadTuning read;
	S3UploadTuning upload;
	//! Keys per ListObjectsV2 page (S3's maximum is 1000).
	uint64_t list_page_keys = 1000;
	//! Bound on ListObjectsV2 pages followed for one glob or directory operation.
	uint64_t list_pages_max = 100000;
};

class S3FileSystem : public duckdb::FileSystem {
public:
	explicit S3FileSystem(std::shared_ptr<HttpTransport> transport, S3FileSystemTuning tuning = S3FileSystemTuning());

	std::string GetName() const override {
		return "S3FileSystem";
	}
	bool CanHandleFile(const std::string &path) override;
	duckdb::unique_ptr<duckdb::FileHandle> OpenFile(const std::string &path, duckdb::FileOpenFlags flags,
	                                                duckdb::optional_ptr<duckdb::FileOpener> opener) override;
	void Read(duckdb::FileHandle &handle, void *buffer, int64_t nr_bytes, duckdb::idx_t location) override;
	int64_t Read(duckdb::FileHandle &handle, void *buffer, int64_t nr_bytes) override;
	void Write(duckdb::FileHandle &handle, void *buffer, int64_t nr_bytes, duckdb::idx_t location) override;
	int64_t Write(duckdb::FileHandle &handle, void *buffer, int64_t nr_bytes) override;
	int64_t GetFileSize(duckdb::FileHandle &handle) override;
	duckdb::timestamp_t GetLastModifiedTime(duckdb::FileHandle &handle) override;
	std::string GetVersionTag(duckdb::FileHandle &handle) override;
	void FileSync(duckdb::FileHandle &handle) override;
	bool FileExists(const std::string &filename, duckdb::optional_ptr<duckdb::FileOpener> opener) override;
	void RemoveFile(const std::string &filename, duckdb::optional_ptr<duckdb::FileOpener> opener) override;
	bool TryRemoveFile(const std::string &filename, duckdb::optional_ptr<duckdb::FileOpener> opener) override;
	//! Batch delete (DeleteObjects, 1000 keys per request); paths may span buckets.
	void RemoveFiles(const std::vector<std::string> &paths, duckdb::optional_ptr<duckdb::FileOpener> opener);
	bool DirectoryExists(const std::string &directory, duckdb::optional_ptr<duckdb::FileOpener> opener) override;
	void CreateDirectory(const std::string &directory, duckdb::optional_ptr<duckdb::FileOpener> opener) override;
	void RemoveDirectory(const std::string &directory, duckdb::optional_ptr<duckdb::FileOpener> opener) override;
	bool ListFiles(const std::string &directory, const std::function<void(const std::string &, bool)> &callback,
	               duckdb::FileOpener *opener) override;
	void MoveFile(const std::string &source, const std::string &target,
	              duckdb::optional_ptr<duckdb::FileOpener> opener) override;
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
	S3FileSystemTuning tuning;
	//! Handles open on one object version at once share its reader (range_reader_registry.hpp).
	RangeReaderRegistry readers;
};

} // namespace ducklake
