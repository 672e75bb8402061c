#include "server/http_server.hpp"

#include "s3/http_date.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <list>
#include <mutex>
#include <sys/sendfile.h>
#include <thread>

namespace ducklake {
namespace server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

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

struct Connection {
	net::io_context io;
	std::unique_ptr<beast::tcp_stream> stream;
	std::atomic<bool> idle {true};
};

struct HttpServer::State {
	State(const ServerConfig &config_p, S3Handler &handler_p)
	    : config(config_p), handler(handler_p), acceptor(accept_io), signals(accept_io, SIGTERM, SIGINT) {
	}
	ServerConfig config;
	S3Handler &handler;
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
};

//! Runs one asynchronous socket step on the connection's io_context with a deadline.
template <class Start>
static beast::error_code RunStep(Connection &connection, int64_t timeout_seconds, size_t *bytes, Start start) {
	beast::error_code result = net::error::would_block;
	connection.stream->expires_after(std::chrono::seconds(timeout_seconds));
	start([&](beast::error_code error, size_t transferred) {
		result = error;
		if (bytes) {
			*bytes = transferred;
		}
	});
	connection.io.restart();
	connection.io.run();
	return result;
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
			auto error = RunStep(connection, timeout_seconds, nullptr, [&](auto handler) {
				net::async_write(*connection.stream, net::buffer(CONTINUE), handler);
			});
			if (error) {
				return s3::Result<size_t>::Failure("cannot send 100 Continue: " + error.message());
			}
		}
		// Fill the caller's buffer (not just what one recv brought) so the store writes large blocks.
		size_t filled = 0;
		while (!parser.is_done() && filled < destination_bytes) {
			parser.get().body().data = destination + filled;
			parser.get().body().size = destination_bytes - filled;
			auto error = RunStep(connection, timeout_seconds, nullptr, [&](auto handler) {
				http::async_read_some(*connection.stream, buffer, parser, handler);
			});
			filled = destination_bytes - parser.get().body().size;
			if (error == http::error::need_buffer) {
				error = {};
			}
			if (error) {
				return s3::Result<size_t>::Failure(error.message());
			}
		}
		received += filled;
		return s3::Result<size_t>::Success(filled);
	}
	uint64_t received = 0;

private:
	Connection &connection;
	beast::flat_buffer &buffer;
	http::request_parser<http::buffer_body> &parser;
	int64_t timeout_seconds;
	bool expect_continue;
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

static beast::error_code SendFile(Connection &connection, const FileRegion &file, int64_t timeout_seconds) {
	off_t offset = off_t(file.offset);
	uint64_t remaining = file.length;
	int socket_fd = connection.stream->socket().native_handle();
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
			auto error = RunStep(connection, timeout_seconds, nullptr, [&](auto handler) {
				connection.stream->socket().async_wait(tcp::socket::wait_write,
				                                       [handler](beast::error_code ec) mutable { handler(ec, 0); });
			});
			if (error) {
				return error;
			}
			continue;
		}
		return beast::error_code(sent == 0 ? EIO : errno, beast::system_category());
	}
	return {};
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
		connection.stream.reset(new beast::tcp_stream(std::move(socket)));
	}
	{
		std::lock_guard<std::mutex> guard(mutex);
		connections.push_back(&connection);
		pending--;
	}
	// Beast sizes each socket read by the buffer's free capacity: give it room for large reads.
	beast::flat_buffer buffer;
	buffer.reserve(READ_BUFFER_BYTES);
	while (true) {
		http::request_parser<http::buffer_body> parser;
		parser.header_limit(REQUEST_HEADER_BYTES_MAX);
		parser.body_limit(REQUEST_BODY_BYTES_MAX);
		connection.idle = true;
		{
			std::lock_guard<std::mutex> guard(mutex);
			if (stopping) {
				break;
			}
		}
		auto error = RunStep(connection, config.idle_timeout_seconds, nullptr, [&](auto handler) {
			http::async_read_header(*connection.stream, buffer, parser, handler);
		});
		if (error) {
			if (error != http::error::end_of_stream && error != net::error::operation_aborted &&
			    error != beast::error::timeout && error != net::error::connection_reset) {
				Log(LogLevel::DEBUG, remote + " bad request header: " + error.message());
				// Answer a malformed request before closing, as a server should.
				std::string reply = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
				RunStep(connection, 5, nullptr,
				        [&](auto handler) { net::async_write(*connection.stream, net::buffer(reply), handler); });
			}
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
			keep_alive = message.keep_alive() && parser.is_done() && !stopping;
		}
		uint64_t content_length = response.head_only ? response.content_length : response.BodyBytes();
		std::string head = ResponseHead(response, keep_alive, content_length);
		beast::error_code write_error;
		if (response.head_only || response.file) {
			write_error = RunStep(connection, config.request_timeout_seconds, nullptr, [&](auto handler) {
				net::async_write(*connection.stream, net::buffer(head), handler);
			});
			if (!write_error && response.file && request.method != "HEAD") {
				write_error = SendFile(connection, *response.file, config.request_timeout_seconds);
			}
		} else {
			std::array<net::const_buffer, 2> buffers {net::buffer(head), net::buffer(response.body)};
			write_error = RunStep(connection, config.request_timeout_seconds, nullptr,
			                      [&](auto handler) { net::async_write(*connection.stream, buffers, handler); });
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
			break;
		}
	}
	beast::error_code ignored;
	connection.stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
	connection.stream->socket().close(ignored);
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

HttpServer::HttpServer(const ServerConfig &config, S3Handler &handler) : state(new State(config, handler)) {
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
					connection->stream->socket().cancel(cancel_error);
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
				connection->stream->socket().cancel(ignored);
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
