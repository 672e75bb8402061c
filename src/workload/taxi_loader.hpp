//===----------------------------------------------------------------------===//
// Loads NYC yellow-taxi months into a table through SQL on a duckdb::Connection. The target is
// whatever the table name points at: a plain DuckDB table (`trips`) or a DuckLake table
// (`lake.trips`); the loader knows nothing of the catalog's internals.
//
// Contract:
// - The table is created with the 2024 schema when missing; beside it a load log
//   `<table>_loads(month, origin, row_count, loaded_at)` records which months are in.
// - Each month is one transaction: its rows and its load-log row commit together or not at all
//   (on DuckLake: one snapshot, with a commit message when the catalog supports
//   set_commit_message).
// - Idempotent per month: a month already in the load log is skipped, not duplicated. Two
//   loaders racing on the same month are not coordinated beyond what the catalog enforces.
// - Real files are projected onto the 2024 schema (taxi_schema.hpp) and loaded as they are,
//   including the few rows the TLC files carry with pickups outside their month.
// - Errors are returned, never thrown; the report names the month and step that failed.
// Not thread-safe: one load per connection at a time.
//===----------------------------------------------------------------------===//

#pragma once

#include "workload/month_range.hpp"
#include "workload/taxi_generator.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace duckdb {
class Connection;
}

namespace ducklake {

//! Generated months are inserted in chunks of this many rows (one transaction still), so
//! progress can be shown while a month loads.
constexpr uint64_t taxi_generator_chunk_rows = 250000;

struct TaxiLoadOptions {
	//! [catalog.][schema.]table
	std::string table = "trips";
	std::vector<YearMonth> months;
	//! empty: generate; else a directory, s3:// or http(s):// prefix (taxi_source.hpp)
	std::string source;
	uint64_t rows_per_month = taxi_generator_rows_per_month_default;
	uint64_t seed = taxi_generator_seed_default;
	//! Where http(s) files are staged while they load; empty: the system temp directory.
	std::string download_directory;
	//! The author recorded with each DuckLake snapshot.
	std::string author = "ducklake load nyc-taxi";
};

struct TaxiLoadProgress {
	size_t month_idx = 0;
	size_t months_total = 0;
	YearMonth month;
	//! "downloading", "loading", "committed", "skipped"
	std::string stage;
	uint64_t rows_done = 0;
	//! 0 while unknown
	uint64_t rows_total = 0;
};

struct TaxiMonthLoad {
	YearMonth month;
	//! true when the load log already had the month and nothing was written
	bool already_loaded = false;
	uint64_t rows = 0;
	double seconds = 0;
	//! "generated (seed N)" or the file's path or URL
	std::string origin;
};

struct TaxiLoadReport {
	std::vector<TaxiMonthLoad> months;
	//! empty on success; otherwise the first failure, naming the month and what to do
	std::string error;
	//! The target table is in a DuckLake catalog
	bool ducklake_catalog = false;
	//! Each month's snapshot got a commit message (the catalog has set_commit_message)
	bool commit_messages = false;
	uint64_t RowsLoaded() const;
};

using TaxiLoadProgressCallback = std::function<void(const TaxiLoadProgress &)>;

//! Loads options.months in order, stopping at the first failure (months before it stay
//! committed, the failing month leaves nothing behind).
TaxiLoadReport LoadTaxiMonths(duckdb::Connection &connection, const TaxiLoadOptions &options,
                              const TaxiLoadProgressCallback &progress = nullptr);

} // namespace ducklake
