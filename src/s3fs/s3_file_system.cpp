#include "s3fs/s3_file_system.hpp"

#include "s3fs/glob_matcher.hpp"
#include "s3fs/s3_config_reader.hpp"
#include "s3fs/s3fs_settings.hpp"

#include "s3/delete_objects_xml.hpp"
#include "s3/s3_url.hpp"

#include "duckdb/common/string_util.hpp"

#include <map>

namespace ducklake {

namespace {

struct S3Path {
	//! "s3://", "s3a://" or "s3n://", as the user wrote it (kept in returned paths).
	std::string scheme;
	std::string bucket;
	std::string key;
};

S3Path ParsePath(const std::string &path) {
	auto scheme_end = path.find("://");
	std::string scheme = scheme_end == std::string::npos ? "" : path.substr(0, scheme_end + 3);
	auto parsed = s3::ParseS3Url("s3://" + (scheme_end == std::string::npos ? path : path.substr(scheme_end + 3)));
	if (!parsed.Ok()) {
		throw duckdb::InvalidInputException("'" + path + "' is not a valid S3 URL: " + parsed.Error() +
		                                    " (expected s3://bucket/key)");
	}
	return {scheme, parsed.Value().bucket, parsed.Value().key};
}

std::unique_ptr<S3Client> MakeClient(HttpTransport &transport, const std::string &path,
                                     duckdb::optional_ptr<duckdb::FileOpener> opener) {
	return std::make_unique<S3Client>(transport, ReadS3Config(path, opener), ReadHttpClientSettings(opener));
}

class S3FileHandle : public duckdb::FileHandle {
public:
	S3FileHandle(duckdb::FileSystem &fs, const std::string &path, duckdb::FileOpenFlags flags, S3Path location,
	             std::shared_ptr<S3Client> client)
	    : FileHandle(fs, path, flags), location(std::move(location)), client(std::move(client)) {
	}
	~S3FileHandle() override {
		// An upload still open here was abandoned (an error unwound past it): S3UploadStream aborts it.
		upload.reset();
	}
	void Close() override {
		if (upload) {
			upload->Finish();
		}
	}

	S3Path location;
	std::shared_ptr<S3Client> client;
	RemoteObjectHead head;
	std::shared_ptr<RangeReader> reader;
	std::unique_ptr<S3UploadStream> upload;
	uint64_t position = 0;
};

S3FileHandle &AsS3(duckdb::FileHandle &handle) {
	return handle.Cast<S3FileHandle>();
}

//! Calls `on_page` for every ListObjectsV2 page of prefix (at most pages_max pages).
void ForEachPage(S3Client &client, const S3Path &location, const std::string &prefix, const std::string &delimiter,
                 const S3FileSystemTuning &tuning, const std::function<void(const s3::ListObjectsPage &)> &on_page) {
	std::string token;
	auto pages_max = tuning.list_pages_max;
	for (uint64_t page_idx = 0; page_idx < pages_max; page_idx++) {
		auto page = client.ListObjectsV2(location.bucket, prefix, delimiter, token, tuning.list_page_keys);
		on_page(page);
		if (!page.is_truncated) {
			return;
		}
		if (page.next_continuation_token.empty()) {
			throw duckdb::IOException("S3 LIST s3://" + location.bucket + "/" + prefix +
			                          " is truncated but gave no continuation token");
		}
		token = page.next_continuation_token;
	}
	throw duckdb::IOException("S3 LIST s3://" + location.bucket + "/" + prefix + " has more than " +
	                          std::to_string(pages_max) + " pages of keys; narrow the path or pattern");
}

std::string DirectoryPrefix(const std::string &key) {
	return key.empty() || key.back() == '/' ? key : key + "/";
}

} // namespace

S3FileSystem::S3FileSystem(std::shared_ptr<HttpTransport> transport_p, S3FileSystemTuning tuning_p)
    : transport(std::move(transport_p)), tuning(tuning_p) {
}

bool S3FileSystem::CanHandleFile(const std::string &path) {
	auto lower = duckdb::StringUtil::Lower(path.substr(0, 6));
	return lower.rfind("s3://", 0) == 0 || lower.rfind("s3a://", 0) == 0 || lower.rfind("s3n://", 0) == 0;
}

duckdb::unique_ptr<duckdb::FileHandle> S3FileSystem::OpenFile(const std::string &path, duckdb::FileOpenFlags flags,
                                                              duckdb::optional_ptr<duckdb::FileOpener> opener) {
	auto location = ParsePath(path);
	if (location.key.empty() || location.key.back() == '/') {
		throw duckdb::IOException("cannot open '" + path + "': it names a bucket or a prefix, not an object");
	}
	auto handle = duckdb::make_uniq<S3FileHandle>(*this, path, flags, location, MakeClient(*transport, path, opener));
	auto &client = *handle->client;
	if (flags.OpenForWriting()) {
		if (flags.OpenForAppending()) {
			throw duckdb::NotImplementedException("cannot append to '" + path +
			                                      "': S3 objects are written whole; write a new object instead");
		}
		auto upload_tuning = tuning.upload;
		upload_tuning.parts_in_flight_max = ReadUploadThreadLimit(opener);
		handle->upload = std::make_unique<S3UploadStream>(client, location.bucket, location.key, upload_tuning);
		return std::move(handle);
	}
	auto outcome = client.Head(location.bucket, location.key, handle->head);
	if (outcome == HeadOutcome::NOT_FOUND && flags.ReturnNullIfNotExists()) {
		return nullptr;
	}
	if (outcome != HeadOutcome::FOUND) {
		throw duckdb::IOException(handle->head.error);
	}
	const auto &config = client.Config();
	auto reader_key = path + '\n' + config.Scheme() + "://" + config.endpoint + '\n' + config.region + '\n' +
	                  config.key_id + '\n' + std::to_string(static_cast<int>(config.url_style)) + '\n' +
	                  handle->head.etag + '\n' + std::to_string(handle->head.size);
	auto shared_client = handle->client;
	auto head = handle->head;
	handle->reader = readers.GetOrCreate(reader_key, [&]() {
		return std::make_shared<RangeReader>(
		    head.size, ReadRangeTuning(opener, tuning.read),
		    [shared_client, head, location](uint64_t offset, uint64_t length, char *out) {
			    shared_client->GetRange(location.bucket, location.key, head, offset, length, out);
		    });
	});
	return std::move(handle);
}

void S3FileSystem::Read(duckdb::FileHandle &handle, void *buffer, int64_t nr_bytes, duckdb::idx_t location) {
	auto &s3 = AsS3(handle);
	if (!s3.reader) {
		throw duckdb::IOException("cannot read '" + handle.path + "': it was opened for writing");
	}
	s3.reader->Read(static_cast<char *>(buffer), static_cast<uint64_t>(nr_bytes), location);
}

int64_t S3FileSystem::Read(duckdb::FileHandle &handle, void *buffer, int64_t nr_bytes) {
	auto &s3 = AsS3(handle);
	auto size = s3.head.size;
	auto available = s3.position >= size ? 0 : size - s3.position;
	auto length = std::min<uint64_t>(available, static_cast<uint64_t>(nr_bytes));
	Read(handle, buffer, static_cast<int64_t>(length), s3.position);
	s3.position += length;
	return static_cast<int64_t>(length);
}

void S3FileSystem::Write(duckdb::FileHandle &handle, void *buffer, int64_t nr_bytes, duckdb::idx_t location) {
	auto &s3 = AsS3(handle);
	if (!s3.upload) {
		throw duckdb::IOException("cannot write '" + handle.path + "': it was opened for reading");
	}
	if (location != s3.upload->BytesAppended()) {
		throw duckdb::IOException("cannot write '" + handle.path + "' at offset " + std::to_string(location) +
		                          ": S3 objects are written sequentially and the next offset is " +
		                          std::to_string(s3.upload->BytesAppended()));
	}
	s3.upload->Append(static_cast<const char *>(buffer), static_cast<uint64_t>(nr_bytes));
}

int64_t S3FileSystem::Write(duckdb::FileHandle &handle, void *buffer, int64_t nr_bytes) {
	auto &s3 = AsS3(handle);
	if (!s3.upload) {
		throw duckdb::IOException("cannot write '" + handle.path + "': it was opened for reading");
	}
	Write(handle, buffer, nr_bytes, s3.upload->BytesAppended());
	return nr_bytes;
}

int64_t S3FileSystem::GetFileSize(duckdb::FileHandle &handle) {
	auto &s3 = AsS3(handle);
	return static_cast<int64_t>(s3.upload ? s3.upload->BytesAppended() : s3.head.size);
}

duckdb::timestamp_t S3FileSystem::GetLastModifiedTime(duckdb::FileHandle &handle) {
	return duckdb::Timestamp::FromEpochSeconds(AsS3(handle).head.last_modified_epoch_s);
}

std::string S3FileSystem::GetVersionTag(duckdb::FileHandle &handle) {
	return AsS3(handle).head.etag;
}

void S3FileSystem::FileSync(duckdb::FileHandle &handle) {
	// Nothing is durable before the object is complete; Close makes it so.
}

bool S3FileSystem::FileExists(const std::string &filename, duckdb::optional_ptr<duckdb::FileOpener> opener) {
	auto location = ParsePath(filename);
	if (location.key.empty() || location.key.back() == '/') {
		return false;
	}
	auto client = MakeClient(*transport, filename, opener);
	RemoteObjectHead head;
	auto outcome = client->Head(location.bucket, location.key, head);
	if (outcome == HeadOutcome::FAILED) {
		throw duckdb::IOException(head.error);
	}
	return outcome == HeadOutcome::FOUND;
}

void S3FileSystem::RemoveFile(const std::string &filename, duckdb::optional_ptr<duckdb::FileOpener> opener) {
	auto location = ParsePath(filename);
	MakeClient(*transport, filename, opener)->DeleteObject(location.bucket, location.key);
}

bool S3FileSystem::TryRemoveFile(const std::string &filename, duckdb::optional_ptr<duckdb::FileOpener> opener) {
	if (!FileExists(filename, opener)) {
		return false;
	}
	RemoveFile(filename, opener);
	return true;
}

void S3FileSystem::RemoveFiles(const std::vector<std::string> &paths, duckdb::optional_ptr<duckdb::FileOpener> opener) {
	std::map<std::string, std::vector<std::string>> keys_by_bucket;
	std::map<std::string, std::string> first_path_of_bucket;
	for (auto &path : paths) {
		auto location = ParsePath(path);
		keys_by_bucket[location.bucket].push_back(location.key);
		first_path_of_bucket.emplace(location.bucket, path);
	}
	for (auto &bucket_keys : keys_by_bucket) {
		auto client = MakeClient(*transport, first_path_of_bucket[bucket_keys.first], opener);
		auto &keys = bucket_keys.second;
		for (size_t batch_start = 0; batch_start < keys.size(); batch_start += s3::DELETE_OBJECTS_KEYS_MAX) {
			auto batch_end = std::min(keys.size(), batch_start + s3::DELETE_OBJECTS_KEYS_MAX);
			client->DeleteObjects(bucket_keys.first,
			                      std::vector<std::string>(keys.begin() + batch_start, keys.begin() + batch_end));
		}
	}
}

bool S3FileSystem::DirectoryExists(const std::string &directory, duckdb::optional_ptr<duckdb::FileOpener> opener) {
	auto location = ParsePath(directory);
	auto client = MakeClient(*transport, directory, opener);
	auto page = client->ListObjectsV2(location.bucket, DirectoryPrefix(location.key), "/", "", 1);
	// An empty bucket exists too: the listing succeeded.
	return location.key.empty() || !page.contents.empty() || !page.common_prefixes.empty();
}

void S3FileSystem::CreateDirectory(const std::string &directory, duckdb::optional_ptr<duckdb::FileOpener> opener) {
	// Prefixes need no creation in a flat namespace: they exist once a key under them does.
}

void S3FileSystem::RemoveDirectory(const std::string &directory, duckdb::optional_ptr<duckdb::FileOpener> opener) {
	auto location = ParsePath(directory);
	auto client = MakeClient(*transport, directory, opener);
	std::vector<std::string> paths;
	ForEachPage(*client, location, DirectoryPrefix(location.key), "", tuning, [&](const s3::ListObjectsPage &page) {
		for (auto &object : page.contents) {
			paths.push_back(location.scheme + location.bucket + "/" + object.key);
		}
	});
	RemoveFiles(paths, opener);
}

bool S3FileSystem::ListFiles(const std::string &directory,
                             const std::function<void(const std::string &, bool)> &callback,
                             duckdb::FileOpener *opener) {
	auto location = ParsePath(directory);
	auto client = MakeClient(*transport, directory, opener);
	auto prefix = DirectoryPrefix(location.key);
	bool any = false;
	ForEachPage(*client, location, prefix, "/", tuning, [&](const s3::ListObjectsPage &page) {
		for (auto &object : page.contents) {
			if (object.key.size() > prefix.size()) {
				callback(object.key.substr(prefix.size()), false);
				any = true;
			}
		}
		for (auto &common : page.common_prefixes) {
			auto name = common.substr(prefix.size());
			if (!name.empty() && name.back() == '/') {
				name.pop_back();
			}
			callback(name, true);
			any = true;
		}
	});
	return any;
}

void S3FileSystem::MoveFile(const std::string &source, const std::string &target,
                            duckdb::optional_ptr<duckdb::FileOpener> opener) {
	auto from = ParsePath(source);
	auto to = ParsePath(target);
	auto client = MakeClient(*transport, target, opener);
	client->CopyObject(from.bucket, from.key, to.bucket, to.key);
	MakeClient(*transport, source, opener)->DeleteObject(from.bucket, from.key);
}

duckdb::vector<duckdb::OpenFileInfo> S3FileSystem::Glob(const std::string &path, duckdb::FileOpener *opener) {
	auto location = ParsePath(path);
	duckdb::vector<duckdb::OpenFileInfo> result;
	if (!HasGlobCharacters(location.key)) {
		// No listing for a plain path: opening it reports a missing object with status and hint.
		result.emplace_back(path);
		return result;
	}
	auto client = MakeClient(*transport, path, opener);
	auto prefix = GlobLiteralPrefix(location.key);
	auto rest = location.key.substr(prefix.size());
	// A wildcard confined to the last segment only needs that one level of the listing.
	auto delimiter = rest.find('/') == std::string::npos && rest.find("**") == std::string::npos ? "/" : "";
	ForEachPage(*client, location, prefix, delimiter, tuning, [&](const s3::ListObjectsPage &page) {
		for (auto &object : page.contents) {
			if (GlobMatch(location.key, object.key)) {
				result.emplace_back(location.scheme + location.bucket + "/" + object.key);
			}
		}
	});
	std::sort(result.begin(), result.end());
	return result;
}

void S3FileSystem::Seek(duckdb::FileHandle &handle, duckdb::idx_t location) {
	auto &s3 = AsS3(handle);
	if (s3.upload && location != s3.upload->BytesAppended()) {
		throw duckdb::IOException("cannot seek in '" + handle.path +
		                          "' while writing: S3 objects are written "
		                          "sequentially");
	}
	s3.position = location;
}

duckdb::idx_t S3FileSystem::SeekPosition(duckdb::FileHandle &handle) {
	auto &s3 = AsS3(handle);
	return s3.upload ? s3.upload->BytesAppended() : s3.position;
}

} // namespace ducklake
