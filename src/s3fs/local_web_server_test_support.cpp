#include "s3fs/local_web_server_test_support.hpp"

#include "support/loopback_port.hpp"

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>
#include <filesystem>

namespace ducklake {

TempDirectory::TempDirectory() {
	auto base = std::filesystem::temp_directory_path() / "ducklake-s3fs-XXXXXX";
	std::string pattern = base.string();
	std::vector<char> buffer(pattern.begin(), pattern.end());
	buffer.push_back('\0');
	path = mkdtemp(buffer.data());
}

TempDirectory::~TempDirectory() {
	std::error_code ignored;
	std::filesystem::remove_all(path, ignored);
}

LocalWebServer::LocalWebServer() {
	root = directory.Path() + "/www";
	std::filesystem::create_directories(root);
	std::filesystem::create_directories(directory.Path() + "/logs");
}

LocalWebServer::~LocalWebServer() {
	if (pid > 0) {
		kill(pid, SIGTERM);
		waitpid(pid, nullptr, 0);
	}
}

bool LocalWebServer::MakeCertificates(std::string &error) {
	if (std::system("openssl version > /dev/null 2>&1") != 0) {
		error = "the openssl command is not installed (Debian package openssl)";
		return false;
	}
	auto dir = directory.Path();
	std::ofstream extensions(dir + "/server.ext");
	extensions << "subjectAltName = IP:127.0.0.1\nbasicConstraints = CA:FALSE\n";
	extensions.close();
	auto log = " >> " + dir + "/logs/openssl.log 2>&1";
	std::vector<std::string> commands = {
	    "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "
	    "'/CN=ducklake test CA' -keyout " +
	        dir + "/ca.key -out " + dir + "/ca.pem",
	    "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj '/CN=127.0.0.1' -keyout " +
	        dir + "/server.key -out " + dir + "/server.csr",
	    "openssl x509 -req -days 2 -in " + dir + "/server.csr -CA " + dir + "/ca.pem -CAkey " + dir +
	        "/ca.key -CAcreateserial -extfile " + dir + "/server.ext -out " + dir + "/server.pem"};
	for (auto &command : commands) {
		if (std::system((command + log).c_str()) != 0) {
			error = "openssl failed making the test certificates: " + command;
			return false;
		}
	}
	return true;
}

bool LocalWebServer::Start(std::string &error, const Options &options) {
	const char *nginx_binary = "/usr/sbin/nginx";
	if (access(nginx_binary, X_OK) != 0) {
		error = "nginx is not installed (Debian package nginx-light)";
		return false;
	}
	tls = options.tls;
	if (tls && !MakeCertificates(error)) {
		return false;
	}
	port = FindFreeLoopbackPort();
	auto config_path = directory.Path() + "/nginx.conf";
	std::ofstream config(config_path);
	config << "daemon off;\nmaster_process off;\nworker_processes 1;\npid " << directory.Path()
	       << "/nginx.pid;\nerror_log " << directory.Path() << "/logs/error.log;\n"
	       << "events { worker_connections 256; }\n"
	       << "http {\n access_log off;\n client_body_temp_path " << directory.Path() << "/body;\n"
	       << " proxy_temp_path " << directory.Path() << "/proxy;\n fastcgi_temp_path " << directory.Path()
	       << "/fastcgi;\n uwsgi_temp_path " << directory.Path() << "/uwsgi;\n scgi_temp_path " << directory.Path()
	       << "/scgi;\n keepalive_requests 10000;\n"
	       << " server {\n  listen 127.0.0.1:" << port << (tls ? " ssl" : "") << ";\n  root " << root << ";\n";
	if (tls) {
		config << "  ssl_certificate " << directory.Path() << "/server.pem;\n  ssl_certificate_key " << directory.Path()
		       << "/server.key;\n";
	}
	if (options.proxy_target.empty()) {
		config << "  location /norange/ { max_ranges 0; }\n";
	} else {
		config << "  client_max_body_size 0;\n  location / {\n   proxy_pass http://" << options.proxy_target
		       << ";\n   proxy_set_header Host $http_host;\n   proxy_request_buffering off;\n"
		       << "   proxy_buffering off;\n   proxy_http_version 1.1;\n   proxy_set_header Connection \"\";\n  }\n";
	}
	config << " }\n}\n";
	config.close();
	pid = fork();
	if (pid == 0) {
		execl(nginx_binary, nginx_binary, "-p", directory.Path().c_str(), "-c", config_path.c_str(), nullptr);
		_exit(127);
	}
	const int start_polls_max = 200;
	for (int poll_idx = 0; poll_idx < start_polls_max; poll_idx++) {
		if (LoopbackPortAccepts(port)) {
			return true;
		}
		int status = 0;
		if (waitpid(pid, &status, WNOHANG) == pid) {
			pid = -1;
			error = "nginx exited at start; see its error log";
			return false;
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(25));
	}
	error = "nginx did not start listening within 5 s";
	return false;
}

void LocalWebServer::WriteFile(const std::string &name, const std::string &content) {
	auto path = std::filesystem::path(root) / name;
	std::filesystem::create_directories(path.parent_path());
	std::ofstream out(path, std::ios::binary);
	out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

std::string LocalWebServer::Url(const std::string &name) const {
	return std::string(tls ? "https" : "http") + "://" + Endpoint() + "/" + name;
}

std::string LocalWebServer::Endpoint() const {
	return "127.0.0.1:" + std::to_string(port);
}

std::string LocalWebServer::CaCertFile() const {
	return directory.Path() + "/ca.pem";
}

MisbehavingServer::MisbehavingServer(bool hang_up_p) : hang_up(hang_up_p) {
	listen_fd = socket(AF_INET, SOCK_STREAM, 0);
	sockaddr_in address {};
	address.sin_family = AF_INET;
	address.sin_port = 0;
	address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(listen_fd, reinterpret_cast<sockaddr *>(&address), sizeof(address));
	socklen_t length = sizeof(address);
	getsockname(listen_fd, reinterpret_cast<sockaddr *>(&address), &length);
	port = ntohs(address.sin_port);
	listen(listen_fd, 16);
	worker = std::thread([this] {
		std::vector<int> held;
		while (!stopping) {
			int client = accept(listen_fd, nullptr, nullptr);
			if (client < 0) {
				break;
			}
			if (hang_up) {
				char buffer[4096];
				auto ignored = recv(client, buffer, sizeof(buffer), 0);
				(void)ignored;
				close(client);
			} else {
				held.push_back(client);
			}
		}
		for (auto fd : held) {
			close(fd);
		}
	});
}

MisbehavingServer::~MisbehavingServer() {
	stopping = true;
	shutdown(listen_fd, SHUT_RDWR);
	close(listen_fd);
	worker.join();
}

std::string MisbehavingServer::Url() const {
	return "http://127.0.0.1:" + std::to_string(port) + "/object";
}

} // namespace ducklake
