//===----------------------------------------------------------------------===//
// server BodyPipeline: a large request body flows from the receiving thread to several stages
// (the temporary file's writer, the MD5 of the ETag, other digests), each on a thread of its own
//
// A single thread that receives, hashes and writes a large PUT is limited by the sum of the three:
// MD5 alone runs at well under the disk's speed, and writing into the page cache costs about as
// much again. Here the receiver fills buffers and every stage reads each filled buffer in order, at
// the same time as the others; a buffer returns to the receiver once all stages are done with it.
// Memory is bounded: `buffer_count` buffers circulate, and the receiver waits for a free one when
// the slowest stage falls behind. The receiver may fill a buffer directly (Space/Commit, no copy)
// or hand over pieces (Write, one copy).
//
// Threads: one owner (the receiving thread) calls Space, Commit, Write and Finish; the stages run
// on threads this object starts and joins. A stage function is called with the pieces of the body
// in order, never concurrently with itself.
//===----------------------------------------------------------------------===//
#pragma once

#include "server/buffer_pool.hpp"
#include "server/s3_outcome.hpp"

#include <condition_variable>
#include <cstdlib>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

namespace ducklake {
namespace server {

class BodyPipeline {
public:
	//! Consumes the next piece of the body; a failure stops the pipeline and reaches the receiver.
	using Stage = std::function<Outcome<bool>(std::string_view piece)>;
	static constexpr size_t BUFFER_ALIGNMENT_BYTES = 4096;

	//! Starts one thread per stage. `buffer_count` (at least 2) buffers of `buffer_bytes` each are
	//! the most this pipeline holds in memory. Buffers start at multiples of BUFFER_ALIGNMENT_BYTES
	//! (so a stage may write full ones with O_DIRECT when buffer_bytes is such a multiple too).
	BodyPipeline(std::vector<Stage> stages, size_t buffer_bytes, size_t buffer_count);
	//! The same with `buffer_count` buffers borrowed from `pool` (which must outlive this pipeline)
	//! and given back when it goes.
	BodyPipeline(std::vector<Stage> stages, BufferPool &pool, size_t buffer_count);
	//! Stops and joins the stage threads; bytes not yet handed over by Finish are dropped (the
	//! caller is failing), and stages may have seen only a prefix of the body.
	~BodyPipeline();
	BodyPipeline(const BodyPipeline &) = delete;
	BodyPipeline &operator=(const BodyPipeline &) = delete;

	//! Room to receive the next bytes into directly: the unfilled rest of the current buffer,
	//! never empty. Waits for a free buffer when all are in use; fails with the first stage
	//! failure (e.g. disk full) as soon as it is known.
	Outcome<char *> Space(size_t &space_bytes);
	//! The first `bytes` of the last Space are body bytes (bytes <= that space's size).
	Outcome<bool> Commit(size_t bytes);
	//! Copies `piece` into the pipeline (Space and Commit in a loop).
	Outcome<bool> Write(std::string_view piece);
	//! Hands over what is left and waits until every stage has consumed the whole body: the first
	//! failure, or true. After a true result the stages' own results (digests) are complete.
	Outcome<bool> Finish();

private:
	struct Slot {
		char *bytes = nullptr;
		size_t size = 0;
		//! Stages that have not yet consumed this slot's current contents.
		size_t pending = 0;
	};
	void RunStage(size_t stage_idx);
	//! Publishes the current slot to the stages (under the lock).
	void Publish();

	void Start(size_t buffer_count);

	std::vector<Stage> stages;
	//! Set when this pipeline made its own pool (the first constructor).
	std::unique_ptr<BufferPool> own_pool;
	BufferPool &pool;
	const size_t buffer_bytes;
	std::vector<Slot> slots;
	std::mutex mutex;
	//! Stages wait here for published slots; the receiver (Space, Finish) for consumed ones. Two, so
	//! that a stage finishing a slot never wakes the other stages, nor a new slot the receiver.
	std::condition_variable to_stages;
	std::condition_variable to_receiver;
	//! Sequence number of the slot being filled; slot index is the sequence modulo the slot count.
	size_t filling_seq = 0;
	//! Whether the receiver holds the slot of filling_seq (it was free when Space last looked).
	bool holding = false;
	//! Slots published so far; stage i has consumed slots [0, consumed[i]).
	size_t published = 0;
	std::vector<size_t> consumed;
	bool stopping = false;
	std::optional<S3Failure> failure;
	std::vector<std::thread> threads;
};

} // namespace server
} // namespace ducklake
