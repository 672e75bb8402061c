#include "s3fs/s3_upload_stream.hpp"

#include "duckdb/common/exception.hpp"

#include <algorithm>

namespace ducklake {

S3UploadStream::S3UploadStream(S3Client &client_p, std::string bucket_p, std::string key_p, S3UploadTuning tuning_p)
    : client(client_p), bucket(std::move(bucket_p)), key(std::move(key_p)), tuning(tuning_p) {
	buffer.reserve(tuning.part_size_bytes);
}

S3UploadStream::~S3UploadStream() {
	if (!finished) {
		try {
			Abort();
		} catch (...) { // NOLINT: a destructor must not throw; Abort is best effort anyway
		}
	}
}

void S3UploadStream::Append(const char *data, uint64_t size) {
	if (finished || aborted) {
		throw duckdb::IOException("cannot write to s3://" + bucket + "/" + key + ": the upload is already " +
		                          (finished ? "finished" : "aborted"));
	}
	while (size > 0) {
		auto room = tuning.part_size_bytes - buffer.size();
		auto take = std::min<uint64_t>(room, size);
		buffer.append(data, take);
		data += take;
		size -= take;
		bytes_appended += take;
		if (buffer.size() == tuning.part_size_bytes) {
			StartPart();
		}
	}
}

void S3UploadStream::StartPart() {
	try {
		if (upload_id.empty()) {
			upload_id = client.CreateMultipartUpload(bucket, key);
		}
		if (next_part_number > s3::MULTIPART_PARTS_MAX) {
			throw duckdb::IOException("s3://" + bucket + "/" + key + " is larger than S3's limit of " +
			                          std::to_string(s3::MULTIPART_PARTS_MAX) + " parts of " +
			                          std::to_string(tuning.part_size_bytes) + " bytes");
		}
		while (in_flight.size() >= std::max<uint64_t>(tuning.parts_in_flight_max, 1)) {
			CollectOldest();
		}
		InFlightPart part;
		part.part_number = next_part_number++;
		std::unique_ptr<std::string> next_buffer;
		if (!spare_buffers.empty()) {
			next_buffer = std::move(spare_buffers.back());
			spare_buffers.pop_back();
			next_buffer->clear(); // keeps its capacity and its pages
		} else {
			next_buffer = std::make_unique<std::string>();
			next_buffer->reserve(tuning.part_size_bytes);
		}
		part.data = std::make_unique<std::string>(std::move(buffer));
		buffer = std::move(*next_buffer);
		next_buffer.reset();
		auto data = part.data.get();
		auto number = part.part_number;
		part.etag = std::async(std::launch::async, [this, data, number]() {
			return client.UploadPart(bucket, key, upload_id, number, data->data(), data->size());
		});
		in_flight.push_back(std::move(part));
	} catch (...) {
		FailAndAbort();
		throw;
	}
}

void S3UploadStream::CollectOldest() {
	auto part = std::move(in_flight.front());
	in_flight.pop_front();
	auto etag = part.etag.get(); // rethrows the part's failure
	completed.push_back({part.part_number, etag});
	spare_buffers.push_back(std::move(part.data));
}

void S3UploadStream::FailAndAbort() {
	// Let running parts end before aborting, so none lands after the abort.
	for (auto &part : in_flight) {
		if (part.etag.valid()) {
			part.etag.wait();
		}
	}
	in_flight.clear();
	Abort();
}

void S3UploadStream::Finish() {
	if (finished) {
		return;
	}
	if (aborted) {
		throw duckdb::IOException("cannot finish s3://" + bucket + "/" + key + ": the upload was aborted");
	}
	try {
		if (upload_id.empty()) {
			client.PutObject(bucket, key, buffer.data(), buffer.size());
		} else {
			if (!buffer.empty()) {
				StartPart();
			}
			while (!in_flight.empty()) {
				CollectOldest();
			}
			client.CompleteMultipartUpload(bucket, key, upload_id, completed);
		}
	} catch (...) {
		FailAndAbort();
		throw;
	}
	finished = true;
	buffer = std::string();
}

void S3UploadStream::Abort() {
	if (aborted || finished) {
		return;
	}
	aborted = true;
	for (auto &part : in_flight) {
		if (part.etag.valid()) {
			part.etag.wait();
		}
	}
	in_flight.clear();
	if (!upload_id.empty()) {
		client.AbortMultipartUpload(bucket, key, upload_id);
	}
	buffer = std::string();
}

} // namespace ducklake
