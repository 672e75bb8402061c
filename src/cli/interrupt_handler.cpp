#include "cli/interrupt_handler.hpp"

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace ducklake {

namespace {

//! SIGINTs within one query after which the shell gives up on a clean cancel and exits.
constexpr int interrupts_per_query_max = 3;

std::atomic<duckdb::Connection *> running_connection {nullptr};
std::atomic<int> interrupts_this_query {0};
std::atomic<bool> pending_interrupt {false};
int wake_pipe[2] = {-1, -1};

void OnSigint(int) {
	auto connection = running_connection.load();
	if (connection) {
		if (++interrupts_this_query >= interrupts_per_query_max) {
			_exit(130);
		}
		connection->Interrupt();
		return;
	}
	pending_interrupt = true;
	if (wake_pipe[1] >= 0) {
		char byte = 'i';
		ssize_t ignored = write(wake_pipe[1], &byte, 1);
		(void)ignored;
	}
}

} // namespace

InterruptHandler &InterruptHandler::Install() {
	static InterruptHandler handler;
	static bool installed = false;
	if (!installed) {
		installed = true;
		if (pipe(wake_pipe) == 0) {
			for (int fd : wake_pipe) {
				fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
				fcntl(fd, F_SETFD, FD_CLOEXEC);
			}
		}
		struct sigaction action = {};
		action.sa_handler = OnSigint;
		sigemptyset(&action.sa_mask);
		// No SA_RESTART: a blocking select() in the reader returns EINTR and sees the wake pipe.
		action.sa_flags = 0;
		sigaction(SIGINT, &action, nullptr);
	}
	return handler;
}

InterruptHandler::QueryScope::QueryScope(InterruptHandler &, duckdb::Connection &connection) {
	interrupts_this_query = 0;
	running_connection = &connection;
}

InterruptHandler::QueryScope::~QueryScope() {
	running_connection = nullptr;
}

bool InterruptHandler::TakePendingInterrupt() {
	if (wake_pipe[0] >= 0) {
		char drain[64];
		while (read(wake_pipe[0], drain, sizeof(drain)) > 0) {
		}
	}
	return pending_interrupt.exchange(false);
}

int InterruptHandler::WakeFd() const {
	return wake_pipe[0];
}

} // namespace ducklake
