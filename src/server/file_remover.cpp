#include "server/file_remover.hpp"

#include <unistd.h>

namespace ducklake {
namespace server {

FileRemover::FileRemover(size_t queued_max_p) : queued_max(queued_max_p) {
}

FileRemover::~FileRemover() {
	{
		std::lock_guard<std::mutex> lock(mutex);
		stopping = true;
	}
	to_worker.notify_all();
	if (worker.joinable()) {
		worker.join();
	}
	// Whatever the worker left (it stops at once when told to): removed here.
	for (auto &path : queue) {
		unlink(path.c_str());
	}
}

void FileRemover::Remove(std::string path) {
	{
		std::lock_guard<std::mutex> lock(mutex);
		if (!stopping && queue.size() < queued_max) {
			if (!worker.joinable()) {
				worker = std::thread([this] { Run(); });
			}
			queue.push_back(std::move(path));
			to_worker.notify_one();
			return;
		}
	}
	unlink(path.c_str());
}

void FileRemover::Drain() {
	std::unique_lock<std::mutex> lock(mutex);
	to_waiters.wait(lock, [&] { return (queue.empty() && in_progress == 0) || !worker.joinable(); });
}

void FileRemover::Run() {
	std::unique_lock<std::mutex> lock(mutex);
	while (true) {
		to_worker.wait(lock, [&] { return stopping || !queue.empty(); });
		if (stopping) {
			return;
		}
		std::string path = std::move(queue.front());
		queue.pop_front();
		in_progress++;
		lock.unlock();
		unlink(path.c_str());
		lock.lock();
		in_progress--;
		if (queue.empty()) {
			to_waiters.notify_all();
		}
	}
}

} // namespace server
} // namespace ducklake
