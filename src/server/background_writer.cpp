#include "server/background_writer.hpp"

#include <cstring>

namespace ducklake {
namespace server {

BackgroundWriter::BackgroundWriter(TempFile &destination_p, size_t buffer_bytes_p, size_t buffer_count)
    : destination(destination_p), buffer_bytes(buffer_bytes_p) {
	for (size_t i = 0; i + 1 < buffer_count; i++) {
		free_buffers.push_back(Buffer {std::unique_ptr<char[]>(new char[buffer_bytes]), 0});
	}
	current.bytes.reset(new char[buffer_bytes]);
	thread = std::thread([this] { Run(); });
}

BackgroundWriter::~BackgroundWriter() {
	{
		std::lock_guard<std::mutex> lock(mutex);
		stopping = true;
	}
	changed.notify_all();
	thread.join();
}

void BackgroundWriter::Run() {
	std::unique_lock<std::mutex> lock(mutex);
	while (true) {
		changed.wait(lock, [&] { return stopping || !full_buffers.empty(); });
		if (full_buffers.empty() || failure) {
			if (stopping) {
				return;
			}
			// A failure was recorded: drop what is queued so the receiver is not kept waiting.
			while (!full_buffers.empty()) {
				full_buffers.front().size = 0;
				free_buffers.push_back(std::move(full_buffers.front()));
				full_buffers.pop_front();
			}
			changed.notify_all();
			continue;
		}
		Buffer buffer = std::move(full_buffers.front());
		full_buffers.pop_front();
		writing = true;
		lock.unlock();
		auto written = destination.Write(buffer.bytes.get(), buffer.size);
		lock.lock();
		writing = false;
		if (!written.Ok() && !failure) {
			failure = written.Failure();
		}
		buffer.size = 0;
		free_buffers.push_back(std::move(buffer));
		changed.notify_all();
	}
}

bool BackgroundWriter::HandOver(std::unique_lock<std::mutex> &lock) {
	full_buffers.push_back(std::move(current));
	current = Buffer {};
	changed.notify_all();
	changed.wait(lock, [&] { return failure || !free_buffers.empty(); });
	if (failure) {
		return false;
	}
	current = std::move(free_buffers.back());
	free_buffers.pop_back();
	return true;
}

Outcome<bool> BackgroundWriter::Write(std::string_view piece) {
	if (!current.bytes) {
		std::lock_guard<std::mutex> lock(mutex);
		return *failure; // an earlier hand-over failed and left no buffer
	}
	while (!piece.empty()) {
		size_t take = std::min(piece.size(), buffer_bytes - current.size);
		std::memcpy(current.bytes.get() + current.size, piece.data(), take);
		current.size += take;
		piece.remove_prefix(take);
		if (current.size == buffer_bytes) {
			std::unique_lock<std::mutex> lock(mutex);
			if (!HandOver(lock)) {
				return *failure;
			}
		}
	}
	return true;
}

Outcome<bool> BackgroundWriter::Finish() {
	std::unique_lock<std::mutex> lock(mutex);
	if (failure) {
		return *failure;
	}
	if (current.size > 0 && !HandOver(lock)) {
		return *failure;
	}
	changed.wait(lock, [&] { return failure || (full_buffers.empty() && !writing); });
	if (failure) {
		return *failure;
	}
	return true;
}

} // namespace server
} // namespace ducklake
