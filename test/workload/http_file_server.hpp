//===----------------------------------------------------------------------===//
// A static file server on a free loopback port for tests of the http(s) source: runs
// `python3 -m http.server` over a directory in a child process, waits (bounded) until it
// accepts connections, and stops it on destruction. Only the child it started is signalled.
//===----------------------------------------------------------------------===//

#pragma once

#include <string>
#include <sys/types.h>

namespace ducklake {

class HttpFileServer {
public:
	explicit HttpFileServer(const std::string &directory);
	~HttpFileServer();
	HttpFileServer(const HttpFileServer &) = delete;
	HttpFileServer &operator=(const HttpFileServer &) = delete;

	//! empty when the server runs; otherwise why it could not start
	const std::string &Error() const {
		return error;
	}
	//! `http://127.0.0.1:<port>`
	std::string BaseUrl() const;

private:
	pid_t child = -1;
	int port = 0;
	std::string error;
};

} // namespace ducklake
