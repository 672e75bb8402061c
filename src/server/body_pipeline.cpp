#include "server/body_pipeline.hpp"

#include <algorithm>
#include <cstring>
#include <new>

namespace ducklake {
namespace server {

BodyPipeline::BodyPipeline(std::vector<Stage> stages_p, size_t buffer_bytes_p, size_t buffer_count)
    : stages(std::move(stages_p)),
      own_pool(new BufferPool(buffer_bytes_p, BUFFER_ALIGNMENT_BYTES, std::max<size_t>(buffer_count, 2))),
      pool(*own_pool), buffer_bytes(buffer_bytes_p) {
	Start(buffer_count);
}

BodyPipeline::BodyPipeline(std::vector<Stage> stages_p, BufferPool &pool_p, size_t buffer_count)
    : stages(std::move(stages_p)), pool(pool_p), buffer_bytes(pool_p.BufferBytes()) {
	Start(buffer_count);
}

void BodyPipeline::Start(size_t buffer_count) {
	slots.resize(std::max<size_t>(buffer_count, 2));
	consumed.assign(stages.size(), 0);
	try {
		for (auto &slot : slots) {
			slot.bytes = pool.Take();
		}
	} catch (...) {
		for (auto &slot : slots) {
			if (slot.bytes) {
				pool.Give(slot.bytes);
			}
		}
		throw;
	}
	threads.reserve(stages.size());
	for (size_t stage_idx = 0; stage_idx < stages.size(); stage_idx++) {
		threads.emplace_back([this, stage_idx] { RunStage(stage_idx); });
	}
}

BodyPipeline::~BodyPipeline() {
	{
		std::lock_guard<std::mutex> lock(mutex);
		stopping = true;
	}
	to_stages.notify_all();
	to_receiver.notify_all();
	for (auto &thread : threads) {
		thread.join();
	}
	for (auto &slot : slots) {
		pool.Give(slot.bytes);
	}
}

void BodyPipeline::RunStage(size_t stage_idx) {
	std::unique_lock<std::mutex> lock(mutex);
	while (true) {
		to_stages.wait(lock, [&] { return stopping || failure || consumed[stage_idx] < published; });
		if (stopping || failure) {
			return;
		}
		Slot &slot = slots[consumed[stage_idx] % slots.size()];
		lock.unlock();
		// Other stages read the same slot meanwhile; nobody writes it until pending drops to 0.
		auto result = stages[stage_idx](std::string_view(slot.bytes, slot.size));
		lock.lock();
		consumed[stage_idx]++;
		slot.pending--;
		if (!result.Ok() && !failure) {
			failure = result.Failure();
			to_stages.notify_all(); // the other stages and the receiver stop
			to_receiver.notify_all();
		} else if (slot.pending == 0 || consumed[stage_idx] == published) {
			to_receiver.notify_all(); // the receiver may wait for this slot, or Finish for the last stage
		}
	}
}

void BodyPipeline::Publish() {
	Slot &slot = slots[filling_seq % slots.size()];
	slot.pending = stages.size();
	filling_seq++;
	published = filling_seq;
	holding = false;
	to_stages.notify_all();
}

Outcome<char *> BodyPipeline::Space(size_t &space_bytes) {
	Slot &slot = slots[filling_seq % slots.size()];
	if (!holding) {
		std::unique_lock<std::mutex> lock(mutex);
		to_receiver.wait(lock, [&] { return failure || slot.pending == 0; });
		if (failure) {
			return *failure;
		}
		slot.size = 0;
		holding = true;
	}
	space_bytes = buffer_bytes - slot.size;
	return slot.bytes + slot.size;
}

Outcome<bool> BodyPipeline::Commit(size_t bytes) {
	Slot &slot = slots[filling_seq % slots.size()];
	slot.size += std::min(bytes, buffer_bytes - slot.size);
	if (slot.size == buffer_bytes) {
		std::lock_guard<std::mutex> lock(mutex);
		if (failure) {
			return *failure;
		}
		Publish();
	}
	return true;
}

Outcome<bool> BodyPipeline::Write(std::string_view piece) {
	while (!piece.empty()) {
		size_t space_bytes = 0;
		auto space = Space(space_bytes);
		if (!space.Ok()) {
			return space.Failure();
		}
		size_t take = std::min(piece.size(), space_bytes);
		std::memcpy(space.Value(), piece.data(), take);
		piece.remove_prefix(take);
		auto committed = Commit(take);
		if (!committed.Ok()) {
			return committed;
		}
	}
	return true;
}

Outcome<bool> BodyPipeline::Finish() {
	std::unique_lock<std::mutex> lock(mutex);
	if (holding && slots[filling_seq % slots.size()].size > 0 && !failure) {
		Publish();
	}
	to_receiver.wait(lock, [&] {
		return failure || std::all_of(consumed.begin(), consumed.end(), [&](size_t done) { return done == published; });
	});
	if (failure) {
		return *failure;
	}
	return true;
}

} // namespace server
} // namespace ducklake
