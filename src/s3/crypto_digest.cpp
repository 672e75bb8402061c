#include "s3/crypto_digest.hpp"

#include "s3/byte_encoding.hpp"
#include "s3/md5_stream.hpp"

#include <new>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace ducklake {
namespace s3 {

static const EVP_MD *DigestFor(DigestAlgorithm algorithm) {
	switch (algorithm) {
	case DigestAlgorithm::SHA1:
		return EVP_sha1();
	case DigestAlgorithm::MD5:
		return EVP_md5();
	case DigestAlgorithm::SHA256:
	default:
		return EVP_sha256();
	}
}

static std::string OneShot(DigestAlgorithm algorithm, std::string_view data) {
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int digest_length = 0;
	if (EVP_Digest(data.data(), data.size(), digest, &digest_length, DigestFor(algorithm), nullptr) != 1) {
		throw std::bad_alloc();
	}
	return std::string(reinterpret_cast<const char *>(digest), digest_length);
}

std::string Sha256(std::string_view data) {
	return OneShot(DigestAlgorithm::SHA256, data);
}

std::string Sha256Hex(std::string_view data) {
	return HexEncode(Sha256(data));
}

std::string Sha1(std::string_view data) {
	return OneShot(DigestAlgorithm::SHA1, data);
}

std::string Md5(std::string_view data) {
	if (Md5Stream::Preferred()) {
		Md5Stream md5;
		md5.Update(data);
		return md5.Finish();
	}
	return OneShot(DigestAlgorithm::MD5, data);
}

std::string HmacSha256(std::string_view key, std::string_view data) {
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int mac_length = 0;
	if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
	          reinterpret_cast<const unsigned char *>(data.data()), data.size(), mac, &mac_length)) {
		throw std::bad_alloc();
	}
	return std::string(reinterpret_cast<const char *>(mac), mac_length);
}

struct DigestHasher::State {
	//! OpenSSL's context, or null when md5 does the work.
	EVP_MD_CTX *context = nullptr;
	std::unique_ptr<Md5Stream> md5;
	~State() {
		EVP_MD_CTX_free(context);
	}
};

DigestHasher::DigestHasher(DigestAlgorithm algorithm) : state(new State()) {
	if (algorithm == DigestAlgorithm::MD5 && Md5Stream::Preferred()) {
		state->md5.reset(new Md5Stream());
		return;
	}
	state->context = EVP_MD_CTX_new();
	if (!state->context || EVP_DigestInit_ex(state->context, DigestFor(algorithm), nullptr) != 1) {
		throw std::bad_alloc();
	}
}

DigestHasher::~DigestHasher() = default;
DigestHasher::DigestHasher(DigestHasher &&other) noexcept = default;
DigestHasher &DigestHasher::operator=(DigestHasher &&other) noexcept = default;

void DigestHasher::Update(std::string_view data) {
	if (state->md5) {
		state->md5->Update(data);
		return;
	}
	EVP_DigestUpdate(state->context, data.data(), data.size());
}

std::string DigestHasher::Finish() {
	if (state->md5) {
		return state->md5->Finish();
	}
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int digest_length = 0;
	EVP_DigestFinal_ex(state->context, digest, &digest_length);
	return std::string(reinterpret_cast<const char *>(digest), digest_length);
}

} // namespace s3
} // namespace ducklake
