#include "http_file_server.hpp"
#include "support/loopback_port.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace ducklake {

namespace {

constexpr int server_start_attempts_max = 100;
constexpr int server_start_poll_ms = 100;

} // namespace

HttpFileServer::HttpFileServer(const std::string &directory) {
	port = FindFreeLoopbackPort();
	if (port == 0) {
		error = "no free loopback port";
		return;
	}
	auto port_text = std::to_string(port);
	child = fork();
	if (child == 0) {
		// Quiet child: the request log would interleave with the test output.
		if (!freopen("/dev/null", "w", stderr)) {
			_exit(126);
		}
		execlp("python3", "python3", "-m", "http.server", port_text.c_str(), "--bind", "127.0.0.1", "--directory",
		       directory.c_str(), static_cast<char *>(nullptr));
		_exit(127);
	}
	if (child < 0) {
		error = "fork failed";
		return;
	}
	for (int attempt = 0; attempt < server_start_attempts_max; attempt++) {
		if (LoopbackPortAccepts(port)) {
			return;
		}
		int status = 0;
		if (waitpid(child, &status, WNOHANG) == child) {
			child = -1;
			error = "python3 -m http.server exited before accepting connections (is python3 installed?)";
			return;
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(server_start_poll_ms));
	}
	error = "python3 -m http.server did not accept connections on port " + port_text + " within " +
	        std::to_string(server_start_attempts_max * server_start_poll_ms) + " ms";
}

HttpFileServer::~HttpFileServer() {
	if (child > 0) {
		kill(child, SIGTERM);
		int status = 0;
		waitpid(child, &status, 0);
	}
}

std::string HttpFileServer::BaseUrl() const {
	return "http://127.0.0.1:" + std::to_string(port);
}

} // namespace ducklake
