#include "s3fs/http_file_system.hpp"

#include "s3fs/remote_object_head.hpp"
#include "s3fs/retrying_transport.hpp"
#include "s3fs/s3fs_settings.hpp"

#include "duckdb/common/string_util.hpp"

namespace ducklake {

namespace {

class HttpFileHandle : public duckdb::FileHandle {
public:
	HttpFileHandle(duckdb::FileSystem &fs, const std::string &path, duckdb::FileOpenFlags flags,
	               std::shared_ptr<HttpTransport> base, const HttpClientSettings &settings)
	    : FileHandle(fs, path, flags), base_transport(std::move(base)), settings(settings),
	      transport(*base_transport, settings.retry) {
	}
	void Close() override {
	}

	std::shared_ptr<HttpTransport> base_transport;
	HttpClientSettings settings;
	RetryingTransport transport;
	RemoteObjectHead head;
	std::unique_ptr<RangeReader> reader;
	uint64_t position = 0;
};

HttpFileHandle &AsHttp(duckdb::FileHandle &handle) {
	return handle.Cast<HttpFileHandle>();
}

} // namespace

HttpFileSystem::HttpFileSystem(std::shared_ptr<HttpTransport> transport_p, RangeReadTuning tuning_p)
    : transport(std::move(transport_p)), tuning(tuning_p) {
}

bool HttpFileSystem::CanHandleFile(const std::string &path) {
	auto lower = duckdb::StringUtil::Lower(path.substr(0, 8));
	return lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0;
}

duckdb::unique_ptr<duckdb::FileHandle> HttpFileSystem::OpenFile(const std::string &path, duckdb::FileOpenFlags flags,
                                                                duckdb::optional_ptr<duckdb::FileOpener> opener) {
	if (flags.OpenForWriting()) {
		throw duckdb::PermissionException("cannot write '" + path +
		                                  "': http:// and https:// are read-only; write to s3:// or a local path");
	}
	auto settings = ReadHttpClientSettings(opener);
	auto handle = duckdb::make_uniq<HttpFileHandle>(*this, path, flags, transport, settings);
	HttpRequest head_request;
	head_request.url = path;
	settings.ApplyTo(head_request);
	auto result = HeadRemoteObject(handle->transport, head_request, handle->head);
	if (result == HeadOutcome::NOT_FOUND && flags.ReturnNullIfNotExists()) {
		return nullptr;
	}
	if (result != HeadOutcome::FOUND) {
		throw duckdb::IOException(handle->head.error);
	}
	auto &head = handle->head;
	auto &retrying = handle->transport;
	auto &handle_settings = handle->settings;
	handle->reader = std::make_unique<RangeReader>(
	    head.size, ReadRangeTuning(opener, tuning),
	    [&retrying, &head, &handle_settings, path](uint64_t offset, uint64_t length, char *out) {
		    HttpRequest request;
		    request.url = path;
		    handle_settings.ApplyTo(request);
		    FetchRemoteRange(retrying, request, head, offset, length, out);
	    });
	return std::move(handle);
}

void HttpFileSystem::Read(duckdb::FileHandle &handle, void *buffer, int64_t nr_bytes, duckdb::idx_t location) {
	AsHttp(handle).reader->Read(static_cast<char *>(buffer), static_cast<uint64_t>(nr_bytes), location);
}

int64_t HttpFileSystem::Read(duckdb::FileHandle &handle, void *buffer, int64_t nr_bytes) {
	auto &http = AsHttp(handle);
	auto size = http.head.size;
	auto available = http.position >= size ? 0 : size - http.position;
	auto length = std::min<uint64_t>(available, static_cast<uint64_t>(nr_bytes));
	http.reader->Read(static_cast<char *>(buffer), length, http.position);
	http.position += length;
	return static_cast<int64_t>(length);
}

int64_t HttpFileSystem::GetFileSize(duckdb::FileHandle &handle) {
	return static_cast<int64_t>(AsHttp(handle).head.size);
}

duckdb::timestamp_t HttpFileSystem::GetLastModifiedTime(duckdb::FileHandle &handle) {
	return duckdb::Timestamp::FromEpochSeconds(AsHttp(handle).head.last_modified_epoch_s);
}

std::string HttpFileSystem::GetVersionTag(duckdb::FileHandle &handle) {
	return AsHttp(handle).head.etag;
}

bool HttpFileSystem::FileExists(const std::string &filename, duckdb::optional_ptr<duckdb::FileOpener> opener) {
	auto handle = OpenFile(
	    filename, duckdb::FileFlags::FILE_FLAGS_READ | duckdb::FileFlags::FILE_FLAGS_NULL_IF_NOT_EXISTS, opener);
	return handle != nullptr;
}

duckdb::vector<duckdb::OpenFileInfo> HttpFileSystem::Glob(const std::string &path, duckdb::FileOpener *opener) {
	// HTTP has no listing: a URL names exactly one file, wildcards included.
	return {duckdb::OpenFileInfo(path)};
}

void HttpFileSystem::Seek(duckdb::FileHandle &handle, duckdb::idx_t location) {
	AsHttp(handle).position = location;
}

duckdb::idx_t HttpFileSystem::SeekPosition(duckdb::FileHandle &handle) {
	return AsHttp(handle).position;
}

} // namespace ducklake
