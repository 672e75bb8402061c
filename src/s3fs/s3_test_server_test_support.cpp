#include "s3fs/s3_test_server_test_support.hpp"

#include "support/loopback_port.hpp"

#include "s3fs/curl_transport.hpp"
#include "s3fs/s3_client.hpp"

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace ducklake {

namespace {

S3Config ServerConfig(const std::string &endpoint) {
	S3Config config;
	config.key_id = S3TestServer::ACCESS_KEY;
	config.secret = S3TestServer::SECRET_KEY;
	config.region = S3TestServer::REGION;
	config.endpoint = endpoint;
	config.url_style = S3UrlStyle::PATH;
	config.use_ssl = false;
	return config;
}

} // namespace

S3TestServer::~S3TestServer() {
	if (pid > 0) {
		kill(pid, SIGTERM);
		int status = 0;
		const int stop_polls_max = 100;
		for (int poll_idx = 0; poll_idx < stop_polls_max; poll_idx++) {
			if (waitpid(pid, &status, WNOHANG) == pid) {
				return;
			}
			std::this_thread::sleep_for(std::chrono::milliseconds(20));
		}
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
}

bool S3TestServer::Start(std::string &error) {
	std::string binary = DUCKLAKE_S3D_BINARY;
	if (access(binary.c_str(), X_OK) != 0) {
		error = "ducklake-s3d is not built (expected at " + binary + ")";
		return false;
	}
	root = directory.Path() + "/root";
	std::filesystem::create_directories(root);
	port = FindFreeLoopbackPort();
	auto listen = "127.0.0.1:" + std::to_string(port);
	auto log_path = directory.Path() + "/s3d.log";
	pid = fork();
	if (pid == 0) {
		auto log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (log_fd >= 0) {
			dup2(log_fd, 1);
			dup2(log_fd, 2);
		}
		execl(binary.c_str(), binary.c_str(), "--root", root.c_str(), "--listen", listen.c_str(), "--access-key",
		      ACCESS_KEY, "--secret-key", SECRET_KEY, "--region", REGION, nullptr);
		_exit(127);
	}
	const int start_polls_max = 400;
	for (int poll_idx = 0; poll_idx < start_polls_max; poll_idx++) {
		if (LoopbackPortAccepts(port)) {
			return true;
		}
		int status = 0;
		if (waitpid(pid, &status, WNOHANG) == pid) {
			pid = -1;
			error = "ducklake-s3d exited at start; its log is " + log_path;
			return false;
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(25));
	}
	error = "ducklake-s3d did not listen within 10 s";
	return false;
}

std::string S3TestServer::Endpoint() const {
	return "127.0.0.1:" + std::to_string(port);
}

std::string S3TestServer::CreateSecretSql(const std::string &name) const {
	return "CREATE OR REPLACE SECRET " + name + " (TYPE s3, KEY_ID '" + ACCESS_KEY + "', SECRET '" + SECRET_KEY +
	       "', REGION '" + REGION + "', ENDPOINT '" + Endpoint() + "', URL_STYLE 'path', USE_SSL false)";
}

bool S3TestServer::CreateBucket(const std::string &bucket, std::string &error) const {
	CurlTransport transport;
	S3Client client(transport, ServerConfig(Endpoint()), HttpClientSettings());
	auto request = client.NewRequest(HttpMethod::PUT, bucket, "");
	auto response = client.Send(request, bucket, "");
	if (!response.Succeeded()) {
		error = "CreateBucket " + bucket + ": status " + std::to_string(response.status) + " " + response.body +
		        response.transport_message;
		return false;
	}
	return true;
}

} // namespace ducklake
