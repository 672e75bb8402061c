//===----------------------------------------------------------------------===//
// RangeReaderRegistry: one RangeReader per remote object version, shared by the file handles open
// on it at the same time.
//
// DuckDB opens a file once per scanning thread. Sharing the reader lets those handles share its
// read-ahead window (the footer is fetched once, not once per thread) and its sequential prefetch
// (sequential_prefetch.hpp), which sees the object read front to back only across all threads. The
// key names the object version and whatever changes how it is fetched (endpoint, credentials,
// ETag, size), so a replaced object or other credentials get a reader of their own. Entries hold
// the reader weakly: it lives as long as a handle uses it; expired entries are swept on insert.
// Thread-safe.
//===----------------------------------------------------------------------===//
#pragma once

#include "s3fs/range_reader.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ducklake {

class RangeReaderRegistry {
public:
	//! The live reader under `key`, or a new one from `create` (called under the registry's lock).
	std::shared_ptr<RangeReader> GetOrCreate(const std::string &key,
	                                         const std::function<std::shared_ptr<RangeReader>()> &create);
	//! Entries whose reader is still in use (for tests).
	size_t LiveCount();
	//! Entries held, expired ones included (for tests).
	size_t EntryCount();

private:
	std::mutex lock;
	std::unordered_map<std::string, std::weak_ptr<RangeReader>> readers;
};

} // namespace ducklake
