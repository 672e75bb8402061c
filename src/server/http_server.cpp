#include "server/http_server.hpp"

#include "s3/http_date.hpp"
#include "server/tls_context.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <list>
#include <mutex>
#include <sys/sendfile.h>
#include <thread>
#include <unistd.h>

namespace ducklake {
namespace server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

//! Bound on the request line plus headers.
static constexpr uint32_t REQUEST_HEADER_BYTES_MAX = 64 * 1024;
//! Bound on a request body on the wire (a 5 GiB part plus aws-chunked framing).
static constexpr uint64_t REQUEST_BODY_BYTES_MAX = 6ull * 1024 * 1024 * 1024;
//! Capacity of the per-connection read buffer (bounds the size of one socket read).
static constexpr size_t READ_BUFFER_BYTES = 256 * 1024;
//! How often a server at --max-connections looks again for room to accept.
static constexpr int CAPACITY_RECHECK_MS = 10;
//! How often abandoned multipart uploads are looked for (they are also removed at startup).
static constexpr int64_t UPLOAD_EXPIRY_INTERVAL_SECONDS = 3600;
//! Largest piece handed to sendfile at once.
static constexpr size_t SENDFILE_CHUNK_BYTES = 8 * 1024 * 1024;
//! Size of the pieces a file body is read and encrypted in when TLS rules out sendfile.
static constexpr size_t TLS_FILE_CHUNK_BYTES = 256 * 1024;
//! Bound on the TLS handshake (the idle timeout bounds the wait for its first byte).
static constexpr int64_t TLS_HANDSHAKE_TIMEOUT_SECONDS = 30;
//! Bound on sending close_notify and waiting for the client's, when the server ends a TLS connection.
static constexpr int64_t TLS_SHUTDOWN_TIMEOUT_SECONDS = 1;
//! Bound on the bytes of a plain HTTP request read from a TLS port before it is answered with 400.
static constexpr size_t PLAIN_ON_TLS_HEAD_BYTES_MAX = 16 * 1024;
//! Bound on the time spent reading such a request.
static constexpr int64_t PLAIN_ON_TLS_TIMEOUT_SECONDS = 2;
//! First byte of every TLS connection: a handshake record.
static constexpr unsigned char TLS_HANDSHAKE_RECORD = 0x16;

//! One client connection, served by its own thread on its own io_context. Exactly one of `plain` and
//! `tls` is set; `Tcp()` is the TCP layer under either (deadlines, the raw socket for sendfile).
struct Connection {
	net::io_context io;
	std::unique_ptr<beast::tcp_stream> plain;
	std::unique_ptr<TlsStream> tls;
	std::atomic<bool> idle {true};

	beast::tcp_stream &Tcp() {
		return tls ? beast::get_lowest_layer(*tls) : *plain;
	}
};

struct HttpServer::State {
	State(const ServerConfig &config_p, S3Handler &handler_p, std::shared_ptr<TlsContext> tls_p)
	    : config(config_p), handler(handler_p), tls(std::move(tls_p)), acceptor(accept_io),
	      signals(accept_io, SIGTERM, SIGINT) {
	}
	ServerConfig config;
	S3Handler &handler;
	//! Null when serving plain HTTP.
	std::shared_ptr<TlsContext> tls;
	net::io_context accept_io;
	tcp::acceptor acceptor;
	net::signal_set signals;
	std::mutex mutex;
	std::condition_variable changed;
	std::list<Connection *> connections;
	size_t busy = 0;
	//! Accepted connections whose thread has not registered yet.
	size_t pending = 0;
	bool stopping = false;
	net::steady_timer capacity_timer {accept_io};
	net::steady_timer expiry_timer {accept_io};
	std::mutex log_mutex;

	void Log(LogLevel level, const std::string &line) {
		if (level > config.log_level) {
			return;
		}
		static const char *NAMES[] = {"ERROR", "WARN", "INFO", "DEBUG"};
		std::lock_guard<std::mutex> guard(log_mutex);
		std::cerr << s3::FormatIso8601(time(nullptr)) << " " << NAMES[int(level)] << " " << line << std::endl;
	}
	void Accept();
	void ScheduleUploadExpiry();
	void Serve(tcp::socket::native_handle_type handle, std::string remote);
	bool StartTls(Connection &connection, const std::string &remote);
};

//! Runs one asynchronous socket step on the connection's io_context with a deadline. `start` is
//! called with the connection's stream (plain or TLS) and the completion handler to pass on.
template <class Start>
static beast::error_code RunStep(Connection &connection, int64_t timeout_seconds, size_t *bytes, Start start) {
	beast::error_code result = net::error::would_block;
	connection.Tcp().expires_after(std::chrono::seconds(timeout_seconds));
	auto handler = [&](beast::error_code error, size_t transferred) {
		result = error;
		if (bytes) {
			*bytes = transferred;
		}
	};
	if (connection.tls) {
		start(*connection.tls, handler);
	} else {
		start(*connection.plain, handler);
	}
	connection.io.restart();
	connection.io.run();
	return result;
}

//! Waits until the raw socket is writable, within `timeout_seconds` (the stream's deadline covers
//! only its own reads and writes, not a wait on the socket).
static beast::error_code WaitWritable(Connection &connection, int64_t timeout_seconds) {
	net::steady_timer timer(connection.io);
	timer.expires_after(std::chrono::seconds(timeout_seconds));
	bool timed_out = false;
	beast::error_code result;
	timer.async_wait([&](beast::error_code error) {
		if (!error) {
			timed_out = true;
			beast::error_code ignored;
			connection.Tcp().socket().cancel(ignored);
		}
	});
	connection.Tcp().socket().async_wait(tcp::socket::wait_write, [&](beast::error_code error) {
		result = error;
		timer.cancel();
	});
	connection.io.restart();
	connection.io.run();
	return timed_out ? beast::error_code(beast::error::timeout) : result;
}

class SocketRequestBody : public RequestBody {
public:
	SocketRequestBody(Connection &connection_p, beast::flat_buffer &buffer_p,
	                  http::request_parser<http::buffer_body> &parser_p, int64_t timeout_seconds_p,
	                  bool expect_continue_p)
	    : connection(connection_p), buffer(buffer_p), parser(parser_p), timeout_seconds(timeout_seconds_p),
	      expect_continue(expect_continue_p) {
	}

	s3::Result<size_t> Read(char *destination, size_t destination_bytes) override {
		if (expect_continue) {
			expect_continue = false;
			static const std::string CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";
			auto error = RunStep(connection, timeout_seconds, nullptr, [&](auto &stream, auto handler) {
				net::async_write(stream, net::buffer(CONTINUE), handler);
			});
			if (error) {
				return s3::Result<size_t>::Failure("cannot send 100 Continue: " + error.message());
			}
		}
		if (!direct_decided) {
			direct_decided = true;
			auto remaining = parser.content_length_remaining();
			direct = !parser.chunked() && remaining.has_value() && !parser.is_done();
			direct_remaining = direct ? *remaining : 0;
		}
		// Fill the caller's buffer (not just what one recv brought) so the store writes large blocks.
		size_t filled =
		    direct ? ReadDirect(destination, destination_bytes) : ReadThroughParser(destination, destination_bytes);
		if (!read_error.empty()) {
			return s3::Result<size_t>::Failure(read_error);
		}
		received += filled;
		return s3::Result<size_t>::Success(filled);
	}
	//! The whole body was read: the connection may carry the next request.
	bool Complete() const {
		return direct ? direct_remaining == 0 : parser.is_done();
	}
	uint64_t received = 0;

private:
	//! A body of known length is read from the stream straight into the caller's buffer: Beast's
	//! parser reads at most 64 KiB at a time into its own buffer and copies from there, which for
	//! a large upload costs thousands of extra steps and a copy of every byte. The parser is not
	//! told; Complete() says when the body is over instead. Bytes that arrived with the header are
	//! taken from the parser's buffer first.
	size_t ReadDirect(char *destination, size_t destination_bytes) {
		size_t filled = 0;
		while (filled < destination_bytes && direct_remaining > 0) {
			size_t want = size_t(std::min<uint64_t>(destination_bytes - filled, direct_remaining));
			size_t got = 0;
			if (buffer.size() > 0) {
				got = net::buffer_copy(net::buffer(destination + filled, want), buffer.data());
				buffer.consume(got);
			} else {
				auto error = RunStep(connection, timeout_seconds, &got, [&](auto &stream, auto handler) {
					stream.async_read_some(net::buffer(destination + filled, want), handler);
				});
				if (error) {
					read_error = error.message();
					return filled;
				}
			}
			filled += got;
			direct_remaining -= got;
		}
		return filled;
	}
	//! Chunked transfer encoding: Beast's parser removes the framing.
	size_t ReadThroughParser(char *destination, size_t destination_bytes) {
		size_t filled = 0;
		while (!parser.is_done() && filled < destination_bytes) {
			parser.get().body().data = destination + filled;
			parser.get().body().size = destination_bytes - filled;
			auto error = RunStep(connection, timeout_seconds, nullptr, [&](auto &stream, auto handler) {
				http::async_read_some(stream, buffer, parser, handler);
			});
			filled = destination_bytes - parser.get().body().size;
			if (error == http::error::need_buffer) {
				error = {};
			}
			if (error) {
				read_error = error.message();
				return filled;
			}
		}
		return filled;
	}

	Connection &connection;
	beast::flat_buffer &buffer;
	http::request_parser<http::buffer_body> &parser;
	int64_t timeout_seconds;
	bool expect_continue;
	bool direct_decided = false;
	bool direct = false;
	uint64_t direct_remaining = 0;
	std::string read_error;
};

static std::string ResponseHead(const HttpResponse &response, bool keep_alive, uint64_t content_length) {
	std::string head = "HTTP/1.1 " + std::to_string(response.status) + " " +
	                   std::string(http::obsolete_reason(http::status(response.status))) + "\r\n";
	for (auto &header : response.headers) {
		head += header.name + ": " + header.value + "\r\n";
	}
	head += "Date: " + s3::FormatHttpDate(time(nullptr)) + "\r\n";
	if (response.status != 204 && response.status != 304 && !(response.status >= 100 && response.status < 200)) {
		head += "Content-Length: " + std::to_string(content_length) + "\r\n";
	}
	if (!keep_alive) {
		head += "Connection: close\r\n";
	}
	head += "\r\n";
	return head;
}

//! Sends a file region through TLS: read a piece, encrypt and write it, repeat (sendfile cannot
//! encrypt). Memory stays at one piece per connection.
static beast::error_code SendFileEncrypted(Connection &connection, const FileRegion &file, int64_t timeout_seconds) {
	std::vector<char> piece(size_t(std::min<uint64_t>(file.length, TLS_FILE_CHUNK_BYTES)));
	uint64_t offset = file.offset;
	uint64_t remaining = file.length;
	while (remaining > 0) {
		ssize_t got = pread(file.fd, piece.data(), size_t(std::min<uint64_t>(remaining, piece.size())), off_t(offset));
		if (got < 0 && errno == EINTR) {
			continue;
		}
		if (got <= 0) {
			return beast::error_code(got == 0 ? EIO : errno, beast::system_category());
		}
		auto error = RunStep(connection, timeout_seconds, nullptr, [&](auto &stream, auto handler) {
			net::async_write(stream, net::buffer(piece.data(), size_t(got)), handler);
		});
		if (error) {
			return error;
		}
		offset += uint64_t(got);
		remaining -= uint64_t(got);
	}
	return {};
}

static beast::error_code SendFile(Connection &connection, const FileRegion &file, int64_t timeout_seconds) {
	if (connection.tls) {
		return SendFileEncrypted(connection, file, timeout_seconds);
	}
	off_t offset = off_t(file.offset);
	uint64_t remaining = file.length;
	int socket_fd = connection.Tcp().socket().native_handle();
	while (remaining > 0) {
		ssize_t sent =
		    sendfile(socket_fd, file.fd, &offset, size_t(std::min<uint64_t>(remaining, SENDFILE_CHUNK_BYTES)));
		if (sent > 0) {
			remaining -= uint64_t(sent);
			continue;
		}
		if (sent < 0 && errno == EINTR) {
			continue;
		}
		if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			auto error = WaitWritable(connection, timeout_seconds);
			if (error) {
				return error;
			}
			continue;
		}
		return beast::error_code(sent == 0 ? EIO : errno, beast::system_category());
	}
	return {};
}

//! Answers a plain HTTP request that reached the TLS port with a 400 that says to use https, after
//! reading its head (bounded), so the client sees the answer instead of a reset.
static void RejectPlainHttp(Connection &connection, beast::flat_buffer &received) {
	auto ReceivedText = [&] {
		return std::string(static_cast<const char *>(received.data().data()), received.size());
	};
	while (ReceivedText().find("\r\n\r\n") == std::string::npos && received.size() < PLAIN_ON_TLS_HEAD_BYTES_MAX) {
		size_t got = 0;
		auto error = RunStep(connection, PLAIN_ON_TLS_TIMEOUT_SECONDS, &got, [&](auto &, auto handler) {
			connection.Tcp().async_read_some(received.prepare(PLAIN_ON_TLS_HEAD_BYTES_MAX - received.size()), handler);
		});
		received.commit(got);
		if (error) {
			break;
		}
	}
	static const std::string MESSAGE = "This port of ducklake-s3d speaks HTTPS only; use an https:// URL.\n";
	std::string reply =
	    "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(MESSAGE.size()) +
	    "\r\nConnection: close\r\n\r\n" + MESSAGE;
	RunStep(connection, PLAIN_ON_TLS_TIMEOUT_SECONDS, nullptr,
	        [&](auto &, auto handler) { net::async_write(connection.Tcp(), net::buffer(reply), handler); });
}

bool HttpServer::State::StartTls(Connection &connection, const std::string &remote) {
	// Look at the first bytes before handing them to OpenSSL: a TLS client opens with a handshake
	// record, anything else is most likely plain HTTP and gets an answer it can show.
	beast::flat_buffer hello;
	size_t got = 0;
	auto error = RunStep(connection, config.idle_timeout_seconds, &got, [&](auto &, auto handler) {
		connection.Tcp().async_read_some(hello.prepare(READ_BUFFER_BYTES), handler);
	});
	hello.commit(got);
	if (error || got == 0) {
		return false;
	}
	if (static_cast<const unsigned char *>(hello.data().data())[0] != TLS_HANDSHAKE_RECORD) {
		Log(LogLevel::INFO, remote + " plain HTTP on the TLS port: answered 400");
		RejectPlainHttp(connection, hello);
		return false;
	}
	error = RunStep(connection, TLS_HANDSHAKE_TIMEOUT_SECONDS, nullptr, [&](auto &, auto handler) {
		connection.tls->async_handshake(ssl::stream_base::server, hello.data(), handler);
	});
	if (error) {
		Log(LogLevel::INFO, remote + " TLS handshake failed: " + error.message());
		return false;
	}
	return true;
}

void HttpServer::State::Serve(tcp::socket::native_handle_type handle, std::string remote) {
	Connection connection;
	{
		tcp::socket socket(connection.io);
		beast::error_code assign_error;
		socket.assign(tcp::v6(), handle, assign_error);
		if (assign_error) {
			socket.assign(tcp::v4(), handle, assign_error);
		}
		socket.set_option(tcp::no_delay(true), assign_error);
		if (tls) {
			connection.tls.reset(new TlsStream(std::move(socket), tls->Native()));
		} else {
			connection.plain.reset(new beast::tcp_stream(std::move(socket)));
		}
	}
	{
		std::lock_guard<std::mutex> guard(mutex);
		connections.push_back(&connection);
		pending--;
	}
	bool open = !tls || StartTls(connection, remote);
	// The server ends the conversation (rather than the client or an error): TLS then says close_notify.
	bool server_closes = false;
	// Beast sizes each socket read by the buffer's free capacity: give it room for large reads.
	beast::flat_buffer buffer;
	buffer.reserve(READ_BUFFER_BYTES);
	while (open) {
		http::request_parser<http::buffer_body> parser;
		parser.header_limit(REQUEST_HEADER_BYTES_MAX);
		parser.body_limit(REQUEST_BODY_BYTES_MAX);
		connection.idle = true;
		{
			std::lock_guard<std::mutex> guard(mutex);
			if (stopping) {
				server_closes = true;
				break;
			}
		}
		auto error = RunStep(connection, config.idle_timeout_seconds, nullptr, [&](auto &stream, auto handler) {
			http::async_read_header(stream, buffer, parser, handler);
		});
		if (error) {
			if (error != http::error::end_of_stream && error != net::error::operation_aborted &&
			    error != beast::error::timeout && error != net::error::connection_reset &&
			    error != ssl::error::stream_truncated && error.category() != net::error::get_ssl_category()) {
				Log(LogLevel::DEBUG, remote + " bad request header: " + error.message());
				// Answer a malformed request before closing, as a server should.
				std::string reply = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
				RunStep(connection, 5, nullptr,
				        [&](auto &stream, auto handler) { net::async_write(stream, net::buffer(reply), handler); });
				server_closes = true;
			}
			server_closes = server_closes || error == beast::error::timeout || error == net::error::operation_aborted;
			break;
		}
		connection.idle = false;
		{
			std::lock_guard<std::mutex> guard(mutex);
			busy++;
		}
		auto started = std::chrono::steady_clock::now();
		auto &message = parser.get();
		HttpRequest request;
		request.method = std::string(message.method_string());
		request.target = std::string(message.target());
		request.remote = remote;
		for (auto &field : message) {
			request.headers.push_back({std::string(field.name_string()), std::string(field.value())});
		}
		bool expect_continue = beast::iequals(message[http::field::expect], "100-continue");
		SocketRequestBody body(connection, buffer, parser, config.request_timeout_seconds, expect_continue);
		request.body = &body;
		HttpResponse response = handler.Handle(request);
		bool keep_alive;
		{
			std::lock_guard<std::mutex> guard(mutex);
			keep_alive = message.keep_alive() && body.Complete() && !stopping;
		}
		uint64_t content_length = response.head_only ? response.content_length : response.BodyBytes();
		std::string head = ResponseHead(response, keep_alive, content_length);
		beast::error_code write_error;
		if (response.head_only || response.file) {
			write_error = RunStep(connection, config.request_timeout_seconds, nullptr, [&](auto &stream, auto handler) {
				net::async_write(stream, net::buffer(head), handler);
			});
			if (!write_error && response.file && request.method != "HEAD") {
				write_error = SendFile(connection, *response.file, config.request_timeout_seconds);
			}
		} else {
			std::array<net::const_buffer, 2> buffers {net::buffer(head), net::buffer(response.body)};
			write_error = RunStep(connection, config.request_timeout_seconds, nullptr,
			                      [&](auto &stream, auto handler) { net::async_write(stream, buffers, handler); });
		}
		auto elapsed_ms =
		    std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
		std::string target = request.target.substr(0, request.target.find('?'));
		Log(response.status >= 500 ? LogLevel::ERROR : LogLevel::INFO,
		    remote + " " + request.method + " " + target + " " + std::to_string(response.status) +
		        (response.error_code.empty() ? "" : " " + response.error_code) +
		        " in=" + std::to_string(body.received) + " out=" + std::to_string(content_length) + " " +
		        std::to_string(elapsed_ms) + "ms" + (write_error ? " write-error=" + write_error.message() : ""));
		{
			std::lock_guard<std::mutex> guard(mutex);
			busy--;
		}
		changed.notify_all();
		if (write_error || !keep_alive) {
			server_closes = !write_error;
			break;
		}
	}
	if (connection.tls && server_closes) {
		RunStep(connection, TLS_SHUTDOWN_TIMEOUT_SECONDS, nullptr, [&](auto &, auto handler) {
			connection.tls->async_shutdown([handler](beast::error_code error) mutable { handler(error, 0); });
		});
	}
	beast::error_code ignored;
	connection.Tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
	connection.Tcp().socket().close(ignored);
	{
		std::lock_guard<std::mutex> guard(mutex);
		connections.remove(&connection);
	}
	changed.notify_all();
}

void HttpServer::State::Accept() {
	{
		// At the connection bound, leave new connections in the kernel's backlog and look again shortly;
		// never block this thread, which also delivers the shutdown signal.
		std::lock_guard<std::mutex> guard(mutex);
		if (stopping) {
			return;
		}
		if (connections.size() + pending >= config.connections_max) {
			capacity_timer.expires_after(std::chrono::milliseconds(CAPACITY_RECHECK_MS));
			capacity_timer.async_wait([this](beast::error_code error) {
				if (!error) {
					Accept();
				}
			});
			return;
		}
	}
	acceptor.async_accept([this](beast::error_code error, tcp::socket socket) {
		if (error) {
			if (error != net::error::operation_aborted) {
				Log(LogLevel::WARN, "accept failed: " + error.message());
				Accept();
			}
			return;
		}
		beast::error_code endpoint_error;
		auto endpoint = socket.remote_endpoint(endpoint_error);
		std::string remote =
		    endpoint_error ? "?" : endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
		auto handle = socket.release();
		{
			// Counted before the thread starts, so the bound and the shutdown both see it.
			std::lock_guard<std::mutex> guard(mutex);
			pending++;
		}
		std::thread([this, handle, remote] { Serve(handle, remote); }).detach();
		Accept();
	});
}

void HttpServer::State::ScheduleUploadExpiry() {
	expiry_timer.expires_after(std::chrono::seconds(UPLOAD_EXPIRY_INTERVAL_SECONDS));
	expiry_timer.async_wait([this](beast::error_code error) {
		if (error) {
			return;
		}
		size_t expired = handler.ExpireAbandonedUploads(config.multipart_expiry_seconds);
		if (expired > 0) {
			Log(LogLevel::INFO, "expired " + std::to_string(expired) + " abandoned multipart uploads");
		}
		ScheduleUploadExpiry();
	});
}

HttpServer::HttpServer(const ServerConfig &config, S3Handler &handler, std::shared_ptr<TlsContext> tls)
    : state(new State(config, handler, std::move(tls))) {
}

HttpServer::~HttpServer() = default;

s3::Result<uint16_t> HttpServer::Listen() {
	beast::error_code error;
	auto address = net::ip::make_address(state->config.listen_host, error);
	if (error) {
		return s3::Result<uint16_t>::Failure("--listen host '" + state->config.listen_host +
		                                     "' is not an IP address; use e.g. 127.0.0.1 or 0.0.0.0");
	}
	tcp::endpoint endpoint(address, state->config.listen_port);
	state->acceptor.open(endpoint.protocol(), error);
	state->acceptor.set_option(net::socket_base::reuse_address(true), error);
	state->acceptor.bind(endpoint, error);
	if (error) {
		return s3::Result<uint16_t>::Failure("cannot listen on " + state->config.listen_host + ":" +
		                                     std::to_string(state->config.listen_port) + ": " + error.message());
	}
	state->acceptor.listen(net::socket_base::max_listen_connections, error);
	if (error) {
		return s3::Result<uint16_t>::Failure("cannot listen: " + error.message());
	}
	return s3::Result<uint16_t>::Success(state->acceptor.local_endpoint().port());
}

size_t HttpServer::Run() {
	State &s = *state;
	s.signals.async_wait([&s](beast::error_code error, int signal_number) {
		if (error) {
			return;
		}
		s.Log(LogLevel::INFO, std::string("received ") + (signal_number == SIGTERM ? "SIGTERM" : "SIGINT") +
		                          ", finishing in-flight requests");
		s.handler.SetDraining();
		beast::error_code ignored;
		s.acceptor.close(ignored);
		s.capacity_timer.cancel();
		s.expiry_timer.cancel();
		std::lock_guard<std::mutex> guard(s.mutex);
		s.stopping = true;
		for (auto *connection : s.connections) {
			net::post(connection->io, [connection] {
				if (connection->idle) {
					beast::error_code cancel_error;
					connection->Tcp().socket().cancel(cancel_error);
				}
			});
		}
		s.changed.notify_all();
	});
	s.Accept();
	s.ScheduleUploadExpiry();
	s.accept_io.run();
	std::unique_lock<std::mutex> lock(s.mutex);
	bool drained = s.changed.wait_for(lock, std::chrono::seconds(s.config.shutdown_timeout_seconds),
	                                  [&s] { return s.connections.empty() && s.pending == 0; });
	size_t still_busy = drained ? 0 : s.busy;
	if (!drained) {
		// Idle connections blocked in a read are woken once more; busy ones are abandoned at exit.
		for (auto *connection : s.connections) {
			net::post(connection->io, [connection] {
				beast::error_code ignored;
				connection->Tcp().socket().cancel(ignored);
			});
		}
	}
	s.Log(LogLevel::INFO,
	      drained ? "stopped cleanly"
	              : "stopped with " + std::to_string(still_busy) + " requests unfinished after the shutdown timeout");
	return still_busy;
}

} // namespace server
} // namespace ducklake
