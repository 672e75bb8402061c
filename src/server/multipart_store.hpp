//===----------------------------------------------------------------------===//
// server MultipartStore: multipart uploads in progress, under <root>/.s3d/multipart/<upload-id>/
//
// Each upload directory holds `upload` (bucket, key and the metadata the final object will get),
// and one `part-NNNNN` file per uploaded part with its `.s3d-meta.part-NNNNN` sidecar (ETag, size).
// Re-uploading a part number replaces it atomically. Complete validates the list against what was
// uploaded (InvalidPart, InvalidPartOrder, EntityTooSmall for non-final parts under
// MULTIPART_PART_BYTES_MIN), concatenates into a temporary file and publishes it through
// ObjectStore::CommitObject with the md5-of-md5s-N ETag; the upload directory is removed after.
// Abandoned uploads older than a configured age are removed by ExpireOlderThan. Thread-safe.
//===----------------------------------------------------------------------===//
#pragma once

#include "server/object_store.hpp"

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace ducklake {
namespace server {

constexpr uint64_t MULTIPART_PART_BYTES_MIN = 5ull * 1024 * 1024;
constexpr uint64_t MULTIPART_PART_BYTES_MAX = 5ull * 1024 * 1024 * 1024;
//! Bound on uploads listed in one ListMultipartUploads response.
constexpr size_t MULTIPART_UPLOADS_LIST_MAX = 1000;

struct PartInfo {
	uint32_t part_number = 0;
	std::string etag; // unquoted
	uint64_t size = 0;
	int64_t last_modified = 0;
};

struct UploadInfo {
	std::string upload_id;
	std::string bucket;
	std::string key;
	int64_t initiated = 0;
	ObjectMetadata metadata;
};

class MultipartStore {
public:
	explicit MultipartStore(ObjectStore &objects);

	Outcome<std::string> Create(const std::string &bucket, const std::string &key, const ObjectMetadata &metadata);
	//! NO_SUCH_UPLOAD unless the upload exists for this bucket and key.
	Outcome<UploadInfo> Find(const std::string &upload_id, const std::string &bucket, const std::string &key) const;
	Outcome<PartInfo> PutPart(const UploadInfo &upload, uint32_t part_number, TempFile &data, const std::string &etag);
	Outcome<std::vector<PartInfo>> ListParts(const UploadInfo &upload) const;
	//! `requested` must be ascending (the XML parser checks); each ETag compared without quotes.
	Outcome<ObjectMetadata> Complete(const UploadInfo &upload,
	                                 const std::vector<std::pair<uint32_t, std::string>> &requested,
	                                 const WriteConditions &conditions);
	Outcome<bool> Abort(const UploadInfo &upload);
	std::vector<UploadInfo> ListUploads(const std::string &bucket, const std::string &prefix) const;
	//! True when any upload targets `bucket` (a bucket with uploads in progress is not empty).
	bool HasUploads(const std::string &bucket) const;
	//! Removes uploads initiated more than `age_seconds` ago; returns how many.
	size_t ExpireOlderThan(int64_t age_seconds);

private:
	std::string UploadDir(const std::string &upload_id) const;
	Outcome<UploadInfo> Load(const std::string &upload_id) const;

	ObjectStore &objects;
	mutable std::mutex mutex;
};

//! Pure: the ETag S3 gives a multipart object: hex(md5(concat(raw md5 of each part))) + "-" + count.
std::string MultipartEtag(const std::vector<std::string> &part_md5_hex);

} // namespace server
} // namespace ducklake
