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

Outcome<PartInfo> MultipartStore::PutPart(const UploadInfo &upload, uint32_t part_number, TempFile &data,
                                          const std::string &etag) {
	auto synced = data.SyncAndClose();
	if (!synced.Ok()) {
		return synced.Failure();
	}
	std::lock_guard<std::mutex> guard(mutex);
	std::string directory = UploadDir(upload.upload_id);
	struct stat status;
	if (stat(directory.c_str(), &status) != 0) {
		return Fail(S3ErrorCode::NO_SUCH_UPLOAD, "upload '" + upload.upload_id + "' was completed or aborted");
	}
	PartInfo part {part_number, etag, data.Size(), int64_t(time(nullptr))};
	std::string path = directory + "/" + PartName(part_number);
	if (!WriteText(directory + "/.s3d-meta." + PartName(part_number),
	               etag + " " + std::to_string(part.size) + " " + std::to_string(part.last_modified))) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot record part " + std::to_string(part_number));
	}
	if (rename(data.Path().c_str(), path.c_str()) != 0) {
		return Fail(S3ErrorCode::INTERNAL_ERROR, "cannot store part: " + std::string(strerror(errno)));
	}
	data.MarkCommitted();
	return part;
}

Outcome<std::vector<PartInfo>> MultipartStore::ListParts(const UploadInfo &upload) const {
	std::vector<PartInfo> parts;
	std::error_code error;
	for (auto &entry : fs::directory_iterator(UploadDir(upload.upload_id), error)) {
		std::string name = entry.path().filename().string();
		if (name.compare(0, 5, "part-") != 0 || name.size() != 10) {
			continue;
		}
		std::string sidecar;
		if (!ReadText(UploadDir(upload.upload_id) + "/.s3d-meta." + name, sidecar)) {
			continue;
		}
		PartInfo part;
		part.part_number = uint32_t(std::atoi(name.c_str() + 5));
		std::istringstream fields(sidecar);
		fields >> part.etag >> part.size >> part.last_modified;
		struct stat status;
		if (stat(entry.path().c_str(), &status) != 0 || uint64_t(status.st_size) != part.size) {
			continue; // sidecar of a replaced part written, data not yet renamed: not a complete part
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

Outcome<ObjectMetadata> MultipartStore::Complete(const UploadInfo &upload,
                                                 const std::vector<std::pair<uint32_t, std::string>> &requested,
                                                 const WriteConditions &conditions) {
	auto listed = ListParts(upload);
	if (!listed.Ok()) {
		return listed.Failure();
	}
	std::map<uint32_t, PartInfo> available;
	for (auto &part : listed.Value()) {
		available[part.part_number] = part;
	}
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
		md5s.push_back(found->second.etag);
	}
	auto temp = objects.CreateTempFile();
	if (!temp.Ok()) {
		return temp.Failure();
	}
	for (auto &entry : requested) {
		std::string path = UploadDir(upload.upload_id) + "/" + PartName(entry.first);
		int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			return Fail(S3ErrorCode::INVALID_PART, "part " + std::to_string(entry.first) + " vanished");
		}
		auto appended = temp.Value()->AppendFile(fd);
		close(fd);
		if (!appended.Ok()) {
			return appended.Failure();
		}
	}
	ObjectMetadata metadata = upload.metadata;
	metadata.etag = MultipartEtag(md5s);
	metadata.parts_count = uint32_t(requested.size());
	auto committed = objects.CommitObject(upload.bucket, upload.key, *temp.Value(), metadata, conditions);
	if (committed.Ok()) {
		std::error_code error;
		fs::remove_all(UploadDir(upload.upload_id), error);
	}
	return committed;
}

Outcome<bool> MultipartStore::Abort(const UploadInfo &upload) {
	std::lock_guard<std::mutex> guard(mutex);
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
			std::error_code remove_error;
			fs::remove_all(entry.path(), remove_error);
			removed++;
		}
	}
	return removed;
}

} // namespace server
} // namespace ducklake
