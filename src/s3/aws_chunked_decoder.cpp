#include "s3/aws_chunked_decoder.hpp"

#include "s3/byte_encoding.hpp"
#include "s3/sigv4_authorization.hpp"

#include <cctype>

namespace ducklake {
namespace s3 {

AwsChunkedDecoder::AwsChunkedDecoder(bool expect_trailer_p, std::optional<ChunkSigningContext> signing_p)
    : expect_trailer(expect_trailer_p), signing(std::move(signing_p)) {
	if (signing) {
		previous_signature = signing->seed_signature;
	}
}

Result<bool> AwsChunkedDecoder::Fail(std::string message) {
	state = State::FAILED;
	error = std::move(message);
	return Result<bool>::Failure(error);
}

Result<bool> AwsChunkedDecoder::OnChunkHeader(std::string_view header) {
	size_t semicolon = header.find(';');
	std::string_view size_text = header.substr(0, semicolon);
	if (size_text.empty() || size_text.size() > 16) {
		return Fail("aws-chunked header '" + std::string(header.substr(0, 80)) +
		            "' has no valid size; expected <hex size>[;chunk-signature=<sig>]");
	}
	uint64_t size = 0;
	for (char c : size_text) {
		int digit = (c >= '0' && c <= '9')   ? c - '0'
		            : (c >= 'a' && c <= 'f') ? c - 'a' + 10
		            : (c >= 'A' && c <= 'F') ? c - 'A' + 10
		                                     : -1;
		if (digit < 0) {
			return Fail("aws-chunked size '" + std::string(size_text) + "' is not hexadecimal");
		}
		size = size * 16 + uint64_t(digit);
	}
	if (size > CHUNK_BYTES_MAX) {
		return Fail("aws-chunked chunk of " + std::to_string(size) + " bytes exceeds the limit of " +
		            std::to_string(CHUNK_BYTES_MAX) + " bytes");
	}
	chunk_signature.clear();
	if (semicolon != std::string_view::npos) {
		std::string_view extension = header.substr(semicolon + 1);
		static constexpr std::string_view SIGNATURE_KEY = "chunk-signature=";
		if (extension.substr(0, SIGNATURE_KEY.size()) == SIGNATURE_KEY) {
			chunk_signature = std::string(extension.substr(SIGNATURE_KEY.size()));
		}
	}
	if (signing && !IsSignatureHex(chunk_signature)) {
		return Fail("aws-chunked chunk lacks a valid chunk-signature; signed streaming uploads sign every chunk");
	}
	chunk_size = size;
	chunk_remaining = size;
	if (signing) {
		chunk_hasher.emplace(DigestAlgorithm::SHA256);
	}
	if (size == 0) {
		auto verified = OnChunkComplete();
		if (!verified.Ok()) {
			return verified;
		}
		state = expect_trailer ? State::TRAILER : State::FINAL_CRLF;
	} else {
		state = State::CHUNK_DATA;
	}
	return Result<bool>::Success(true);
}

Result<bool> AwsChunkedDecoder::OnChunkComplete() {
	if (!signing) {
		return Result<bool>::Success(true);
	}
	std::string chunk_hash = HexEncode(chunk_hasher->Finish());
	std::string expected = SignatureHex(
	    signing->signing_key, ChunkStringToSign(signing->amz_date, signing->scope, previous_signature, chunk_hash));
	if (!SignaturesEqual(expected, chunk_signature)) {
		return Fail("aws-chunked chunk signature does not match after " + std::to_string(decoded_bytes) +
		            " bytes; check the secret key and the signing of each chunk");
	}
	previous_signature = chunk_signature;
	return Result<bool>::Success(true);
}

Result<bool> AwsChunkedDecoder::OnTrailerLine(std::string_view trailer_line) {
	if (trailer_line.empty()) {
		if (signing && expect_trailer) {
			std::string canonical;
			for (auto &trailer : trailers) {
				canonical += trailer.name + ":" + trailer.value + "\n";
			}
			std::string expected =
			    SignatureHex(signing->signing_key, TrailerStringToSign(signing->amz_date, signing->scope,
			                                                           previous_signature, Sha256Hex(canonical)));
			if (!SignaturesEqual(expected, trailer_signature)) {
				return Fail("aws-chunked trailer signature does not match; check the signing of the trailer");
			}
		}
		state = State::DONE;
		return Result<bool>::Success(true);
	}
	size_t colon = trailer_line.find(':');
	if (colon == std::string_view::npos || colon == 0) {
		return Fail("aws-chunked trailer line '" + std::string(trailer_line.substr(0, 80)) +
		            "' is malformed; expected name:value");
	}
	std::string name(trailer_line.substr(0, colon));
	for (auto &c : name) {
		c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
	}
	std::string_view value = trailer_line.substr(colon + 1);
	while (!value.empty() && value.front() == ' ') {
		value.remove_prefix(1);
	}
	if (name == "x-amz-trailer-signature") {
		trailer_signature = std::string(value);
		return Result<bool>::Success(true);
	}
	if (trailers.size() >= CHUNK_TRAILERS_MAX) {
		return Fail("aws-chunked body has more than " + std::to_string(CHUNK_TRAILERS_MAX) + " trailer lines");
	}
	trailers.push_back({std::move(name), std::string(value)});
	return Result<bool>::Success(true);
}

Result<bool> AwsChunkedDecoder::Feed(std::string_view input, const Sink &sink) {
	size_t position = 0;
	while (position < input.size()) {
		switch (state) {
		case State::FAILED:
			return Result<bool>::Failure(error);
		case State::DONE:
			return Fail("aws-chunked body has " + std::to_string(input.size() - position) +
			            " bytes after the final chunk");
		case State::CHUNK_DATA: {
			size_t take = static_cast<size_t>(std::min<uint64_t>(chunk_remaining, input.size() - position));
			std::string_view piece = input.substr(position, take);
			if (chunk_hasher) {
				chunk_hasher->Update(piece);
			}
			sink(piece);
			decoded_bytes += take;
			chunk_remaining -= take;
			position += take;
			if (chunk_remaining == 0) {
				state = State::CHUNK_DATA_END;
			}
			break;
		}
		case State::CHUNK_HEADER:
		case State::CHUNK_DATA_END:
		case State::TRAILER:
		case State::FINAL_CRLF: {
			char c = input[position++];
			line.push_back(c);
			if (line.size() > CHUNK_LINE_BYTES_MAX) {
				return Fail("aws-chunked line exceeds " + std::to_string(CHUNK_LINE_BYTES_MAX) + " bytes");
			}
			if (line.size() < 2 || line[line.size() - 2] != '\r' || c != '\n') {
				break;
			}
			std::string complete = line.substr(0, line.size() - 2);
			line.clear();
			if (state == State::CHUNK_DATA_END || state == State::FINAL_CRLF) {
				if (!complete.empty()) {
					return Fail("aws-chunked chunk data is longer than its declared size " +
					            std::to_string(chunk_size));
				}
				if (state == State::FINAL_CRLF) {
					state = State::DONE;
					break;
				}
				auto verified = OnChunkComplete();
				if (!verified.Ok()) {
					return verified;
				}
				state = State::CHUNK_HEADER;
				break;
			}
			auto handled = state == State::CHUNK_HEADER ? OnChunkHeader(complete) : OnTrailerLine(complete);
			if (!handled.Ok()) {
				return handled;
			}
			break;
		}
		}
	}
	return Result<bool>::Success(true);
}

Result<bool> AwsChunkedDecoder::Finish() {
	if (state == State::FAILED) {
		return Result<bool>::Failure(error);
	}
	// Some clients end the body right after the last trailer line or the zero chunk, without the
	// closing empty line; the content is complete, so accept it.
	if ((state == State::FINAL_CRLF || state == State::TRAILER) && line.empty()) {
		if (state == State::TRAILER) {
			return OnTrailerLine("");
		}
		state = State::DONE;
	}
	if (state != State::DONE) {
		return Fail("aws-chunked body ended after " + std::to_string(decoded_bytes) +
		            " bytes without its final zero-length chunk");
	}
	return Result<bool>::Success(true);
}

} // namespace s3
} // namespace ducklake
