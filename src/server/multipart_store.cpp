#include "server/multipart_store.hpp"

#include "s3/byte_encoding.hpp"
#include "s3/crypto_digest.hpp"
#include "s3/uri_encoding.hpp"

#include <algorithm>
#include <cerrno>
#include <map>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace ducklake {
namespace server {

namespace fs = std::filesystem;
using s3::S3ErrorCode;

//! The file that parts of one size are written into at their place in the object.
static const char *ASSEMBLY_NAME = "assembly";

static std::string PartName(uint32_t part_number) {
	char name[32];
	std::snprintf(name, sizeof(name), "part-%05u", part_number);
	return name;
}

static bool ReadText(const std::string &path, std::string &out) {
	std::ifstream in(path, std::ios::binary);
	if (!in) {
		return false;
	}
	std::ostringstream buffer;
	buffer << in.rdbuf();
	out = buffer.str();
	return true;
}

static bool WriteText(const std::string &path, const std::string &text) {
	std::string temp = path + ".tmp";
	{
		std::ofstream out(temp, std::ios::binary | std::ios::trunc);
		out << text;
		if (!out) {
			return false;
		}
	}
	return rename(temp.c_str(), path.c_str()) == 0;
}

std::string MultipartEtag(const std::vector<std::string> &part_md5_hex) {
	std::string concatenated;
	for (auto &hex : part_md5_hex) {
		auto raw = s3::HexDecode(hex);
		concatenated += raw.Ok() ? raw.Value() : hex;
	}
	return s3::HexEncode(s3::Md5(concatenated)) + "-" + std::to_string(part_md5_hex.size());
}

MultipartStore::MultipartStore(ObjectStore &objects_p) : objects(objects_p) {
}

std::string MultipartStore::UploadDir(const std::string &upload_id) const {
	return objects.InternalPath("multipart/" + upload_id);
}

Outcome<std::string> MultipartStore::Create(const std::string &bucket, const std::string &key,
                                            const ObjectMetadata &metadata) {
	if (!objects.BucketExists(bucket)) {
		return Fail(S3ErrorCode::NO_SUCH_BUCKET, "bucket '" + bucket + "' does not exist");
	}
	std::random_device random;
	std::string raw;
	for (int byte_idx = 0; byte_idx < 24; byte_idx++) {
		raw.push_back(static_cast<char>(random() & 0xff));
	}
	std::string upload_id = s3::HexEncode(raw);
	std::string directory = UploadDir(upload_id);
	if (mkdir(directory.c_str(), 0755) != 0) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot create upload directory: " + std::string(strerror(errno)));
	}
	ObjectMetadata stored = metadata;
	stored.key = key;
	std::string text = "bucket " + s3::UriEncode(bucket, true) + "\ninitiated " + std::to_string(time(nullptr)) + "\n" +
	                   SerializeMetadata(stored);
	if (!WriteText(directory + "/upload", text)) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot record upload in '" + directory + "'");
	}
	std::lock_guard<std::mutex> guard(mutex);
	assemblies[upload_id] = Assembly();
	return upload_id;
}

Outcome<UploadInfo> MultipartStore::Load(const std::string &upload_id) const {
	auto missing = Fail(S3ErrorCode::NO_SUCH_UPLOAD, "upload '" + upload_id + "' does not exist");
	if (upload_id.empty() || upload_id.size() > 128 ||
	    upload_id.find_first_not_of("0123456789abcdef") != std::string::npos) {
		return missing;
	}
	std::string text;
	if (!ReadText(UploadDir(upload_id) + "/upload", text)) {
		return missing;
	}
	std::istringstream lines(text);
	std::string bucket_line, initiated_line;
	std::getline(lines, bucket_line);
	std::getline(lines, initiated_line);
	std::string rest((std::istreambuf_iterator<char>(lines)), std::istreambuf_iterator<char>());
	auto metadata = ParseMetadata(rest);
	auto bucket = s3::UriDecode(bucket_line.substr(bucket_line.find(' ') + 1), false);
	if (!metadata.Ok() || !bucket.Ok()) {
		return missing;
	}
	UploadInfo info;
	info.upload_id = upload_id;
	info.bucket = bucket.Value();
	info.key = metadata.Value().key;
	info.initiated = std::atoll(initiated_line.c_str() + std::min<size_t>(initiated_line.size(), 10));
	info.metadata = metadata.Value();
	return info;
}

Outcome<UploadInfo> MultipartStore::Find(const std::string &upload_id, const std::string &bucket,
                                         const std::string &key) const {
	auto info = Load(upload_id);
	if (!info.Ok() || info.Value().bucket != bucket || info.Value().key != key) {
		return Fail(S3ErrorCode::NO_SUCH_UPLOAD,
		            "upload '" + upload_id + "' does not exist for key '" + key + "' in bucket '" + bucket + "'");
	}
	return info;
}

PartDestination::PartDestination(MultipartStore &store_p, std::string upload_id_p, uint32_t part_number_p,
                                 std::unique_ptr<TempFile> file_p, int64_t assembly_offset_p)
    : store(store_p), upload_id(std::move(upload_id_p)), part_number(part_number_p), file(std::move(file_p)),
      assembly_offset(assembly_offset_p) {
}

PartDestination::~PartDestination() {
	file.reset(); // closes the descriptor before the slot may be handed out again
	if (assembly_offset >= 0) {
		store.ReleaseSlot(upload_id, part_number, recorded);
	}
}

void MultipartStore::ReleaseSlot(const std::string &upload_id, uint32_t part_number, bool recorded) {
	std::lock_guard<std::mutex> guard(mutex);
	auto found = assemblies.find(upload_id);
	if (found == assemblies.end()) {
		return; // completed or aborted meanwhile
	}
	found->second.writing--;
	if (!recorded) {
		found->second.claimed.erase(part_number);
	}
}

Outcome<std::unique_ptr<PartDestination>> MultipartStore::OpenPart(const UploadInfo &upload, uint32_t part_number,
                                                                   uint64_t announced_bytes) {
	int64_t offset = -1;
	uint64_t stride = 0;
	{
		std::lock_guard<std::mutex> guard(mutex);
		auto found = assemblies.find(upload.upload_id);
		if (found != assemblies.end() && !found->second.closed) {
			auto &assembly = found->second;
			if (assembly.stride == 0 && announced_bytes >= MULTIPART_PART_BYTES_MIN &&
			    announced_bytes % DIRECT_WRITE_ALIGNMENT_BYTES == 0) {
				assembly.stride = announced_bytes;
			}
			if (assembly.stride != 0 && announced_bytes > 0 && announced_bytes <= assembly.stride &&
			    assembly.claimed.insert(part_number).second) {
				assembly.writing++;
				stride = assembly.stride;
				offset = int64_t(uint64_t(part_number - 1) * stride);
			}
		}
	}
	if (offset < 0) {
		auto temp = objects.CreateTempFile();
		if (!temp.Ok()) {
			return temp.Failure();
		}
		return std::unique_ptr<PartDestination>(
		    new PartDestination(*this, upload.upload_id, part_number, std::move(temp.Value()), -1));
	}
	std::string path = UploadDir(upload.upload_id) + "/" + ASSEMBLY_NAME;
	int fd = open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	auto file = fd < 0 ? nullptr : std::make_unique<TempFile>(path, fd, uint64_t(offset), announced_bytes);
	// Constructed even on failure, so that the slot is released when it goes.
	std::unique_ptr<PartDestination> destination(
	    new PartDestination(*this, upload.upload_id, part_number, std::move(file), offset));
	if (fd < 0) {
		return Fail(S3ErrorCode::NO_SUCH_UPLOAD, "upload '" + upload.upload_id + "' was completed or aborted");
	}
	return destination;
}

Outcome<PartInfo> MultipartStore::PutPart(const UploadInfo &upload, uint32_t part_number, PartDestination &data,
                                          const std::string &etag) {
	TempFile &file = data.File();
	auto synced = file.SyncAndClose();
	if (!synced.Ok()) {
		return synced.Failure();
	}
	std::lock_guard<std::mutex> guard(mutex);
	std::string directory = UploadDir(upload.upload_id);
	struct stat status;
	if (stat(directory.c_str(), &status) != 0) {
		return Fail(S3ErrorCode::NO_SUCH_UPLOAD, "upload '" + upload.upload_id + "' was completed or aborted");
	}
	PartInfo part {part_number, etag, file.Size(), int64_t(time(nullptr)), data.assembly_offset};
	std::string path = directory + "/" + PartName(part_number);
	std::string record = etag + " " + std::to_string(part.size) + " " + std::to_string(part.last_modified);
	if (part.assembly_offset >= 0) {
		record += " " + std::to_string(part.assembly_offset);
	}
	if (!WriteText(directory + "/.s3d-meta." + PartName(part_number), record)) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot record part " + std::to_string(part_number));
	}
	if (part.assembly_offset >= 0) {
		unlink(path.c_str()); // an earlier upload of this part number that had a file of its own
		data.recorded = true;
		return part;
	}
	if (rename(file.Path().c_str(), path.c_str()) != 0) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot store part: " + std::string(strerror(errno)));
	}
	file.MarkCommitted();
	return part;
}

Outcome<std::vector<PartInfo>> MultipartStore::ListParts(const UploadInfo &upload) const {
	const std::string sidecar_prefix = ".s3d-meta.part-";
	std::string directory = UploadDir(upload.upload_id);
	std::vector<PartInfo> parts;
	std::error_code error;
	for (auto &entry : fs::directory_iterator(directory, error)) {
		std::string name = entry.path().filename().string();
		if (name.compare(0, sidecar_prefix.size(), sidecar_prefix) != 0 || name.size() != sidecar_prefix.size() + 5) {
			continue;
		}
		std::string sidecar;
		if (!ReadText(entry.path().string(), sidecar)) {
			continue;
		}
		PartInfo part;
		part.part_number = uint32_t(std::atoi(name.c_str() + sidecar_prefix.size()));
		std::istringstream fields(sidecar);
		fields >> part.etag >> part.size >> part.last_modified;
		if (!(fields >> part.assembly_offset)) {
			part.assembly_offset = -1;
		}
		// A part file whose size differs from its sidecar is a replaced part whose sidecar was
		// written and whose data was not yet renamed: not a complete part. A part in the assembly
		// file was recorded only after its bytes were synced there.
		struct stat status;
		bool own_file = part.assembly_offset < 0;
		std::string data_path = directory + "/" + (own_file ? PartName(part.part_number) : ASSEMBLY_NAME);
		uint64_t end = own_file ? part.size : uint64_t(part.assembly_offset) + part.size;
		if (stat(data_path.c_str(), &status) != 0 ||
		    (own_file ? uint64_t(status.st_size) != end : uint64_t(status.st_size) < end)) {
			continue;
		}
		parts.push_back(part);
	}
	if (error) {
		return Fail(S3ErrorCode::NO_SUCH_UPLOAD, "upload '" + upload.upload_id + "' does not exist");
	}
	std::sort(parts.begin(), parts.end(),
	          [](const PartInfo &a, const PartInfo &b) { return a.part_number < b.part_number; });
	return parts;
}

static std::string Unquote(const std::string &etag) {
	if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
		return etag.substr(1, etag.size() - 2);
	}
	return etag;
}

Outcome<std::unique_ptr<TempFile>> MultipartStore::Concatenate(const UploadInfo &upload,
                                                               const std::vector<PartInfo> &parts) {
	auto temp = objects.CreateTempFile();
	if (!temp.Ok()) {
		return temp.Failure();
	}
	for (auto &part : parts) {
		bool own_file = part.assembly_offset < 0;
		std::string path = UploadDir(upload.upload_id) + "/" + (own_file ? PartName(part.part_number) : ASSEMBLY_NAME);
		int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			return Fail(S3ErrorCode::INVALID_PART, "part " + std::to_string(part.part_number) + " vanished");
		}
		auto appended = temp.Value()->AppendFile(fd, own_file ? 0 : uint64_t(part.assembly_offset), part.size);
		close(fd);
		if (!appended.Ok()) {
			return appended.Failure();
		}
	}
	return std::move(temp.Value());
}

Outcome<std::unique_ptr<TempFile>>
MultipartStore::AssembledObject(const UploadInfo &upload, const std::vector<PartInfo> &parts, uint64_t stride) {
	uint64_t total = 0;
	for (size_t part_idx = 0; part_idx < parts.size(); part_idx++) {
		auto &part = parts[part_idx];
		bool last = part_idx + 1 == parts.size();
		if (part.part_number != part_idx + 1 || part.assembly_offset != int64_t(part_idx * stride) ||
		    (last ? part.size > stride : part.size != stride)) {
			return std::unique_ptr<TempFile>();
		}
		total += part.size;
	}
	std::string assembly = UploadDir(upload.upload_id) + "/" + ASSEMBLY_NAME;
	struct stat status;
	if (stat(assembly.c_str(), &status) != 0 || uint64_t(status.st_size) != total) {
		return std::unique_ptr<TempFile>(); // bytes of parts not listed: they must not become the object's
	}
	// A second name in .s3d/tmp: a failed commit (a precondition) removes only that name, and the
	// upload keeps its parts.
	auto temp = objects.CreateTempFile();
	if (!temp.Ok()) {
		return temp.Failure();
	}
	std::string path = temp.Value()->Path();
	temp.Value().reset();
	if (link(assembly.c_str(), path.c_str()) != 0) {
		return Fail(S3ErrorCode::NO_SUCH_UPLOAD, "upload '" + upload.upload_id + "' was completed or aborted");
	}
	int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		unlink(path.c_str());
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot open the assembled object: " + std::string(strerror(errno)));
	}
	return std::make_unique<TempFile>(path, fd);
}

Outcome<ObjectMetadata> MultipartStore::Complete(const UploadInfo &upload,
                                                 const std::vector<std::pair<uint32_t, std::string>> &requested,
                                                 const WriteConditions &conditions) {
	uint64_t stride = 0;
	{
		// From here on no part is written into the assembly file, which may become the object.
		std::lock_guard<std::mutex> guard(mutex);
		auto found = assemblies.find(upload.upload_id);
		if (found != assemblies.end()) {
			found->second.closed = true;
			if (found->second.writing == 0) {
				stride = found->second.stride;
			}
		}
	}
	auto listed = ListParts(upload);
	if (!listed.Ok()) {
		return listed.Failure();
	}
	std::map<uint32_t, PartInfo> available;
	for (auto &part : listed.Value()) {
		available[part.part_number] = part;
	}
	std::vector<PartInfo> parts;
	std::vector<std::string> md5s;
	for (size_t part_idx = 0; part_idx < requested.size(); part_idx++) {
		auto found = available.find(requested[part_idx].first);
		if (found == available.end() || found->second.etag != Unquote(requested[part_idx].second)) {
			return Fail(S3ErrorCode::INVALID_PART, "part " + std::to_string(requested[part_idx].first) +
			                                           " was not uploaded or its ETag " + requested[part_idx].second +
			                                           " does not match");
		}
		if (part_idx + 1 < requested.size() && found->second.size < MULTIPART_PART_BYTES_MIN) {
			return Fail(S3ErrorCode::ENTITY_TOO_SMALL, "part " + std::to_string(found->first) + " is " +
			                                               std::to_string(found->second.size) +
			                                               " bytes; every part but the last needs at least 5 MiB");
		}
		parts.push_back(found->second);
		md5s.push_back(found->second.etag);
	}
	std::unique_ptr<TempFile> object;
	if (stride != 0) {
		auto assembled = AssembledObject(upload, parts, stride);
		if (!assembled.Ok()) {
			return assembled.Failure();
		}
		object = std::move(assembled.Value());
	}
	if (!object) {
		auto concatenated = Concatenate(upload, parts);
		if (!concatenated.Ok()) {
			return concatenated.Failure();
		}
		object = std::move(concatenated.Value());
	}
	ObjectMetadata metadata = upload.metadata;
	metadata.etag = MultipartEtag(md5s);
	metadata.parts_count = uint32_t(requested.size());
	auto committed = objects.CommitObject(upload.bucket, upload.key, *object, metadata, conditions);
	if (committed.Ok()) {
		std::lock_guard<std::mutex> guard(mutex);
		assemblies.erase(upload.upload_id);
		std::error_code error;
		fs::remove_all(UploadDir(upload.upload_id), error);
	}
	return committed;
}

Outcome<bool> MultipartStore::Abort(const UploadInfo &upload) {
	std::lock_guard<std::mutex> guard(mutex);
	assemblies.erase(upload.upload_id);
	std::error_code error;
	fs::remove_all(UploadDir(upload.upload_id), error);
	return true;
}

std::vector<UploadInfo> MultipartStore::ListUploads(const std::string &bucket, const std::string &prefix) const {
	std::vector<UploadInfo> uploads;
	std::error_code error;
	for (auto &entry : fs::directory_iterator(objects.InternalPath("multipart"), error)) {
		auto info = Load(entry.path().filename().string());
		if (info.Ok() && info.Value().bucket == bucket && info.Value().key.compare(0, prefix.size(), prefix) == 0) {
			uploads.push_back(info.Value());
		}
	}
	std::sort(uploads.begin(), uploads.end(), [](const UploadInfo &a, const UploadInfo &b) {
		return a.key != b.key ? a.key < b.key : a.initiated < b.initiated;
	});
	if (uploads.size() > MULTIPART_UPLOADS_LIST_MAX) {
		uploads.resize(MULTIPART_UPLOADS_LIST_MAX);
	}
	return uploads;
}

bool MultipartStore::HasUploads(const std::string &bucket) const {
	return !ListUploads(bucket, "").empty();
}

size_t MultipartStore::ExpireOlderThan(int64_t age_seconds) {
	size_t removed = 0;
	int64_t now = time(nullptr);
	std::error_code error;
	for (auto &entry : fs::directory_iterator(objects.InternalPath("multipart"), error)) {
		auto info = Load(entry.path().filename().string());
		struct stat status;
		int64_t initiated = info.Ok() ? info.Value().initiated
		                              : (stat(entry.path().c_str(), &status) == 0 ? int64_t(status.st_mtime) : now);
		if (now - initiated > age_seconds) {
			std::lock_guard<std::mutex> guard(mutex);
			assemblies.erase(entry.path().filename().string());
			std::error_code remove_error;
			fs::remove_all(entry.path(), remove_error);
			removed++;
		}
	}
	return removed;
}

} // namespace server
} // namespace ducklake
