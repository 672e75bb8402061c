// Payload receiving shared by PutObject, UploadPart and the handlers that read an XML body.
#include "server/payload_receiver.hpp"

#include "s3/aws_chunked_decoder.hpp"
#include "s3/byte_encoding.hpp"
#include "s3/checksum.hpp"
#include "s3/crypto_digest.hpp"
#include "server/body_pipeline.hpp"
#include "server/s3_handler.hpp"

#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>

namespace ducklake {
namespace server {

using s3::S3ErrorCode;

static constexpr size_t RECEIVE_BUFFER_BYTES = 256 * 1024;
//! Bodies announced at least this large go through a BodyPipeline (writer and digests on threads
//! of their own); below it the threads' start costs more than the overlap saves.
static constexpr uint64_t PIPELINE_BYTES_MIN = 8ull << 20;
static constexpr size_t PIPELINE_BUFFER_BYTES = 1 << 20;
static constexpr size_t PIPELINE_BUFFER_COUNT = 8;
//! Pipeline buffers kept between requests (64 MiB): eight parts of a multipart upload in flight.
static constexpr size_t PIPELINE_BUFFERS_RETAINED_MAX = 64;

//! The buffers every pipeline borrows (see buffer_pool.hpp).
static BufferPool &PipelineBuffers() {
	static BufferPool pool(PIPELINE_BUFFER_BYTES, BodyPipeline::BUFFER_ALIGNMENT_BYTES, PIPELINE_BUFFERS_RETAINED_MAX);
	return pool;
}

static bool IsStreaming(PayloadMode mode) {
	return mode == PayloadMode::STREAMING_SIGNED || mode == PayloadMode::STREAMING_SIGNED_TRAILER ||
	       mode == PayloadMode::STREAMING_UNSIGNED_TRAILER;
}

namespace {

//! The digests a body is checked against, each fed every payload byte in order.
struct PayloadDigests {
	s3::DigestHasher md5 {s3::DigestAlgorithm::MD5};
	//! Only when x-amz-content-sha256 names the payload's hash.
	std::optional<s3::DigestHasher> sha256;
	//! The x-amz-checksum-* to verify: announced as a header value, or as a trailer to come.
	std::optional<s3::ChecksumHasher> checksum;
	std::string checksum_header_name;
	std::string expected_checksum;

	bool HasOthers() const {
		return sha256 || checksum;
	}
	//! Everything but the MD5 (a pipeline runs the MD5 on a thread of its own).
	void UpdateOthers(std::string_view piece) {
		if (sha256) {
			sha256->Update(piece);
		}
		if (checksum) {
			checksum->Update(piece);
		}
	}
	void Update(std::string_view piece) {
		md5.Update(piece);
		UpdateOthers(piece);
	}
};

//! Where PumpPayload puts the payload bytes; the sink also feeds them to the digests.
class PayloadSink {
public:
	virtual ~PayloadSink() = default;
	//! Room to receive the next bytes into directly (never empty).
	virtual Outcome<char *> Space(size_t &space_bytes) = 0;
	//! The first `bytes` of the last Space are payload.
	virtual Outcome<bool> Commit(size_t bytes) = 0;
	//! A payload piece that lives elsewhere (decoded from aws-chunked framing).
	virtual Outcome<bool> Write(std::string_view piece) = 0;
	//! Everything is consumed and the digests are complete; the first failure otherwise.
	virtual Outcome<bool> Finish() = 0;
};

//! Hashes and stores each piece on the receiving thread: small bodies, where a thread's start
//! costs more than the overlap saves.
class InlineSink : public PayloadSink {
public:
	InlineSink(PayloadDigests &digests_p, std::function<Outcome<bool>(std::string_view)> target_p)
	    : digests(digests_p), target(std::move(target_p)), buffer(new char[RECEIVE_BUFFER_BYTES]) {
		// Not value-initialised: zeroing 256 KiB per request costs more than a small PUT's own work.
	}
	Outcome<char *> Space(size_t &space_bytes) override {
		space_bytes = RECEIVE_BUFFER_BYTES;
		return buffer.get();
	}
	Outcome<bool> Commit(size_t bytes) override {
		return Write(std::string_view(buffer.get(), bytes));
	}
	Outcome<bool> Write(std::string_view piece) override {
		digests.Update(piece);
		return target(piece);
	}
	Outcome<bool> Finish() override {
		return true;
	}

private:
	PayloadDigests &digests;
	std::function<Outcome<bool>(std::string_view)> target;
	std::unique_ptr<char[]> buffer;
};

//! Large bodies: the file write, the MD5 and the other digests each run on a thread of their own
//! while the receiving thread reads the socket straight into the pipeline's buffers.
class PipelineSink : public PayloadSink {
public:
	PipelineSink(PayloadDigests &digests, TempFile &destination)
	    : pipeline(Stages(digests, destination), PipelineBuffers(), PIPELINE_BUFFER_COUNT) {
	}
	Outcome<char *> Space(size_t &space_bytes) override {
		return pipeline.Space(space_bytes);
	}
	Outcome<bool> Commit(size_t bytes) override {
		return pipeline.Commit(bytes);
	}
	Outcome<bool> Write(std::string_view piece) override {
		return pipeline.Write(piece);
	}
	Outcome<bool> Finish() override {
		return pipeline.Finish();
	}

private:
	static std::vector<BodyPipeline::Stage> Stages(PayloadDigests &digests, TempFile &destination) {
		std::vector<BodyPipeline::Stage> stages;
		stages.push_back(
		    [&destination](std::string_view piece) { return destination.WriteDirect(piece.data(), piece.size()); });
		stages.push_back([&digests](std::string_view piece) -> Outcome<bool> {
			digests.md5.Update(piece);
			return true;
		});
		if (digests.HasOthers()) {
			stages.push_back([&digests](std::string_view piece) -> Outcome<bool> {
				digests.UpdateOthers(piece);
				return true;
			});
		}
		return stages;
	}
	BodyPipeline pipeline;
};

} // namespace

//! Sets up the digests the request asks to verify (x-amz-content-sha256, x-amz-checksum-* header
//! or x-amz-trailer); INVALID_REQUEST for a trailer that is not a supported checksum.
static Outcome<bool> PrepareDigests(const HttpRequest &request, const AuthResult &auth, PayloadDigests &digests) {
	if (auth.payload_mode == PayloadMode::SIGNED_SHA256) {
		digests.sha256.emplace(s3::DigestAlgorithm::SHA256);
	}
	for (auto &header : request.headers) {
		auto algorithm = s3::ChecksumAlgorithmOfHeader(header.name);
		if (algorithm) {
			digests.checksum.emplace(*algorithm);
			digests.checksum_header_name = s3::ChecksumHeaderName(*algorithm);
			digests.expected_checksum = header.value;
		}
	}
	std::string trailer_name = request.Header("x-amz-trailer");
	if (!digests.checksum && !trailer_name.empty()) {
		auto algorithm = s3::ChecksumAlgorithmOfHeader(trailer_name);
		if (!algorithm) {
			return Fail(S3ErrorCode::INVALID_REQUEST,
			            "x-amz-trailer '" + trailer_name + "' is not a supported x-amz-checksum-* trailer");
		}
		digests.checksum.emplace(*algorithm);
		digests.checksum_header_name = s3::ChecksumHeaderName(*algorithm);
	}
	return true;
}

//! Compares the finished digests with what the request declared.
static Outcome<ReceivedPayload> VerifyDigests(const HttpRequest &request, const AuthResult &auth,
                                              PayloadDigests &digests) {
	ReceivedPayload received;
	received.md5_hex = s3::HexEncode(digests.md5.Finish());
	if (digests.sha256) {
		std::string actual = s3::HexEncode(digests.sha256->Finish());
		if (actual != auth.payload_sha256_hex) {
			return Fail(S3ErrorCode::X_AMZ_CONTENT_SHA256_MISMATCH,
			            "x-amz-content-sha256 says " + auth.payload_sha256_hex + " but the body hashes to " + actual);
		}
	}
	std::string content_md5 = request.Header("content-md5");
	if (!content_md5.empty()) {
		auto decoded = s3::Base64Decode(content_md5);
		if (!decoded.Ok() || decoded.Value().size() != 16) {
			return Fail(S3ErrorCode::INVALID_DIGEST,
			            "Content-MD5 '" + content_md5 + "' is not the base64 of a 16-byte MD5 digest");
		}
		if (s3::HexEncode(decoded.Value()) != received.md5_hex) {
			return Fail(S3ErrorCode::BAD_DIGEST, "Content-MD5 " + content_md5 + " does not match the body's MD5 " +
			                                         s3::Base64Encode(s3::HexDecode(received.md5_hex).Value()));
		}
	}
	if (digests.checksum) {
		std::string actual = digests.checksum->FinishBase64();
		if (digests.expected_checksum.empty()) {
			return Fail(S3ErrorCode::INVALID_REQUEST, "the trailer " + digests.checksum_header_name +
			                                              " announced in "
			                                              "x-amz-trailer never arrived");
		}
		if (actual != digests.expected_checksum) {
			return Fail(S3ErrorCode::BAD_DIGEST, std::string("The ") +
			                                         s3::ChecksumAlgorithmName(digests.checksum->Algorithm()) +
			                                         " you specified (" + digests.expected_checksum +
			                                         ") did not match the calculated checksum (" + actual + ")");
		}
		received.checksums.push_back({digests.checksum_header_name, actual});
	}
	return received;
}

static S3Failure DecodingFailure(const std::string &error) {
	return Fail(error.find("signature") != std::string::npos ? S3ErrorCode::SIGNATURE_DOES_NOT_MATCH
	                                                         : S3ErrorCode::INCOMPLETE_BODY,
	            error);
}

//! Pulls the body through the payload mode's decoding into `sink` (which feeds `digests`), then
//! verifies every digest. Nothing is verified until the whole body has arrived and every stage of
//! the sink has consumed it.
static Outcome<ReceivedPayload> PumpPayload(const HttpRequest &request, const AuthResult &auth, PayloadDigests &digests,
                                            PayloadSink &sink, uint64_t bytes_max) {
	uint64_t payload_bytes = 0;
	auto too_large = [&]() {
		return Fail(S3ErrorCode::ENTITY_TOO_LARGE,
		            "the body exceeds the limit of " + std::to_string(bytes_max) + " bytes");
	};
	if (!IsStreaming(auth.payload_mode)) {
		// The body is the payload: receive it straight into the sink's buffers.
		while (request.body) {
			size_t space_bytes = 0;
			auto space = sink.Space(space_bytes);
			if (!space.Ok()) {
				return space.Failure();
			}
			auto read = request.body->Read(space.Value(), space_bytes);
			if (!read.Ok()) {
				return Fail(S3ErrorCode::INCOMPLETE_BODY, "the request body ended early: " + read.Error());
			}
			if (read.Value() == 0) {
				break;
			}
			payload_bytes += read.Value();
			if (payload_bytes > bytes_max) {
				return too_large();
			}
			auto committed = sink.Commit(read.Value());
			if (!committed.Ok()) {
				return committed.Failure();
			}
		}
	} else {
		bool trailer = auth.payload_mode != PayloadMode::STREAMING_SIGNED;
		std::optional<s3::ChunkSigningContext> signing;
		if (auth.payload_mode != PayloadMode::STREAMING_UNSIGNED_TRAILER) {
			signing = auth.chunk_signing;
		}
		s3::AwsChunkedDecoder decoder(trailer, signing);
		std::optional<S3Failure> sink_failure;
		auto consume = [&](std::string_view piece) {
			if (sink_failure) {
				return;
			}
			payload_bytes += piece.size();
			if (payload_bytes > bytes_max) {
				sink_failure = too_large();
				return;
			}
			auto written = sink.Write(piece);
			if (!written.Ok()) {
				sink_failure = written.Failure();
			}
		};
		std::unique_ptr<char[]> buffer(new char[RECEIVE_BUFFER_BYTES]);
		while (request.body) {
			auto read = request.body->Read(buffer.get(), RECEIVE_BUFFER_BYTES);
			if (!read.Ok()) {
				return Fail(S3ErrorCode::INCOMPLETE_BODY, "the request body ended early: " + read.Error());
			}
			if (read.Value() == 0) {
				break;
			}
			auto fed = decoder.Feed(std::string_view(buffer.get(), read.Value()), consume);
			if (!fed.Ok()) {
				return DecodingFailure(fed.Error());
			}
			if (sink_failure) {
				return *sink_failure;
			}
		}
		auto finished = decoder.Finish();
		if (!finished.Ok()) {
			return DecodingFailure(finished.Error());
		}
		std::string declared = request.Header("x-amz-decoded-content-length");
		if (!declared.empty() && declared != std::to_string(payload_bytes)) {
			return Fail(S3ErrorCode::INCOMPLETE_BODY, "x-amz-decoded-content-length is " + declared + " but " +
			                                              std::to_string(payload_bytes) + " bytes arrived");
		}
		for (auto &trailer : decoder.Trailers()) {
			if (trailer.name == digests.checksum_header_name) {
				digests.expected_checksum = trailer.value;
			}
		}
	}
	auto finished = sink.Finish();
	if (!finished.Ok()) {
		return finished.Failure();
	}
	return VerifyDigests(request, auth, digests);
}

uint64_t AnnouncedPayloadBytes(const HttpRequest &request) {
	std::string announced = request.Header("x-amz-decoded-content-length");
	if (announced.empty()) {
		announced = request.Header("content-length");
	}
	return std::strtoull(announced.c_str(), nullptr, 10);
}

Outcome<ReceivedPayload> ReceivePayload(const HttpRequest &request, const AuthResult &auth, TempFile &destination,
                                        uint64_t bytes_max) {
	PayloadDigests digests;
	auto prepared = PrepareDigests(request, auth, digests);
	if (!prepared.Ok()) {
		return prepared.Failure();
	}
	if (AnnouncedPayloadBytes(request) < PIPELINE_BYTES_MIN) {
		InlineSink sink(digests, [&](std::string_view piece) { return destination.Write(piece.data(), piece.size()); });
		return PumpPayload(request, auth, digests, sink, bytes_max);
	}
	// The pipeline's threads are joined (when `sink` goes) before `digests` and `destination` go.
	PipelineSink sink(digests, destination);
	return PumpPayload(request, auth, digests, sink, bytes_max);
}

Outcome<std::string> ReadSmallBody(const HttpRequest &request, const AuthResult &auth) {
	PayloadDigests digests;
	auto prepared = PrepareDigests(request, auth, digests);
	if (!prepared.Ok()) {
		return prepared.Failure();
	}
	std::string body;
	InlineSink sink(digests, [&](std::string_view piece) -> Outcome<bool> {
		body.append(piece);
		return true;
	});
	auto received = PumpPayload(request, auth, digests, sink, XML_REQUEST_BYTES_MAX);
	if (!received.Ok()) {
		return received.Failure();
	}
	return body;
}

} // namespace server
} // namespace ducklake
