//===----------------------------------------------------------------------===//
// CurlHandlePool: a bounded pool of idle libcurl easy handles.
//
// libcurl keeps a connection cache per easy handle, so handing the same handle to the next request
// reuses its keep-alive connection (and TLS session). Acquire returns an idle handle or a new one;
// Release puts it back unless idle_handles_max handles are already idle, in which case it is closed.
// The number of handles in use at once is bounded by the callers' own concurrency bounds.
// Thread-safe.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <mutex>
#include <vector>

typedef void CURL;

namespace ducklake {

class CurlHandlePool {
public:
	explicit CurlHandlePool(uint64_t idle_handles_max);
	~CurlHandlePool();
	CurlHandlePool(const CurlHandlePool &) = delete;
	CurlHandlePool &operator=(const CurlHandlePool &) = delete;

	//! An idle handle (options reset, connection cache kept) or a new one; nullptr only if libcurl
	//! cannot allocate.
	CURL *Acquire();
	//! Returns a handle to the pool. `reusable` false (e.g. after a reset connection) closes it.
	void Release(CURL *handle, bool reusable);
	uint64_t IdleCount();
	//! Handles created over the pool's life: tells tests whether connections were reused.
	uint64_t CreatedCount();

private:
	const uint64_t idle_handles_max;
	std::mutex lock;
	std::vector<CURL *> idle;
	uint64_t created = 0;
};

} // namespace ducklake
