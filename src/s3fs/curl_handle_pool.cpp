#include "s3fs/curl_handle_pool.hpp"

#include <curl/curl.h>

namespace ducklake {

CurlHandlePool::CurlHandlePool(uint64_t idle_handles_max_p) : idle_handles_max(idle_handles_max_p) {
}

CurlHandlePool::~CurlHandlePool() {
	for (auto handle : idle) {
		curl_easy_cleanup(handle);
	}
}

CURL *CurlHandlePool::Acquire() {
	{
		std::lock_guard<std::mutex> guard(lock);
		if (!idle.empty()) {
			auto handle = idle.back();
			idle.pop_back();
			// curl_easy_reset keeps the connection cache, DNS cache and TLS session ids.
			curl_easy_reset(handle);
			return handle;
		}
		created++;
	}
	return curl_easy_init();
}

void CurlHandlePool::Release(CURL *handle, bool reusable) {
	if (!handle) {
		return;
	}
	if (reusable) {
		std::lock_guard<std::mutex> guard(lock);
		if (idle.size() < idle_handles_max) {
			idle.push_back(handle);
			return;
		}
	}
	curl_easy_cleanup(handle);
}

uint64_t CurlHandlePool::IdleCount() {
	std::lock_guard<std::mutex> guard(lock);
	return idle.size();
}

uint64_t CurlHandlePool::CreatedCount() {
	std::lock_guard<std::mutex> guard(lock);
	return created;
}

} // namespace ducklake
