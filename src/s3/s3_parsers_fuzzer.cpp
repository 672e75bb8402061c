// libFuzzer target for every parser of untrusted input in src/s3. Build with -DDUCKLAKE_FUZZ=ON and
// clang; the first input byte picks the parser, the rest is its input. One more case checks this
// project's MD5 (md5_stream.hpp) against OpenSSL's on the input fed in pieces; a mismatch aborts.
#include "s3/aws_chunked_decoder.hpp"
#include "s3/byte_encoding.hpp"
#include "s3/delete_objects_xml.hpp"
#include "s3/error_xml.hpp"
#include "s3/http_date.hpp"
#include "s3/http_range.hpp"
#include "s3/list_objects_xml.hpp"
#include "s3/md5_stream.hpp"
#include "s3/multipart_xml.hpp"
#include "s3/s3_url.hpp"
#include "s3/sigv4_authorization.hpp"
#include "s3/uri_encoding.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <openssl/evp.h>

using namespace ducklake::s3;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	if (size == 0) {
		return 0;
	}
	std::string_view input(reinterpret_cast<const char *>(data) + 1, size - 1);
	switch (data[0] % 13) {
	case 0:
		ParseAuthorizationHeader(input);
		break;
	case 1:
		ResolveRange(input, 1000);
		break;
	case 2:
		ParseListObjects(input);
		break;
	case 3:
		ParseErrorXml(input);
		break;
	case 4:
		ParseCompleteMultipartUpload(input);
		break;
	case 5:
		ParseDeleteObjectsRequest(input);
		break;
	case 6:
		ParseQueryString(input);
		break;
	case 7:
		ParseS3Url(input);
		ParseEndpoint(input, true);
		break;
	case 8:
		ParseHttpDate(input);
		ParseAmzDate(input);
		ParseIso8601(input);
		break;
	case 9:
		Base64Decode(input);
		HexDecode(input);
		break;
	case 10: {
		AwsChunkedDecoder decoder(true, std::nullopt);
		decoder.Feed(input, [](std::string_view) {});
		decoder.Finish();
		break;
	}
	case 11: {
		CredentialScope scope {"20130524", "us-east-1", "s3"};
		AwsChunkedDecoder decoder(
		    false, ChunkSigningContext {std::string(32, 'k'), "20130524T000000Z", scope, std::string(64, '0')});
		decoder.Feed(input, [](std::string_view) {});
		decoder.Finish();
		break;
	}
	case 12: {
		// Pieces of 1 + (data[0] / 13) bytes: every split from 1 to 20 bytes.
		size_t piece_bytes = 1 + data[0] / 13;
		Md5Stream md5;
		for (size_t offset = 0; offset < input.size(); offset += piece_bytes) {
			md5.Update(input.substr(offset, piece_bytes));
		}
		unsigned char digest[EVP_MAX_MD_SIZE];
		unsigned int digest_length = 0;
		if (EVP_Digest(input.data(), input.size(), digest, &digest_length, EVP_md5(), nullptr) == 1 &&
		    md5.Finish() != std::string(reinterpret_cast<const char *>(digest), digest_length)) {
			std::abort();
		}
		break;
	}
	}
	return 0;
}
