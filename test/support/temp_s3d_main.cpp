// ducklake_temp_s3d: run one command beside a private ducklake-s3d.
//
//   ducklake_temp_s3d [--] <command> [args...]
//
// Starts ducklake-s3d on a free loopback port over a fresh temporary root, creates the bucket
// `ducklake-test` through the S3 API (CreateBucket, signed with SigV4 by libcurl), runs <command>
// with
//   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION  the server's key pair and region
//   AWS_ENDPOINT_URL                                       http://127.0.0.1:<port>
//   DUCKLAKE_TEST_S3_BUCKET                                ducklake-test
// in its environment (path-style addressing is the caller's to set: `SET GLOBAL s3_url_style`),
// then stops the server and removes its directory. Exits with the command's exit status
// (128 + signal when it was killed), 77 (skipped) when ducklake-s3d is not part of the build, or 2
// when the server cannot start.
#include "support/loopback_port.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <curl/curl.h>
#include <fcntl.h>
#include <filesystem>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

constexpr const char *ACCESS_KEY = "AKIDDUCKLAKETEST";
constexpr const char *SECRET_KEY = "ducklake-test-secret-key";
constexpr const char *REGION = "us-east-1";
constexpr const char *BUCKET = "ducklake-test";

volatile sig_atomic_t child_pid = 0;

void ForwardSignal(int signal_number) {
	if (child_pid > 0) {
		kill(child_pid, signal_number);
	}
}

size_t DiscardBody(char *, size_t size, size_t count, void *) {
	return size * count;
}

//! PUT /<bucket> signed with SigV4; empty on success, else the reason.
std::string CreateBucket(const std::string &endpoint) {
	CURL *handle = curl_easy_init();
	if (!handle) {
		return "libcurl could not allocate a handle";
	}
	auto url = endpoint + "/" + BUCKET;
	auto credentials = std::string(ACCESS_KEY) + ":" + SECRET_KEY;
	auto provider = std::string("aws:amz:") + REGION + ":s3";
	// S3 requires x-amz-content-sha256, which libcurl's SigV4 does not add by itself.
	struct curl_slist *headers = curl_slist_append(nullptr, "x-amz-content-sha256: UNSIGNED-PAYLOAD");
	curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
	curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, "PUT");
	curl_easy_setopt(handle, CURLOPT_AWS_SIGV4, provider.c_str());
	curl_easy_setopt(handle, CURLOPT_USERPWD, credentials.c_str());
	curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, DiscardBody);
	curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, 10000L);
	auto code = curl_easy_perform(handle);
	long status = 0;
	curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(headers);
	curl_easy_cleanup(handle);
	if (code != CURLE_OK) {
		return std::string("CreateBucket ") + BUCKET + ": " + curl_easy_strerror(code);
	}
	if (status != 200) {
		return std::string("CreateBucket ") + BUCKET + ": HTTP status " + std::to_string(status);
	}
	return std::string();
}

class TempS3d {
public:
	~TempS3d() {
		Stop();
		std::error_code ignored;
		if (!directory.empty()) {
			std::filesystem::remove_all(directory, ignored);
		}
	}

	//! Empty on success, else the reason.
	std::string Start() {
		std::string binary = DUCKLAKE_S3D_BINARY;
		if (binary.empty() || access(binary.c_str(), X_OK) != 0) {
			return "ducklake-s3d is not built (expected at '" + binary + "')";
		}
		auto pattern = (std::filesystem::temp_directory_path() / "ducklake-temp-s3d-XXXXXX").string();
		std::vector<char> buffer(pattern.begin(), pattern.end());
		buffer.push_back('\0');
		if (!mkdtemp(buffer.data())) {
			return "cannot create a temporary directory '" + pattern + "': " + std::strerror(errno);
		}
		directory = buffer.data();
		auto root = directory + "/root";
		std::filesystem::create_directories(root);
		auto log_path = directory + "/s3d.log";
		const int start_attempts_max = 3;
		for (int attempt = 0; attempt < start_attempts_max; attempt++) {
			// The port was free a moment ago; another process may take it first, so try again.
			port = ducklake::FindFreeLoopbackPort();
			auto listen = "127.0.0.1:" + std::to_string(port);
			pid = fork();
			if (pid == 0) {
				auto log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
				if (log_fd >= 0) {
					dup2(log_fd, 1);
					dup2(log_fd, 2);
				}
				execl(binary.c_str(), binary.c_str(), "--root", root.c_str(), "--listen", listen.c_str(),
				      "--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY, "--region", REGION, "--log-level", "warn",
				      nullptr);
				_exit(127);
			}
			const int start_polls_max = 400;
			for (int poll_idx = 0; poll_idx < start_polls_max && pid > 0; poll_idx++) {
				if (ducklake::LoopbackPortAccepts(port)) {
					return CreateBucket(Endpoint());
				}
				int status = 0;
				if (waitpid(pid, &status, WNOHANG) == pid) {
					pid = -1;
				}
				std::this_thread::sleep_for(std::chrono::milliseconds(25));
			}
			Stop();
		}
		return "ducklake-s3d did not start listening on loopback (" + std::to_string(start_attempts_max) +
		       " attempts); its log: " + log_path;
	}

	std::string Endpoint() const {
		return "http://127.0.0.1:" + std::to_string(port);
	}

private:
	void Stop() {
		if (pid <= 0) {
			return;
		}
		kill(pid, SIGTERM);
		int status = 0;
		const int stop_polls_max = 200;
		for (int poll_idx = 0; poll_idx < stop_polls_max; poll_idx++) {
			if (waitpid(pid, &status, WNOHANG) == pid) {
				pid = -1;
				return;
			}
			std::this_thread::sleep_for(std::chrono::milliseconds(25));
		}
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		pid = -1;
	}

	std::string directory;
	uint16_t port = 0;
	pid_t pid = -1;
};

} // namespace

int main(int argc, char **argv) {
	int first = 1;
	if (first < argc && std::strcmp(argv[first], "--") == 0) {
		first++;
	}
	if (first >= argc) {
		std::fprintf(stderr,
		             "usage: %s [--] <command> [args...]\n"
		             "Runs <command> beside a private ducklake-s3d with the bucket %s; see AWS_ENDPOINT_URL.\n",
		             argv[0], BUCKET);
		return 2;
	}
	std::string binary = DUCKLAKE_S3D_BINARY;
	if (binary.empty()) {
		std::fprintf(stderr, "ducklake_temp_s3d: skipped: ducklake-s3d is not part of this build\n");
		return 77;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	TempS3d server;
	auto error = server.Start();
	if (!error.empty()) {
		std::fprintf(stderr, "ducklake_temp_s3d: %s\n", error.c_str());
		return 2;
	}
	setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY, 1);
	setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY, 1);
	setenv("AWS_REGION", REGION, 1);
	setenv("AWS_ENDPOINT_URL", server.Endpoint().c_str(), 1);
	setenv("DUCKLAKE_TEST_S3_BUCKET", BUCKET, 1);
	// Settings from the caller's own AWS setup must not redirect the tests elsewhere.
	for (auto name : {"AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL_S3", "AWS_DEFAULT_REGION", "AWS_PROFILE"}) {
		unsetenv(name);
	}

	std::signal(SIGINT, ForwardSignal);
	std::signal(SIGTERM, ForwardSignal);
	pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[first], argv + first);
		std::fprintf(stderr, "ducklake_temp_s3d: cannot run '%s': %s\n", argv[first], std::strerror(errno));
		_exit(127);
	}
	child_pid = pid;
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	if (WIFSIGNALED(status)) {
		return 128 + WTERMSIG(status);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
