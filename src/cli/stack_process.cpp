#include "cli/stack_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace ducklake {

namespace {

std::vector<char *> Argv(std::vector<std::string> &arguments) {
	std::vector<char *> argv;
	for (auto &argument : arguments) {
		argv.push_back(&argument[0]);
	}
	argv.push_back(nullptr);
	return argv;
}

sockaddr_in Loopback(int32_t port) {
	sockaddr_in address {};
	address.sin_family = AF_INET;
	address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	address.sin_port = htons(uint16_t(port));
	return address;
}

} // namespace

ProcessRun RunProcess(const std::vector<std::string> &arguments, const std::string &as_user) {
	ProcessRun run;
	std::vector<std::string> command;
	if (!as_user.empty() && geteuid() == 0) {
		command = {"runuser", "-u", as_user, "--"};
	}
	command.insert(command.end(), arguments.begin(), arguments.end());
	int pipe_fds[2];
	if (pipe(pipe_fds) != 0) {
		run.output = "cannot create a pipe";
		return run;
	}
	auto child = fork();
	if (child == 0) {
		dup2(pipe_fds[1], STDOUT_FILENO);
		dup2(pipe_fds[1], STDERR_FILENO);
		close(pipe_fds[0]);
		close(pipe_fds[1]);
		int null_fd = open("/dev/null", O_RDONLY);
		dup2(null_fd, STDIN_FILENO);
		auto argv = Argv(command);
		execvp(argv[0], argv.data());
		_exit(127);
	}
	close(pipe_fds[1]);
	if (child < 0) {
		close(pipe_fds[0]);
		run.output = "cannot fork";
		return run;
	}
	char buffer[4096];
	ssize_t got;
	while ((got = read(pipe_fds[0], buffer, sizeof(buffer))) > 0) {
		if (run.output.size() < process_output_bytes_max) {
			run.output.append(buffer, std::min(size_t(got), process_output_bytes_max - run.output.size()));
		}
	}
	close(pipe_fds[0]);
	int status = 0;
	waitpid(child, &status, 0);
	run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	if (run.exit_code == 127 && run.output.empty()) {
		run.output = "cannot run " + command[0] + " (not installed?)";
	}
	return run;
}

int64_t StartDetached(const std::vector<std::string> &arguments, const std::vector<std::string> &environment,
                      const std::string &log_path) {
	auto child = fork();
	if (child == 0) {
		setsid();
		int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
		int null_fd = open("/dev/null", O_RDONLY);
		if (log_fd < 0 || null_fd < 0) {
			_exit(126);
		}
		dup2(null_fd, STDIN_FILENO);
		dup2(log_fd, STDOUT_FILENO);
		dup2(log_fd, STDERR_FILENO);
		for (auto &entry : environment) {
			putenv(const_cast<char *>(entry.c_str()));
		}
		auto command = arguments;
		auto argv = Argv(command);
		execv(argv[0], argv.data());
		_exit(127);
	}
	return child > 0 ? child : -1;
}

bool ProcessIsRunning(int64_t pid, const std::string &program_name) {
	if (pid <= 0) {
		return false;
	}
	// Reap it if it is our exited child, so a zombie does not look alive.
	int status = 0;
	waitpid(pid_t(pid), &status, WNOHANG);
	std::ifstream cmdline("/proc/" + std::to_string(pid) + "/cmdline");
	std::string first;
	if (!std::getline(cmdline, first, '\0')) {
		return false;
	}
	return first.size() >= program_name.size() &&
	       first.compare(first.size() - program_name.size(), program_name.size(), program_name) == 0;
}

bool ChildHasExited(int64_t pid) {
	int status = 0;
	auto waited = waitpid(pid_t(pid), &status, WNOHANG);
	return waited == pid || (waited < 0 && errno == ECHILD);
}

void StopProcess(int64_t pid, int64_t grace_ms) {
	constexpr int64_t poll_ms = 50;
	kill(pid_t(pid), SIGTERM);
	for (int64_t waited_ms = 0; waited_ms < grace_ms; waited_ms += poll_ms) {
		int status = 0;
		if (waitpid(pid_t(pid), &status, WNOHANG) == pid || kill(pid_t(pid), 0) != 0) {
			return;
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(poll_ms));
	}
	kill(pid_t(pid), SIGKILL);
}

int32_t FreeLoopbackPort() {
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	auto address = Loopback(0);
	socklen_t length = sizeof(address);
	int32_t port = 0;
	if (bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0 &&
	    getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
		port = ntohs(address.sin_port);
	}
	close(fd);
	return port;
}

bool LoopbackPortAccepts(int32_t port) {
	if (port <= 0) {
		return false;
	}
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	auto address = Loopback(port);
	bool connected = connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0;
	close(fd);
	return connected;
}

std::string FindProgram(const std::string &name, const std::vector<std::string> &extra_directories) {
	std::vector<std::string> directories;
	std::stringstream path(std::getenv("PATH") ? std::getenv("PATH") : "");
	std::string directory;
	while (std::getline(path, directory, ':')) {
		directories.push_back(directory);
	}
	directories.insert(directories.end(), extra_directories.begin(), extra_directories.end());
	for (auto &candidate_directory : directories) {
		auto candidate = candidate_directory + "/" + name;
		if (!candidate_directory.empty() && access(candidate.c_str(), X_OK) == 0) {
			return candidate;
		}
	}
	return "";
}

std::string FileTail(const std::string &path, size_t bytes) {
	std::ifstream file(path, std::ios::binary);
	std::stringstream content;
	content << file.rdbuf();
	auto text = content.str();
	return text.size() > bytes ? text.substr(text.size() - bytes) : text;
}

} // namespace ducklake
