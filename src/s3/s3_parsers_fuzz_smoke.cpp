// A short, deterministic run of the s3 parsers fuzz target for the regular test suite (any compiler):
// seeds of each input kind plus seeded random mutations of them. The real fuzzing runs with libFuzzer
// (`make fuzz-s3`); this keeps the target building and catches crashes on every `make test`.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static constexpr size_t SMOKE_ITERATIONS = 200000;
static constexpr size_t SMOKE_INPUT_BYTES_MAX = 2048;

int main() {
	const std::vector<std::string> seeds {
	    "AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request,SignedHeaders=host,Signature=" +
	        std::string(64, 'a'),
	    "bytes=0-9",
	    "bytes=-5",
	    "bytes=5-",
	    "<ListBucketResult><Name>b</Name><IsTruncated>false</IsTruncated><Contents><Key>k</Key></Contents>"
	    "</ListBucketResult>",
	    "<Error><Code>NoSuchKey</Code><Message>m</Message></Error>",
	    "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"x\"</ETag></Part></CompleteMultipartUpload>",
	    "<Delete><Quiet>true</Quiet><Object><Key>a</Key></Object></Delete>",
	    "a=1&b=%20&c",
	    "s3://bucket/key",
	    "Fri, 24 May 2013 00:00:00 GMT",
	    "Zm9vYmFy",
	    "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n",
	    "5;chunk-signature=" + std::string(64, '0') + "\r\nhello\r\n0;chunk-signature=" + std::string(64, '0') +
	        "\r\n\r\n"};
	std::mt19937_64 random(20130524);
	for (size_t iteration = 0; iteration < SMOKE_ITERATIONS; iteration++) {
		std::string input(1, static_cast<char>(iteration % 13 + 13 * (iteration / 13 % 19)));
		input += seeds[random() % seeds.size()];
		size_t mutations = random() % 8;
		for (size_t mutation_idx = 0; mutation_idx < mutations && input.size() > 1; mutation_idx++) {
			size_t position = 1 + random() % (input.size() - 1);
			switch (random() % 4) {
			case 0:
				input[position] = static_cast<char>(random());
				break;
			case 1:
				input.erase(position, 1 + random() % 8);
				break;
			case 2:
				input.insert(position, std::string(1 + random() % 16, static_cast<char>(random())));
				break;
			default:
				input = input.substr(0, position);
				break;
			}
		}
		if (input.size() > SMOKE_INPUT_BYTES_MAX) {
			input.resize(SMOKE_INPUT_BYTES_MAX);
		}
		LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.data()), input.size());
	}
	std::printf("s3 parsers fuzz smoke: %zu inputs, no crash\n", SMOKE_ITERATIONS);
	return 0;
}
