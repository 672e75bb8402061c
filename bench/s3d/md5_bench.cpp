// md5_bench: the MD5 of the ETag, this project's Md5Stream against OpenSSL's EVP MD5, in the
// same process on the same bytes. The two run alternately (the machine may be shared, so both see
// the same load) and each figure is the best of the repetitions plus the median of the per-repetition
// ratios. Feeds 1 MiB updates, as the PUT pipeline does.
// Usage: md5_bench [MIB=256] [REPETITIONS=7]
#include "s3/md5_stream.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <openssl/evp.h>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace ducklake::s3;

namespace {

constexpr size_t UPDATE_BYTES = 1 << 20;

double Seconds(std::chrono::steady_clock::time_point start) {
	return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string OpenSslMd5(const std::string &data, double &seconds) {
	auto start = std::chrono::steady_clock::now();
	EVP_MD_CTX *context = EVP_MD_CTX_new();
	EVP_DigestInit_ex(context, EVP_md5(), nullptr);
	for (size_t offset = 0; offset < data.size(); offset += UPDATE_BYTES) {
		EVP_DigestUpdate(context, data.data() + offset, std::min(UPDATE_BYTES, data.size() - offset));
	}
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int digest_length = 0;
	EVP_DigestFinal_ex(context, digest, &digest_length);
	EVP_MD_CTX_free(context);
	seconds = Seconds(start);
	return std::string(reinterpret_cast<const char *>(digest), digest_length);
}

std::string OwnMd5(const std::string &data, double &seconds) {
	auto start = std::chrono::steady_clock::now();
	Md5Stream hasher;
	for (size_t offset = 0; offset < data.size(); offset += UPDATE_BYTES) {
		hasher.Update(std::string_view(data).substr(offset, UPDATE_BYTES));
	}
	std::string digest = hasher.Finish();
	seconds = Seconds(start);
	return digest;
}

double Median(std::vector<double> values) {
	std::sort(values.begin(), values.end());
	size_t middle = values.size() / 2;
	return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

} // namespace

int main(int argc, char **argv) {
	size_t mib = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 256;
	size_t repetitions = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 7;
	if (mib == 0 || mib > 4096 || repetitions == 0 || repetitions > 100) {
		std::fprintf(stderr, "usage: md5_bench [MIB in 1..4096] [REPETITIONS in 1..100]\n");
		return 2;
	}
	std::string data(mib << 20, '\0');
	std::mt19937_64 random(1321);
	for (size_t offset = 0; offset + 8 <= data.size(); offset += 8) {
		uint64_t word = random();
		std::copy_n(reinterpret_cast<const char *>(&word), 8, &data[offset]);
	}
	std::vector<double> openssl_seconds, own_seconds, ratios;
	for (size_t repetition = 0; repetition < repetitions; repetition++) {
		double openssl = 0, own = 0;
		std::string expected = OpenSslMd5(data, openssl);
		std::string actual = OwnMd5(data, own);
		if (actual != expected) {
			std::fprintf(stderr, "md5 bench: digests differ\n");
			return 1;
		}
		openssl_seconds.push_back(openssl);
		own_seconds.push_back(own);
		ratios.push_back(openssl / own);
	}
	auto mb_per_s = [&](double seconds) {
		return static_cast<double>(data.size()) / seconds / 1e6;
	};
	std::printf("md5 of %zu MiB in 1 MiB updates, %zu alternating repetitions: OpenSSL EVP %.0f MB/s, Md5Stream %.0f "
	            "MB/s (best); "
	            "Md5Stream/OpenSSL speed %.2fx median\n",
	            mib, repetitions, mb_per_s(*std::min_element(openssl_seconds.begin(), openssl_seconds.end())),
	            mb_per_s(*std::min_element(own_seconds.begin(), own_seconds.end())), Median(ratios));
	return 0;
}
