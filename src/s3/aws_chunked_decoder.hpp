//===----------------------------------------------------------------------===//
// s3 AwsChunkedDecoder: the aws-chunked body encoding of streaming uploads
//
// With x-amz-content-sha256 set to a STREAMING-* mode the body is a sequence of chunks
//     <hex size>[;chunk-signature=<64 hex>]\r\n<data>\r\n ... 0[;chunk-signature=...]\r\n
// followed, in the *-TRAILER modes, by trailer lines ("x-amz-checksum-crc32:<b64>\r\n", and for the
// signed variant "x-amz-trailer-signature:<hex>\r\n") and an empty line. The decoder is incremental:
// Feed() takes any slice of the wire bytes (down to one byte at a time) and passes decoded payload
// to a sink as it goes, so nothing is buffered beyond one header line. In signed modes every chunk
// signature is checked against the chain seeded by the request signature; payload of a chunk whose
// signature later fails has already reached the sink, so callers must write to a temporary place
// and publish only when Finish() succeeds.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/crypto_digest.hpp"
#include "s3/result.hpp"
#include "s3/sigv4_signer.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ducklake {
namespace s3 {

//! Bound on one chunk header or trailer line, in bytes.
constexpr size_t CHUNK_LINE_BYTES_MAX = 4096;
//! Bound on one chunk's declared size.
constexpr uint64_t CHUNK_BYTES_MAX = 64ull * 1024 * 1024;
//! Bound on the number of trailer lines.
constexpr size_t CHUNK_TRAILERS_MAX = 16;

struct ChunkSigningContext {
	//! Raw key from DeriveSigningKey.
	std::string signing_key;
	std::string amz_date;
	CredentialScope scope;
	//! The signature of the request headers, hex.
	std::string seed_signature;
};

class AwsChunkedDecoder {
public:
	//! `expect_trailer`: the body ends with trailer lines (the *-TRAILER modes). `signing`: verify
	//! chunk (and trailer) signatures; absent for STREAMING-UNSIGNED-PAYLOAD-TRAILER.
	AwsChunkedDecoder(bool expect_trailer, std::optional<ChunkSigningContext> signing);

	using Sink = std::function<void(std::string_view)>;
	//! Consumes `input`; decoded payload goes to `sink`. After a failure the decoder stays failed.
	Result<bool> Feed(std::string_view input, const Sink &sink);
	//! Call at end of body: fails when the final chunk (or trailer section) has not been seen.
	Result<bool> Finish();

	bool Done() const {
		return state == State::DONE;
	}
	uint64_t DecodedBytes() const {
		return decoded_bytes;
	}
	//! Trailer lines as received (lower-case names), x-amz-trailer-signature excluded.
	const std::vector<HttpHeader> &Trailers() const {
		return trailers;
	}

private:
	enum class State { CHUNK_HEADER, CHUNK_DATA, CHUNK_DATA_END, TRAILER, FINAL_CRLF, DONE, FAILED };
	Result<bool> Fail(std::string message);
	Result<bool> OnChunkHeader(std::string_view line);
	Result<bool> OnChunkComplete();
	Result<bool> OnTrailerLine(std::string_view line);

	bool expect_trailer;
	std::optional<ChunkSigningContext> signing;
	State state = State::CHUNK_HEADER;
	std::string line;
	uint64_t chunk_remaining = 0;
	uint64_t chunk_size = 0;
	std::string chunk_signature;
	std::string previous_signature;
	std::optional<DigestHasher> chunk_hasher;
	uint64_t decoded_bytes = 0;
	std::vector<HttpHeader> trailers;
	std::string trailer_signature;
	std::string error;
};

} // namespace s3
} // namespace ducklake
