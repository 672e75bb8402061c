//===----------------------------------------------------------------------===//
// S3UploadStream: writes one S3 object from a stream of appended bytes, all or nothing.
//
// Bytes collect in a part buffer. An object that ends smaller than one part goes up in a single PUT
// at Finish. Once a part is full a multipart upload starts; each full part is uploaded on its own
// thread, at most parts_in_flight_max at a time, so memory stays below
// part_size_bytes * (parts_in_flight_max + 1). Finish uploads the last part and completes the
// upload; only then does the object become visible. Any failure (a part, the completion) aborts
// the multipart upload and throws, and a stream destroyed without Finish aborts too, so a failed
// or cancelled write never leaves a half-written object or a dangling upload. Not thread-safe: one
// writer appends (the part uploads run in parallel internally).
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/s3_client.hpp"

#include <deque>
#include <future>
#include <memory>

namespace ducklake {

struct S3UploadTuning {
	//! S3's minimum part size is 5 MiB (except the last part).
	uint64_t part_size_bytes = 16ULL << 20;
	uint64_t parts_in_flight_max = 8;
};

class S3UploadStream {
public:
	S3UploadStream(S3Client &client, std::string bucket, std::string key, S3UploadTuning tuning);
	~S3UploadStream();
	S3UploadStream(const S3UploadStream &) = delete;
	S3UploadStream &operator=(const S3UploadStream &) = delete;

	//! Throws when a part upload already failed (the upload is then aborted).
	void Append(const char *data, uint64_t size);
	//! Makes the object visible. Throws (after aborting) on failure. Calling it twice is a no-op.
	void Finish();
	//! Best-effort abort; idempotent.
	void Abort();
	uint64_t BytesAppended() const {
		return bytes_appended;
	}
	//! Parts uploaded so far (0 for a single PUT).
	uint64_t PartCount() const {
		return completed.size();
	}

private:
	struct InFlightPart {
		uint32_t part_number;
		std::unique_ptr<std::string> data;
		std::future<std::string> etag;
	};
	void StartPart();
	//! Waits for the oldest part; rethrows its failure.
	void CollectOldest();
	void FailAndAbort();

	S3Client &client;
	const std::string bucket;
	const std::string key;
	const S3UploadTuning tuning;
	std::string buffer;
	std::string upload_id;
	uint32_t next_part_number = 1;
	std::deque<InFlightPart> in_flight;
	//! Buffers of uploaded parts, kept for the next parts: fresh memory costs a page fault per page.
	std::vector<std::unique_ptr<std::string>> spare_buffers;
	std::vector<s3::CompletedPart> completed;
	uint64_t bytes_appended = 0;
	bool finished = false;
	bool aborted = false;
};

} // namespace ducklake
