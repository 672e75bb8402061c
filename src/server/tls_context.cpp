#include "server/tls_context.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <sstream>
#include <sys/stat.h>

namespace ducklake {
namespace server {

namespace ssl = boost::asio::ssl;
using R = s3::Result<std::shared_ptr<TlsContext>>;

TlsContext::TlsContext() : context(ssl::context::tls_server) {
}

//! OpenSSL's reason text ("no start line", "bad decrypt", ...).
static std::string OpenSslReason(const boost::system::error_code &error) {
	std::string reason = error.message();
	return reason.empty() ? "unknown OpenSSL error" : reason;
}

static std::string OpenSslQueueReason() {
	unsigned long code = ERR_peek_last_error();
	const char *reason = code ? ERR_reason_error_string(code) : nullptr;
	ERR_clear_error();
	return reason ? reason : "unknown OpenSSL error";
}

//! Reads a whole PEM file; fails with a reason when it is missing, unreadable, not a regular file or
//! larger than any certificate chain or key has reason to be.
static s3::Result<std::string> ReadPemFile(const std::string &path) {
	static constexpr size_t PEM_FILE_BYTES_MAX = 1024 * 1024;
	struct stat status;
	if (stat(path.c_str(), &status) != 0) {
		return s3::Result<std::string>::Failure(std::strerror(errno));
	}
	if (!S_ISREG(status.st_mode)) {
		return s3::Result<std::string>::Failure("not a regular file");
	}
	if (uint64_t(status.st_size) > PEM_FILE_BYTES_MAX) {
		return s3::Result<std::string>::Failure("larger than 1 MiB, which no PEM certificate or key is");
	}
	std::ifstream file(path, std::ios::binary);
	if (!file) {
		return s3::Result<std::string>::Failure(std::strerror(errno));
	}
	std::ostringstream text;
	text << file.rdbuf();
	return s3::Result<std::string>::Success(text.str());
}

R TlsContext::Load(const std::string &cert_path, const std::string &key_path) {
	std::shared_ptr<TlsContext> tls(new TlsContext());
	auto &context = tls->context;
	context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
	                    ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);

	auto cert_text = ReadPemFile(cert_path);
	if (!cert_text.Ok()) {
		return R::Failure("--tls-cert '" + cert_path + "' cannot be read: " + cert_text.Error());
	}
	auto key_text = ReadPemFile(key_path);
	if (!key_text.Ok()) {
		return R::Failure("--tls-key '" + key_path + "' cannot be read: " + key_text.Error());
	}
	if (cert_text.Value().find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
		return R::Failure("--tls-cert '" + cert_path +
		                  "' is not a PEM certificate: it has no '-----BEGIN CERTIFICATE-----' block");
	}
	if (key_text.Value().find("PRIVATE KEY-----") == std::string::npos) {
		return R::Failure("--tls-key '" + key_path +
		                  "' is not a PEM private key: it has no '-----BEGIN PRIVATE KEY-----' (or RSA/EC) block");
	}
	boost::system::error_code error;
	context.use_certificate_chain(boost::asio::buffer(cert_text.Value()), error);
	if (error) {
		return R::Failure("--tls-cert '" + cert_path + "' is not a PEM certificate (chain): " + OpenSslReason(error));
	}
	// Parse the key ourselves to tell "not a key" and "encrypted" apart from "not this certificate's key".
	// The empty password callback keeps OpenSSL from prompting on the terminal.
	BIO *key_bio = BIO_new_mem_buf(key_text.Value().data(), int(key_text.Value().size()));
	EVP_PKEY *key = PEM_read_bio_PrivateKey(
	    key_bio, nullptr, [](char *, int, int, void *) { return 0; }, nullptr);
	BIO_free(key_bio);
	if (!key) {
		std::string reason = OpenSslQueueReason();
		if (key_text.Value().find("ENCRYPTED") != std::string::npos) {
			return R::Failure("--tls-key '" + key_path +
			                  "' is encrypted with a passphrase; give an unencrypted key (openssl pkey -in KEY -out "
			                  "KEY.plain)");
		}
		return R::Failure("--tls-key '" + key_path + "' is not a PEM private key: " + reason);
	}
	int used = SSL_CTX_use_PrivateKey(context.native_handle(), key);
	EVP_PKEY_free(key);
	if (used != 1 || SSL_CTX_check_private_key(context.native_handle()) != 1) {
		ERR_clear_error();
		return R::Failure("--tls-key '" + key_path + "' is not the private key of the certificate in --tls-cert '" +
		                  cert_path + "'; give the key the certificate was issued for");
	}
	return R::Success(tls);
}

} // namespace server
} // namespace ducklake
