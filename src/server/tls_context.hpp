//===----------------------------------------------------------------------===//
// server TlsContext: the certificate and key ducklake-s3d serves HTTPS with
//
// Loaded once at startup from the PEM files named by --tls-cert and --tls-key, before the port is
// opened, so a wrong file stops the server with a message naming the file and what is wrong with
// it (missing or unreadable, not PEM, key encrypted, key not matching the certificate). Only TLS 1.2
// and newer are offered. The context is immutable after Load and shared read-only by every
// connection thread (OpenSSL's SSL_CTX is thread-safe for that use).
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/result.hpp"

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

namespace ducklake {
namespace server {

class TlsContext {
public:
	//! Fails naming --tls-cert or --tls-key with the file path and the reason.
	static s3::Result<std::shared_ptr<TlsContext>> Load(const std::string &cert_path, const std::string &key_path);

	boost::asio::ssl::context &Native() {
		return context;
	}

private:
	TlsContext();
	boost::asio::ssl::context context;
};

} // namespace server
} // namespace ducklake
