//===----------------------------------------------------------------------===//
// LocalWebServer (tests only): an nginx serving a fresh temporary directory on a free loopback port,
// plus small raw-socket servers that misbehave on purpose (never answer, hang up at once).
//
// The server is a child process started by Start and killed by the destructor; nothing is shared
// between tests. When nginx (or, for TLS, the openssl command) is not installed Start() returns false
// with the reason, so the test can skip saying why.
//
// With TLS, Start makes a fresh CA with the openssl command and a server certificate it signs for
// 127.0.0.1 (not for "localhost"); CaCertFile() is the CA to trust. With a proxy target, every
// request is passed on to http://<target> unchanged (Host header, body streamed), e.g. to put
// TLS in front of ducklake-s3d.
//===----------------------------------------------------------------------===//
#pragma once

#include <atomic>
#include <string>
#include <sys/types.h>
#include <thread>

namespace ducklake {

//! A fresh directory under the system temp dir, removed (recursively) by the destructor.
class TempDirectory {
public:
	TempDirectory();
	~TempDirectory();
	const std::string &Path() const {
		return path;
	}

private:
	std::string path;
};

class LocalWebServer {
public:
	LocalWebServer();
	~LocalWebServer();
	struct Options {
		bool tls = false;
		//! host:port to proxy every request to; empty serves Root().
		std::string proxy_target;
	};
	//! Starts nginx; false (and `error`) when it cannot.
	bool Start(std::string &error, const Options &options);
	bool Start(std::string &error) {
		return Start(error, Options());
	}
	//! Writes a file to be served at /<name>.
	void WriteFile(const std::string &name, const std::string &content);
	std::string Url(const std::string &name) const;
	//! host:port of the server.
	std::string Endpoint() const;
	//! With TLS: the PEM file of the CA that signed the server's certificate.
	std::string CaCertFile() const;
	const std::string &Root() const {
		return root;
	}

private:
	bool MakeCertificates(std::string &error);

	TempDirectory directory;
	std::string root;
	uint16_t port = 0;
	pid_t pid = -1;
	bool tls = false;
};

//! Accepts connections on a loopback port and then either closes them at once (hang_up) or holds
//! them open without answering.
class MisbehavingServer {
public:
	explicit MisbehavingServer(bool hang_up);
	~MisbehavingServer();
	std::string Url() const;

private:
	int listen_fd = -1;
	uint16_t port = 0;
	bool hang_up;
	std::atomic<bool> stopping {false};
	std::thread worker;
};

} // namespace ducklake
