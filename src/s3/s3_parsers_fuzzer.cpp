// libFuzzer target for every parser of untrusted input in src/s3. Build with -DDUCKLAKE_FUZZ=ON and
// clang; the first input byte picks the parser, the rest is its input.
#include "s3/aws_chunked_decoder.hpp"
#include "s3/byte_encoding.hpp"
#include "s3/delete_objects_xml.hpp"
#include "s3/error_xml.hpp"
#include "s3/http_date.hpp"
#include "s3/http_range.hpp"
#include "s3/list_objects_xml.hpp"
#include "s3/multipart_xml.hpp"
#include "s3/s3_url.hpp"
#include "s3/sigv4_authorization.hpp"
#include "s3/uri_encoding.hpp"

#include <cstddef>
#include <cstdint>

using namespace ducklake::s3;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	if (size == 0) {
		return 0;
	}
	std::string_view input(reinterpret_cast<const char *>(data) + 1, size - 1);
	switch (data[0] % 12) {
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
	}
	return 0;
}
