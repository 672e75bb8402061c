//===----------------------------------------------------------------------===//
// server ObjectStore: buckets and objects on local disk, as a tree a person can browse
//
// Layout under the root directory:
//   <bucket>/<key>                     object bytes, for keys that map cleanly onto a path; the
//                                      object's metadata (object_metadata.hpp) is the extended
//                                      attribute user.ducklake.s3d of this file
//   <bucket>/<dir>/.s3d-meta.<name>    metadata sidecar instead, where the file system has no
//                                      user xattrs (or the metadata is too large for one)
//   .s3d/hashed/<bucket>/<xx>/<sha256> objects whose keys cannot be a path (see PlaceKey)
//   .s3d/buckets/<bucket>              bucket creation record
//   .s3d/multipart/<upload-id>/        multipart uploads in progress (multipart_store.hpp)
//   .s3d/tmp/                          files being written; emptied at startup
//   .s3d/lock                          flock held while a server uses this root
// A key maps to <bucket>/<key> when every '/'-separated segment is non-empty, not "." or "..",
// does not start with ".s3d", and is at most KEY_SEGMENT_BYTES_MAX bytes, and when the path does
// not collide with the other kind of entry (a key "a" while "a/b" exists makes "a" a directory).
// Every other key - "dir/" folder markers, "a//b", "../x", collisions - lives in the hashed area,
// and listings merge both places, so every valid S3 key works.
//
// Durability: objects are written to .s3d/tmp, their metadata attached as an xattr, fsynced once
// (data and metadata together), renamed into place and the directory fsynced (one fsync shared by
// concurrent writers into that directory, see directory_sync.hpp) before the write is acknowledged.
// A crash never shows a partial object or metadata of other bytes. With sidecars, the sidecar is
// renamed after the data; a crash between the two renames leaves new bytes with a stale sidecar,
// which is detected (size and mtime recorded in the metadata) and ignored. Writers of one key serialise on a lock
// stripe, which also makes conditional writes (If-Match, If-None-Match: *) atomic. One process per root (flock). All
// methods are thread-safe.
//===----------------------------------------------------------------------===//
#pragma once

#include "server/directory_sync.hpp"
#include "server/file_remover.hpp"
#include "server/http_exchange.hpp"
#include "server/object_metadata.hpp"
#include "server/s3_outcome.hpp"
#include "server/temp_file.hpp"

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <vector>

namespace ducklake {
namespace server {

constexpr size_t KEY_SEGMENT_BYTES_MAX = 200;
//! Bound on keys one listing may scan before giving up with an error.
constexpr size_t LIST_SCAN_KEYS_MAX = 5 * 1000 * 1000;
constexpr size_t LOCK_STRIPES = 64;
//! Replaced objects waiting to be unlinked in the background; more are unlinked in the request.
constexpr size_t REPLACED_FILES_QUEUED_MAX = 64;

//! Pure: the path of `key` relative to the bucket directory when it qualifies for the browsable
//! tree (see above), or "" when it must go to the hashed area.
std::string BrowsableRelativePath(const std::string &key);

struct BucketInfo {
	std::string name;
	int64_t created = 0;
};

struct WriteConditions {
	//! Unquoted ETag that must match the current object, or "*" for "must exist"; empty = none.
	std::string if_match;
	//! If-None-Match: * - fail when the key exists.
	bool if_none_match_any = false;
};

struct OpenedObject {
	ObjectMetadata metadata;
	//! The whole data file; callers narrow offset/length for ranges.
	std::shared_ptr<FileRegion> file;
};

class ObjectStore {
public:
	explicit ObjectStore(std::string root);
	//! Releases the root lock.
	~ObjectStore();
	ObjectStore(const ObjectStore &) = delete;
	ObjectStore &operator=(const ObjectStore &) = delete;

	//! Creates the internal directories, takes the root lock, empties .s3d/tmp and indexes the
	//! hashed area. Fails when the root is not a writable directory or another server holds it.
	Outcome<bool> Open();
	const std::string &Root() const {
		return root;
	}

	std::vector<BucketInfo> ListBuckets() const;
	bool BucketExists(const std::string &bucket) const;
	//! BUCKET_ALREADY_OWNED_BY_YOU when it exists; INVALID_BUCKET_NAME per the S3 naming rules.
	Outcome<bool> CreateBucket(const std::string &bucket);
	//! NO_SUCH_BUCKET, or BUCKET_NOT_EMPTY while any object or multipart upload remains.
	Outcome<bool> DeleteBucket(const std::string &bucket);

	Outcome<std::unique_ptr<TempFile>> CreateTempFile();
	//! Publishes `data` (written, and normally still open) as `key`, atomically and durably (the
	//! data, its metadata and the directory entry are synced before this returns), subject to
	//! `conditions`: PRECONDITION_FAILED when If-None-Match: * meets an existing key or If-Match
	//! another ETag, NO_SUCH_KEY when If-Match names a missing key. `metadata` gets key, size and
	//! mtime filled in.
	Outcome<ObjectMetadata> CommitObject(const std::string &bucket, const std::string &key, TempFile &data,
	                                     ObjectMetadata metadata, const WriteConditions &conditions);
	Outcome<ObjectMetadata> HeadObject(const std::string &bucket, const std::string &key);
	//! Metadata and an open descriptor taken together under the key's lock, so they always agree.
	Outcome<OpenedObject> OpenObject(const std::string &bucket, const std::string &key);
	//! Deleting a missing key succeeds, as in S3. NO_SUCH_BUCKET for a missing bucket.
	Outcome<bool> DeleteObject(const std::string &bucket, const std::string &key);
	//! All keys starting with `prefix` and sorting after `after`, ascending (byte order).
	Outcome<std::vector<std::string>> ListKeys(const std::string &bucket, const std::string &prefix,
	                                           const std::string &after);

	//! Where multipart uploads and temp files live (for MultipartStore).
	std::string InternalPath(const std::string &relative) const;

private:
	struct Location {
		bool exists = false;
		bool hashed = false;
		std::string data_path;
		std::string sidecar_path;
	};
	std::mutex &StripeFor(const std::string &bucket, const std::string &key);
	Location Locate(const std::string &bucket, const std::string &key) const;
	Location HashedLocation(const std::string &bucket, const std::string &key) const;
	Outcome<ObjectMetadata> ReadMetadata(const Location &location, const std::string &key) const;
	void PruneEmptyDirectories(const std::string &bucket, const std::string &data_path) const;

	std::string root;
	int lock_fd = -1;
	std::array<std::mutex, LOCK_STRIPES> stripes;
	mutable std::mutex hashed_mutex;
	std::map<std::string, std::set<std::string>> hashed_keys;
	mutable std::mutex bucket_mutex;
	DirectorySync directory_sync;
	//! Replaced objects, unlinked after the replacing write is acknowledged (see file_remover.hpp).
	FileRemover replaced_files {REPLACED_FILES_QUEUED_MAX};
};

} // namespace server
} // namespace ducklake
