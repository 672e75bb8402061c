//===----------------------------------------------------------------------===//
// server HttpServer: the socket shell around S3Handler
//
// Accepts TCP connections (Boost.Asio) and serves each on its own thread with HTTP/1.1 keep-alive
// (Boost.Beast parser), as plain HTTP or, given a TlsContext, as HTTPS only (a plain HTTP request on
// the HTTPS port is answered 400 naming https, never left hanging). Every socket step runs as an asynchronous operation
// on the connection's own io_context with a deadline, so idle clients (--idle-timeout-seconds) and slow ones
// (--request-timeout-seconds per read/write step) are cut off. Request bodies stream to the
// handler through RequestBody (with "Expect: 100-continue" answered on first read); GET bodies are
// sent with sendfile(2) from the handler's file region (under TLS: read and encrypted in 256 KiB
// pieces), never loaded into memory. At most
// --max-connections are served at once; further connections wait in the accept backlog.
// Stop() (from SIGTERM/SIGINT) stops accepting, closes idle keep-alive connections, lets in-flight
// requests finish, and Run() returns after that or after --shutdown-timeout-seconds.
//===----------------------------------------------------------------------===//
#pragma once

#include "server/s3_handler.hpp"
#include "server/server_config.hpp"

#include <memory>
#include <string>

namespace ducklake {
namespace server {

class TlsContext;

class HttpServer {
public:
	//! `tls` null serves plain HTTP.
	HttpServer(const ServerConfig &config, S3Handler &handler, std::shared_ptr<TlsContext> tls);
	~HttpServer();

	//! Binds and listens; fails naming the address when it is in use or not local. Returns the port
	//! (useful with port 0).
	s3::Result<uint16_t> Listen();
	//! Serves until SIGTERM or SIGINT, then drains. Returns the number of requests still running
	//! when the shutdown bound expired (0 on a clean stop).
	size_t Run();

private:
	struct State;
	std::unique_ptr<State> state;
};

} // namespace server
} // namespace ducklake
