//===----------------------------------------------------------------------===//
// server configuration: ducklake-s3d's flags and environment variables
//
// Every flag has an environment variable (DUCKLAKE_S3D_<FLAG>, upper-case, '-' as '_'); a flag on
// the command line wins over the environment. Key pairs come from --access-key/--secret-key
// (repeatable, paired in order), from --credentials "AKID:SECRET,AKID2:SECRET2", or from the
// standard AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY. ParseServerConfig is pure (argv and environment
// are parameters) and fails with a message naming the flag and what it accepts; it does not open
// the TLS files (LoadTlsContext in tls_context.hpp does, and names the file that is wrong).
//===----------------------------------------------------------------------===//
#pragma once

#include "s3/result.hpp"
#include "server/request_auth.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ducklake {
namespace server {

enum class LogLevel { ERROR, WARN, INFO, DEBUG };

struct ServerConfig {
	std::string root;
	std::string listen_host = "127.0.0.1";
	uint16_t listen_port = 9000;
	AuthConfig auth;
	std::vector<std::string> virtual_host_domains {"localhost"};
	LogLevel log_level = LogLevel::INFO;
	size_t connections_max = 256;
	int64_t idle_timeout_seconds = 60;
	int64_t request_timeout_seconds = 300;
	int64_t shutdown_timeout_seconds = 10;
	int64_t multipart_expiry_seconds = 7 * 24 * 3600;
	//! PEM certificate chain and private key; both set (serve HTTPS) or both empty (plain HTTP).
	std::string tls_cert_path;
	std::string tls_key_path;
	bool show_help = false;
	bool show_version = false;
};

//! `environment` maps variable names to values (main passes the process environment).
s3::Result<ServerConfig> ParseServerConfig(const std::vector<std::string> &arguments,
                                           const std::map<std::string, std::string> &environment);

std::string ServerHelpText();

} // namespace server
} // namespace ducklake
