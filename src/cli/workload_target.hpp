//===----------------------------------------------------------------------===//
// Where `ducklake demo` and `ducklake load` put the trips: the arguments they share and the
// database they open.
//
// Both open an in-memory DuckDB with the ducklake extension loaded and attach the lake as
// `lake` (lake_attach.hpp: the embedded ./lake/ by default, or --lake/--data). When this build
// has no `ducklake` storage type yet, they attach the plain DuckDB file ./lake/trips.duckdb as
// `lake` instead and say so, so `lake.trips` names the target either way. ParseTaxiArguments
// is pure; OpenWorkloadTarget never throws.
//===----------------------------------------------------------------------===//
#pragma once

#include "cli/lake_attach.hpp"
#include "duckdb.hpp"
#include "workload/taxi_generator.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ducklake {

struct TaxiArguments {
	std::string months = "2024-01..2024-03";
	//! empty: generate
	std::string source;
	uint64_t rows_per_month = taxi_generator_rows_per_month_default;
	uint64_t seed = taxi_generator_seed_default;
	std::string table = "lake.trips";
	LakeOptions lake;
	//! --s3-endpoint host:port of an S3-compatible server for an s3:// --data; the keys come from
	//! AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
	std::string s3_endpoint;
	//! --stack: use the local stack of `ducklake stack up` (PostgreSQL + ducklake-s3d)
	bool stack = false;
	bool help = false;
};

//! The options both commands accept, one per line, for --help.
std::string TaxiArgumentsHelp(uint64_t rows_per_month_default);

//! Parses argv[first_idx..argc). Returns "" or an error naming the argument and what is allowed.
std::string ParseTaxiArguments(int argc, char **argv, int first_idx, TaxiArguments &arguments);

//! The plain DuckDB file used when the DuckLake catalog is not in this build.
constexpr const char *workload_fallback_database = "lake/trips.duckdb";

struct WorkloadTarget {
	duckdb::unique_ptr<duckdb::DuckDB> database;
	duckdb::unique_ptr<duckdb::Connection> connection;
	//! What was attached, for the user: "lake: ducklake:lake/metadata.ducklake (data lake/data/)"
	std::string description;
	//! false when the fallback DuckDB file stands in for the lake
	bool is_ducklake = false;
	//! The table to use: --table, or `trips` in the in-memory database under --no-lake
	std::string table;
	//! empty on success; otherwise what failed and how to fix it
	std::string error;
};

//! A PostgreSQL catalog that refuses connections is retried for this long (it may be starting).
constexpr int64_t postgres_wait_seconds_max = 30;

//! Opens DuckDB, runs `setup_sql` (e.g. CREATE SECRET for the stack's s3d) and attaches the lake,
//! waiting up to postgres_wait_seconds_max for a PostgreSQL catalog.
WorkloadTarget OpenWorkloadTarget(const TaxiArguments &arguments, const std::vector<std::string> &setup_sql = {});

} // namespace ducklake
