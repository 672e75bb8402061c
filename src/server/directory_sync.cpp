#include "server/directory_sync.hpp"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace ducklake {
namespace server {

static bool FsyncDirectoryNow(const std::string &path) {
	int fd = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		return false;
	}
	bool synced = fsync(fd) == 0;
	int saved = errno;
	close(fd);
	errno = saved;
	return synced;
}

bool DirectorySync::SyncAfterChange(const std::string &directory) {
	std::unique_lock<std::mutex> lock(mutex);
	Directory &state = directories[directory];
	state.users++;
	uint64_t ticket = ++state.announced;
	bool ok = true;
	while (state.covered < ticket) {
		if (state.running) {
			finished.wait(lock);
			continue;
		}
		// Nobody syncs this directory now: this caller does, for every change announced so far.
		state.running = true;
		uint64_t target = state.announced;
		lock.unlock();
		bool synced = FsyncDirectoryNow(directory);
		lock.lock();
		state.running = false;
		finished.notify_all();
		if (!synced) {
			// The changes stay uncovered: waiters retry with their own fsync, this caller reports it.
			ok = false;
			break;
		}
		state.covered = target;
	}
	if (--state.users == 0) {
		directories.erase(directory);
	}
	return ok;
}

} // namespace server
} // namespace ducklake
