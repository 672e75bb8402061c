//===----------------------------------------------------------------------===//
// server MultipartStore: multipart uploads in progress, under <root>/.s3d/multipart/<upload-id>/
//
// Each upload directory holds `upload` (bucket, key and the metadata the final object will get),
// each uploaded part's `.s3d-meta.part-NNNNN` sidecar (ETag, size, and where its bytes are), and
// the parts' bytes: in the shared `assembly` file, or in a `part-NNNNN` file of their own.
//
// The assembly file spares the completion a copy of every byte. Clients upload parts of one size
// (all but the last), so part N's bytes belong at (N - 1) * stride of the object. The first part
// of at least MULTIPART_PART_BYTES_MIN (and a multiple of 4 KiB, for O_DIRECT) fixes the stride;
// a part no longer than the stride whose slot is still free is then written straight into its
// slot. When Complete lists parts 1..K that all sit in their slots and the assembly file holds
// exactly them, that file is the object: it is linked into .s3d/tmp and published through
// ObjectStore::CommitObject without copying. Anything else (a re-uploaded part, parts of other
// sizes, gaps, parts sent to an upload started before a restart) goes to a part file of its own,
// and Complete concatenates the listed parts (copy_file_range) into a temporary file as before.
// A slot is written by one request only (claimed in memory, kept once the part is recorded), so
// recorded bytes are never overwritten; the claims live in memory, and an upload this process did
// not create never writes into its assembly file.
//
// Re-uploading a part number replaces it atomically. Complete validates the list against what was
// uploaded (InvalidPart, InvalidPartOrder, EntityTooSmall for non-final parts under
// MULTIPART_PART_BYTES_MIN) and publishes with the md5-of-md5s-N ETag; the upload directory is
// removed after. Abandoned uploads older than a configured age are removed by ExpireOlderThan.
// Thread-safe.
//===----------------------------------------------------------------------===//
#pragma once

#include "server/object_store.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
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
	//! Where the bytes start in the upload's assembly file; -1 when the part has a file of its own.
	int64_t assembly_offset = -1;
};

class MultipartStore;

//! Where one UploadPart's bytes go (MultipartStore::OpenPart): a slot of the upload's assembly file
//! or a temporary file. Dropped without MultipartStore::PutPart, it frees the slot again.
class PartDestination {
public:
	~PartDestination();
	PartDestination(const PartDestination &) = delete;
	PartDestination &operator=(const PartDestination &) = delete;
	TempFile &File() {
		return *file;
	}

private:
	friend class MultipartStore;
	PartDestination(MultipartStore &store, std::string upload_id, uint32_t part_number, std::unique_ptr<TempFile> file,
	                int64_t assembly_offset);

	MultipartStore &store;
	const std::string upload_id;
	const uint32_t part_number;
	std::unique_ptr<TempFile> file;
	//! The slot's offset in the assembly file, or -1 (a file of its own).
	const int64_t assembly_offset;
	bool recorded = false;
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
	//! Where part `part_number` of `announced_bytes` is to be written (see the file comment).
	Outcome<std::unique_ptr<PartDestination>> OpenPart(const UploadInfo &upload, uint32_t part_number,
	                                                   uint64_t announced_bytes);
	//! Makes the written part durable and records it (replacing an earlier part of that number).
	Outcome<PartInfo> PutPart(const UploadInfo &upload, uint32_t part_number, PartDestination &data,
	                          const std::string &etag);
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
	friend class PartDestination;
	//! In-memory state of the assembly file of an upload this process created.
	struct Assembly {
		//! Bytes per slot; 0 until a part fixes it.
		uint64_t stride = 0;
		//! Slots being written or holding a recorded part: never written again.
		std::set<uint32_t> claimed;
		//! Claims whose part is still being written.
		size_t writing = 0;
		//! No more claims (Complete started): the file may have become an object.
		bool closed = false;
	};
	std::string UploadDir(const std::string &upload_id) const;
	Outcome<UploadInfo> Load(const std::string &upload_id) const;
	//! A part's destination is done with: its slot stays claimed if the part was recorded.
	void ReleaseSlot(const std::string &upload_id, uint32_t part_number, bool recorded);
	//! Concatenates `parts` into a new temporary file.
	Outcome<std::unique_ptr<TempFile>> Concatenate(const UploadInfo &upload, const std::vector<PartInfo> &parts);
	//! The assembly file linked into .s3d/tmp when it is exactly the object of `parts`; null otherwise.
	Outcome<std::unique_ptr<TempFile>> AssembledObject(const UploadInfo &upload, const std::vector<PartInfo> &parts,
	                                                   uint64_t stride);

	ObjectStore &objects;
	mutable std::mutex mutex;
	std::map<std::string, Assembly> assemblies;
};

//! Pure: the ETag S3 gives a multipart object: hex(md5(concat(raw md5 of each part))) + "-" + count.
std::string MultipartEtag(const std::vector<std::string> &part_md5_hex);

} // namespace server
} // namespace ducklake
