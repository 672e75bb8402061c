#include "server/object_store.hpp"

#include "s3/byte_encoding.hpp"
#include "s3/crypto_digest.hpp"
#include "s3/s3_url.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace ducklake {
namespace server {

namespace fs = std::filesystem;
using s3::S3ErrorCode;

static const char *SIDECAR_PREFIX = ".s3d-meta.";
static const char *INTERNAL_DIR = ".s3d";
//! Retries of the mkdir+rename step when a concurrent delete prunes a directory in between.
static constexpr int COMMIT_RENAME_ATTEMPTS_MAX = 4;

static std::string ErrnoText() {
	return std::strerror(errno);
}

static std::string RandomHex(size_t bytes) {
	static thread_local std::mt19937_64 generator(std::random_device {}() ^ uint64_t(time(nullptr)) ^
	                                              uint64_t(reinterpret_cast<uintptr_t>(&bytes)));
	std::string raw;
	for (size_t byte_idx = 0; byte_idx < bytes; byte_idx++) {
		raw.push_back(static_cast<char>(generator() & 0xff));
	}
	return s3::HexEncode(raw);
}

static std::string SidecarFor(const std::string &data_path) {
	size_t slash = data_path.rfind('/');
	return data_path.substr(0, slash + 1) + SIDECAR_PREFIX + data_path.substr(slash + 1);
}

//! The metadata stored on the data file itself, or false when it has none (or cannot be read).
static bool ReadMetadataXattr(const std::string &data_path, std::string &out) {
	char buffer[METADATA_FILE_BYTES_MAX];
	ssize_t got = getxattr(data_path.c_str(), METADATA_XATTR, buffer, sizeof(buffer));
	if (got < 0) {
		return false;
	}
	out.assign(buffer, size_t(got));
	return true;
}

static void FsyncDirectory(const std::string &path) {
	int fd = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

//! Reads a whole small file (a sidecar, a bucket record); false when missing or over the bound.
static bool ReadSmallFile(const std::string &path, std::string &out) {
	int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		return false;
	}
	char buffer[METADATA_FILE_BYTES_MAX + 1];
	size_t filled = 0;
	while (filled < sizeof(buffer)) {
		ssize_t got = read(fd, buffer + filled, sizeof(buffer) - filled);
		if (got < 0 && errno == EINTR) {
			continue;
		}
		if (got <= 0) {
			break;
		}
		filled += size_t(got);
	}
	close(fd);
	if (filled > METADATA_FILE_BYTES_MAX) {
		return false;
	}
	out.assign(buffer, filled);
	return true;
}

static Outcome<bool> WriteFileSynced(const std::string &path, const std::string &content) {
	int fd = open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0644);
	if (fd < 0) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot create '" + path + "': " + ErrnoText());
	}
	size_t written = 0;
	while (written < content.size()) {
		ssize_t result = write(fd, content.data() + written, content.size() - written);
		if (result < 0 && errno == EINTR) {
			continue;
		}
		if (result <= 0) {
			std::string error = ErrnoText();
			close(fd);
			return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot write '" + path + "': " + error);
		}
		written += size_t(result);
	}
	fsync(fd);
	close(fd);
	return true;
}

std::string BrowsableRelativePath(const std::string &key) {
	if (key.empty() || key.size() > s3::OBJECT_KEY_BYTES_MAX) {
		return "";
	}
	size_t start = 0;
	while (true) {
		size_t slash = key.find('/', start);
		std::string segment = key.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
		if (segment.empty() || segment == "." || segment == ".." || segment.compare(0, 4, ".s3d") == 0 ||
		    segment.size() > KEY_SEGMENT_BYTES_MAX || segment.find('\0') != std::string::npos) {
			return "";
		}
		if (slash == std::string::npos) {
			break;
		}
		start = slash + 1;
	}
	return key;
}

ObjectStore::ObjectStore(std::string root_p) : root(std::move(root_p)) {
	while (root.size() > 1 && root.back() == '/') {
		root.pop_back();
	}
}

ObjectStore::~ObjectStore() {
	replaced_files.Drain(); // while this process still holds the root
	if (lock_fd >= 0) {
		close(lock_fd);
	}
}

std::string ObjectStore::InternalPath(const std::string &relative) const {
	return root + "/" + INTERNAL_DIR + "/" + relative;
}

Outcome<bool> ObjectStore::Open() {
	std::error_code error;
	if (!fs::is_directory(root, error)) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "root '" + root + "' is not a directory; create it or pass --root");
	}
	for (auto sub : {"tmp", "hashed", "multipart", "buckets"}) {
		fs::create_directories(InternalPath(sub), error);
		if (error) {
			return Fail(S3ErrorCode::INTERNAL_ERROR,
			            "cannot create '" + InternalPath(sub) + "': " + error.message() + "; is the root writable?");
		}
	}
	lock_fd = open(InternalPath("lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
	if (lock_fd < 0 || flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
		return Fail(S3ErrorCode::INTERNAL_ERROR,
		            "root '" + root + "' is in use by another ducklake-s3d (lock " + InternalPath("lock") + ")");
	}
	// Leftovers of writes interrupted by a crash: never visible, now removed.
	for (auto &entry : fs::directory_iterator(InternalPath("tmp"), error)) {
		fs::remove_all(entry.path(), error);
	}
	for (auto &bucket_dir : fs::directory_iterator(InternalPath("hashed"), error)) {
		for (auto &entry : fs::recursive_directory_iterator(bucket_dir.path(), error)) {
			std::string name = entry.path().filename().string();
			if (!entry.is_regular_file() || name.compare(0, strlen(SIDECAR_PREFIX), SIDECAR_PREFIX) == 0) {
				continue;
			}
			// The key of a hashed object is only in its metadata: on the file, or in a sidecar.
			std::string text;
			if (!ReadMetadataXattr(entry.path().string(), text) &&
			    !ReadSmallFile(SidecarFor(entry.path().string()), text)) {
				continue;
			}
			auto metadata = ParseMetadata(text);
			if (metadata.Ok()) {
				hashed_keys[bucket_dir.path().filename().string()].insert(metadata.Value().key);
			}
		}
	}
	return true;
}

std::vector<BucketInfo> ObjectStore::ListBuckets() const {
	std::vector<BucketInfo> buckets;
	std::error_code error;
	for (auto &entry : fs::directory_iterator(root, error)) {
		std::string name = entry.path().filename().string();
		if (!entry.is_directory() || !s3::ValidateBucketName(name).Ok()) {
			continue;
		}
		BucketInfo info {name, 0};
		struct stat status;
		std::string record;
		if (ReadSmallFile(InternalPath("buckets/" + name), record) && !record.empty()) {
			info.created = std::atoll(record.c_str());
		} else if (stat(entry.path().c_str(), &status) == 0) {
			info.created = status.st_mtime;
		}
		buckets.push_back(info);
	}
	std::sort(buckets.begin(), buckets.end(), [](const BucketInfo &a, const BucketInfo &b) { return a.name < b.name; });
	return buckets;
}

bool ObjectStore::BucketExists(const std::string &bucket) const {
	if (bucket.empty() || bucket[0] == '.' || bucket.find('/') != std::string::npos) {
		return false;
	}
	struct stat status;
	return stat((root + "/" + bucket).c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

Outcome<bool> ObjectStore::CreateBucket(const std::string &bucket) {
	auto valid = s3::ValidateBucketName(bucket);
	if (!valid.Ok()) {
		return Fail(S3ErrorCode::INVALID_BUCKET_NAME, valid.Error());
	}
	std::lock_guard<std::mutex> guard(bucket_mutex);
	std::string path = root + "/" + bucket;
	if (mkdir(path.c_str(), 0755) != 0) {
		if (errno == EEXIST) {
			return Fail(S3ErrorCode::BUCKET_ALREADY_OWNED_BY_YOU, "bucket '" + bucket + "' already exists");
		}
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot create bucket directory '" + path + "': " + ErrnoText());
	}
	auto recorded = WriteFileSynced(InternalPath("buckets/" + bucket), std::to_string(time(nullptr)));
	FsyncDirectory(root);
	return recorded;
}

Outcome<bool> ObjectStore::DeleteBucket(const std::string &bucket) {
	std::lock_guard<std::mutex> guard(bucket_mutex);
	if (!BucketExists(bucket)) {
		return Fail(S3ErrorCode::NO_SUCH_BUCKET, "bucket '" + bucket + "' does not exist");
	}
	{
		std::lock_guard<std::mutex> hashed_guard(hashed_mutex);
		auto entry = hashed_keys.find(bucket);
		if (entry != hashed_keys.end() && !entry->second.empty()) {
			return Fail(S3ErrorCode::BUCKET_NOT_EMPTY,
			            "bucket '" + bucket + "' still holds objects; delete them first");
		}
	}
	std::error_code error;
	for (auto &entry : fs::recursive_directory_iterator(root + "/" + bucket, error)) {
		if (!entry.is_directory()) {
			return Fail(S3ErrorCode::BUCKET_NOT_EMPTY,
			            "bucket '" + bucket + "' still holds objects; delete them first");
		}
	}
	fs::remove_all(root + "/" + bucket, error);
	if (error) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot remove bucket '" + bucket + "': " + error.message());
	}
	fs::remove_all(InternalPath("hashed/" + bucket), error);
	unlink(InternalPath("buckets/" + bucket).c_str());
	FsyncDirectory(root);
	return true;
}

Outcome<std::unique_ptr<TempFile>> ObjectStore::CreateTempFile() {
	std::string path = InternalPath("tmp/" + RandomHex(16));
	int fd = open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
	if (fd < 0) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot create temporary file '" + path + "': " + ErrnoText());
	}
	return std::unique_ptr<TempFile>(new TempFile(path, fd));
}

std::mutex &ObjectStore::StripeFor(const std::string &bucket, const std::string &key) {
	return stripes[std::hash<std::string>()(bucket + '\0' + key) % LOCK_STRIPES];
}

ObjectStore::Location ObjectStore::HashedLocation(const std::string &bucket, const std::string &key) const {
	std::string digest = s3::Sha256Hex(key);
	Location location;
	location.hashed = true;
	location.data_path = InternalPath("hashed/" + bucket + "/" + digest.substr(0, 2) + "/" + digest);
	location.sidecar_path = SidecarFor(location.data_path);
	return location;
}

ObjectStore::Location ObjectStore::Locate(const std::string &bucket, const std::string &key) const {
	struct stat status;
	std::string relative = BrowsableRelativePath(key);
	if (!relative.empty()) {
		Location location;
		location.data_path = root + "/" + bucket + "/" + relative;
		location.sidecar_path = SidecarFor(location.data_path);
		if (stat(location.data_path.c_str(), &status) == 0 && S_ISREG(status.st_mode)) {
			location.exists = true;
			return location;
		}
	}
	Location hashed = HashedLocation(bucket, key);
	hashed.exists = stat(hashed.data_path.c_str(), &status) == 0 && S_ISREG(status.st_mode);
	return hashed;
}

Outcome<ObjectMetadata> ObjectStore::ReadMetadata(const Location &location, const std::string &key) const {
	struct stat status;
	if (stat(location.data_path.c_str(), &status) != 0) {
		return Fail(S3ErrorCode::NO_SUCH_KEY, "key '" + key + "' does not exist");
	}
	int64_t mtime_ns = int64_t(status.st_mtim.tv_sec) * 1000000000 + status.st_mtim.tv_nsec;
	std::string text;
	if (ReadMetadataXattr(location.data_path, text) || ReadSmallFile(location.sidecar_path, text)) {
		auto parsed = ParseMetadata(text);
		if (parsed.Ok() && parsed.Value().size == uint64_t(status.st_size) &&
		    parsed.Value().data_mtime_ns == mtime_ns && parsed.Value().key == key) {
			return parsed.Value();
		}
	}
	// A file without (matching) sidecar: put there by hand, or new bytes whose sidecar rename a crash
	// prevented. Describe it from the file; the ETag is derived from size and mtime, not an MD5.
	ObjectMetadata metadata;
	metadata.key = key;
	metadata.size = uint64_t(status.st_size);
	metadata.last_modified = status.st_mtime;
	metadata.data_mtime_ns = mtime_ns;
	metadata.etag = s3::HexEncode(s3::Md5(std::to_string(mtime_ns) + ":" + std::to_string(status.st_size)));
	return metadata;
}

Outcome<ObjectMetadata> ObjectStore::CommitObject(const std::string &bucket, const std::string &key, TempFile &data,
                                                  ObjectMetadata metadata, const WriteConditions &conditions) {
	if (!BucketExists(bucket)) {
		return Fail(S3ErrorCode::NO_SUCH_BUCKET, "bucket '" + bucket + "' does not exist");
	}
	// Outside the key's lock: describe the bytes, put the metadata on the file and make both durable
	// with one fsync. A file system without user extended attributes (or metadata too large for
	// them) gets a sidecar file instead, synced on its own.
	struct stat status;
	if (!data.Stat(status)) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "temporary file vanished: " + ErrnoText());
	}
	metadata.key = key;
	metadata.size = uint64_t(status.st_size);
	metadata.data_mtime_ns = int64_t(status.st_mtim.tv_sec) * 1000000000 + status.st_mtim.tv_nsec;
	metadata.last_modified = status.st_mtim.tv_sec;
	std::string metadata_text = SerializeMetadata(metadata);
	bool metadata_on_file = data.AttachMetadata(metadata_text);
	auto synced = data.SyncAndClose();
	if (!synced.Ok()) {
		return synced.Failure();
	}
	std::string sidecar_temp;
	if (!metadata_on_file) {
		sidecar_temp = InternalPath("tmp/" + RandomHex(16));
		auto written = WriteFileSynced(sidecar_temp, metadata_text);
		if (!written.Ok()) {
			unlink(sidecar_temp.c_str());
			return written.Failure();
		}
	}
	struct SidecarTempGuard {
		std::string &path;
		~SidecarTempGuard() {
			if (!path.empty()) {
				unlink(path.c_str());
			}
		}
	} sidecar_guard {sidecar_temp};
	// A second name for the object this write replaces, so that the rename does not free its blocks
	// (see file_remover.hpp); unlinked here if the write fails, by replaced_files once it succeeded.
	std::string replaced_link;
	struct ReplacedLinkGuard {
		std::string &path;
		~ReplacedLinkGuard() {
			if (!path.empty()) {
				unlink(path.c_str());
			}
		}
	} replaced_guard {replaced_link};

	std::unique_lock<std::mutex> guard(StripeFor(bucket, key));
	Location location = Locate(bucket, key);
	if (conditions.if_none_match_any && location.exists) {
		return Fail(S3ErrorCode::PRECONDITION_FAILED,
		            "key '" + key + "' already exists and the write asked If-None-Match: *");
	}
	if (!conditions.if_match.empty()) {
		if (!location.exists) {
			return Fail(S3ErrorCode::NO_SUCH_KEY, "key '" + key + "' does not exist and the write asked If-Match");
		}
		auto current = ReadMetadata(location, key);
		if (!current.Ok()) {
			return current.Failure();
		}
		if (conditions.if_match != "*" && conditions.if_match != current.Value().etag) {
			return Fail(S3ErrorCode::PRECONDITION_FAILED, "key '" + key + "' has ETag \"" + current.Value().etag +
			                                                  "\", not the \"" + conditions.if_match +
			                                                  "\" the write asked for with If-Match");
		}
	}

	for (int attempt = 0; attempt < COMMIT_RENAME_ATTEMPTS_MAX; attempt++) {
		Location target = location;
		if (!location.exists) {
			target = HashedLocation(bucket, key);
			std::string relative = BrowsableRelativePath(key);
			if (!relative.empty()) {
				std::string path = root + "/" + bucket + "/" + relative;
				std::error_code error;
				fs::create_directories(fs::path(path).parent_path(), error);
				struct stat existing;
				bool is_directory = stat(path.c_str(), &existing) == 0 && S_ISDIR(existing.st_mode);
				if (!error && !is_directory) {
					target.hashed = false;
					target.data_path = path;
					target.sidecar_path = SidecarFor(path);
				}
			}
			if (target.hashed) {
				std::error_code error;
				fs::create_directories(fs::path(target.data_path).parent_path(), error);
			}
		}
		if (location.exists && replaced_link.empty()) {
			replaced_link = InternalPath("tmp/" + RandomHex(16));
			if (link(target.data_path.c_str(), replaced_link.c_str()) != 0) {
				replaced_link.clear(); // e.g. no hard links here: the rename frees the old file itself
			}
		}
		if (rename(data.Path().c_str(), target.data_path.c_str()) != 0) {
			int rename_errno = errno;
			if (rename_errno == ENOENT && attempt + 1 < COMMIT_RENAME_ATTEMPTS_MAX) {
				continue;
			}
			return Fail(S3ErrorCode::INTERNAL_ERROR,
			            "cannot move object into '" + target.data_path + "': " + std::strerror(rename_errno));
		}
		data.MarkCommitted();
		if (metadata_on_file) {
			// A sidecar left from an earlier version (or an older server) no longer describes this file.
			unlink(target.sidecar_path.c_str());
		} else if (rename(sidecar_temp.c_str(), target.sidecar_path.c_str()) == 0) {
			sidecar_temp.clear();
		}
		if (target.hashed) {
			std::lock_guard<std::mutex> hashed_guard(hashed_mutex);
			hashed_keys[bucket].insert(key);
		}
		// Durable before it is acknowledged: concurrent writers into one directory share the fsync.
		std::string directory = fs::path(target.data_path).parent_path().string();
		if (!directory_sync.SyncAfterChange(directory)) {
			return Fail(S3ErrorCode::INTERNAL_ERROR, "the object was written but its directory '" + directory +
			                                             "' cannot be synced: " + ErrnoText());
		}
		if (!replaced_link.empty()) {
			replaced_files.Remove(std::move(replaced_link));
			replaced_link.clear();
		}
		return metadata;
	}
	return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot place key '" + key + "' after repeated directory races");
}

Outcome<ObjectMetadata> ObjectStore::HeadObject(const std::string &bucket, const std::string &key) {
	if (!BucketExists(bucket)) {
		return Fail(S3ErrorCode::NO_SUCH_BUCKET, "bucket '" + bucket + "' does not exist");
	}
	std::lock_guard<std::mutex> guard(StripeFor(bucket, key));
	Location location = Locate(bucket, key);
	if (!location.exists) {
		return Fail(S3ErrorCode::NO_SUCH_KEY, "key '" + key + "' does not exist in bucket '" + bucket + "'");
	}
	return ReadMetadata(location, key);
}

Outcome<OpenedObject> ObjectStore::OpenObject(const std::string &bucket, const std::string &key) {
	if (!BucketExists(bucket)) {
		return Fail(S3ErrorCode::NO_SUCH_BUCKET, "bucket '" + bucket + "' does not exist");
	}
	std::lock_guard<std::mutex> guard(StripeFor(bucket, key));
	Location location = Locate(bucket, key);
	if (!location.exists) {
		return Fail(S3ErrorCode::NO_SUCH_KEY, "key '" + key + "' does not exist in bucket '" + bucket + "'");
	}
	auto metadata = ReadMetadata(location, key);
	if (!metadata.Ok()) {
		return metadata.Failure();
	}
	OpenedObject opened;
	opened.metadata = metadata.Value();
	opened.file = std::make_shared<FileRegion>();
	opened.file->fd = open(location.data_path.c_str(), O_RDONLY | O_CLOEXEC);
	if (opened.file->fd < 0) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot open '" + location.data_path + "': " + ErrnoText());
	}
	opened.file->length = opened.metadata.size;
	return opened;
}

void ObjectStore::PruneEmptyDirectories(const std::string &bucket, const std::string &data_path) const {
	std::string bucket_dir = root + "/" + bucket;
	fs::path directory = fs::path(data_path).parent_path();
	while (directory.string().size() > bucket_dir.size() &&
	       directory.string().compare(0, bucket_dir.size(), bucket_dir) == 0) {
		if (rmdir(directory.c_str()) != 0) {
			break;
		}
		directory = directory.parent_path();
	}
}

Outcome<bool> ObjectStore::DeleteObject(const std::string &bucket, const std::string &key) {
	if (!BucketExists(bucket)) {
		return Fail(S3ErrorCode::NO_SUCH_BUCKET, "bucket '" + bucket + "' does not exist");
	}
	std::lock_guard<std::mutex> guard(StripeFor(bucket, key));
	Location location = Locate(bucket, key);
	if (!location.exists) {
		return true;
	}
	unlink(location.sidecar_path.c_str());
	if (unlink(location.data_path.c_str()) != 0 && errno != ENOENT) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot delete '" + location.data_path + "': " + ErrnoText());
	}
	directory_sync.SyncAfterChange(fs::path(location.data_path).parent_path().string());
	if (location.hashed) {
		std::lock_guard<std::mutex> hashed_guard(hashed_mutex);
		hashed_keys[bucket].erase(key);
	} else {
		PruneEmptyDirectories(bucket, location.data_path);
	}
	return true;
}

Outcome<std::vector<std::string>> ObjectStore::ListKeys(const std::string &bucket, const std::string &prefix,
                                                        const std::string &after) {
	if (!BucketExists(bucket)) {
		return Fail(S3ErrorCode::NO_SUCH_BUCKET, "bucket '" + bucket + "' does not exist");
	}
	std::vector<std::string> keys;
	auto consider = [&](const std::string &key) {
		if (key.compare(0, prefix.size(), prefix) == 0 && key > after) {
			keys.push_back(key);
		}
	};
	// Walk only the directory the prefix names, when it is a browsable path.
	std::string bucket_dir = root + "/" + bucket;
	std::string start_relative;
	size_t last_slash = prefix.rfind('/');
	if (last_slash != std::string::npos) {
		std::string directory_part = prefix.substr(0, last_slash);
		if (!BrowsableRelativePath(directory_part).empty()) {
			start_relative = directory_part + "/";
		}
	}
	std::error_code error;
	fs::path start = fs::path(bucket_dir + "/" + start_relative);
	if (fs::is_directory(start, error)) {
		size_t scanned = 0;
		for (auto iterator = fs::recursive_directory_iterator(start, error);
		     iterator != fs::recursive_directory_iterator(); iterator.increment(error)) {
			if (error) {
				break;
			}
			if (++scanned > LIST_SCAN_KEYS_MAX) {
				return Fail(S3ErrorCode::INTERNAL_ERROR, "bucket '" + bucket + "' has more than " +
				                                             std::to_string(LIST_SCAN_KEYS_MAX) +
				                                             " entries under the prefix; list a narrower prefix");
			}
			std::string name = iterator->path().filename().string();
			if (name.compare(0, 4, ".s3d") == 0) {
				if (iterator->is_directory()) {
					iterator.disable_recursion_pending();
				}
				continue;
			}
			if (!iterator->is_regular_file()) {
				continue;
			}
			consider(iterator->path().string().substr(bucket_dir.size() + 1));
		}
	}
	{
		std::lock_guard<std::mutex> hashed_guard(hashed_mutex);
		auto entry = hashed_keys.find(bucket);
		if (entry != hashed_keys.end()) {
			for (auto iterator = entry->second.lower_bound(prefix); iterator != entry->second.end(); ++iterator) {
				if (iterator->compare(0, prefix.size(), prefix) != 0) {
					break;
				}
				consider(*iterator);
			}
		}
	}
	std::sort(keys.begin(), keys.end());
	keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
	return keys;
}

} // namespace server
} // namespace ducklake
