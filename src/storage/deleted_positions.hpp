//===----------------------------------------------------------------------===//
// DeletedPositions: the row positions a transaction deleted from one data file, and PositionSpan,
// a read-only view of positions wherever they are held.
//
// A DELETE collects its positions on every scanning thread, merges them, keeps them until commit
// and writes them into a delete file; for a large table that is megabytes per statement. They are
// held in DuckDB's memory (DuckdbMemory), which reuses what the statement's scan just freed
// instead of faulting in fresh pages. Positions of committed delete files (ScanFile) stay in
// std::vector; code that only reads positions (the delete file writer, merges) takes a
// PositionSpan, which either converts to.
//===----------------------------------------------------------------------===//
#pragma once

#include "storage/duckdb_memory.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ducklake {

using DeletedPositions = std::vector<int64_t, DuckdbMemory<int64_t>>;

//! Positions owned elsewhere, which must stay alive and unchanged while the span is used.
class PositionSpan {
public:
	PositionSpan() = default;
	//! Any vector of positions, whichever memory holds it.
	template <class ALLOCATOR>
	PositionSpan(const std::vector<int64_t, ALLOCATOR> &positions) // NOLINT: implicit by design
	    : first(positions.data()), count(positions.size()) {
	}

	const int64_t *begin() const {
		return first;
	}
	const int64_t *end() const {
		return first + count;
	}
	const int64_t *data() const {
		return first;
	}
	std::size_t size() const {
		return count;
	}
	bool empty() const {
		return count == 0;
	}

private:
	const int64_t *first = nullptr;
	std::size_t count = 0;
};

} // namespace ducklake
