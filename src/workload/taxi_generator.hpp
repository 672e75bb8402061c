//===----------------------------------------------------------------------===//
// A deterministic, seeded generator of NYC TLC yellow-taxi trips with the 2024 file schema
// (see taxi_schema.hpp), for when there is no network to fetch the real files.
//
// The generator is a single SQL query that DuckDB runs over range(): every random draw is
// hash(seed, month, row, draw) mapped to (0, 1), so row i of a month is the same on every run,
// on every machine and in whatever chunks the rows are produced. What it models:
// - pickup days weighted by weekday, hours from separate weekday and weekend profiles;
// - pickup/dropoff zones 1-265 with skewed popularity (the busiest Manhattan zones and the
//   airports JFK=132 and LaGuardia=138 first);
// - lognormal trip distances (longer from the less busy outer zones and to and from the
//   airports), speeds that drop in rush hour,
//   fares from the 2024 meter rates (distance and slow-traffic time) or the JFK flat fare;
// - the rush-hour and overnight extras, MTA tax, improvement, congestion and airport fees, tolls;
// - tips on card payments (preset 20/25/30% buttons, custom amounts, no tip), none on cash;
// - the dirty rows real files have: about 0.8% negated (disputed) amounts, 1.5% zero distance,
//   and about 4% "flex fare" rows (payment_type 0) with NULL passenger_count, RatecodeID,
//   store_and_fwd_flag, congestion_surcharge and Airport_fee.
// Building the query is pure; running it is the caller's business.
//===----------------------------------------------------------------------===//

#pragma once

#include "workload/month_range.hpp"

#include <cstdint>
#include <string>

namespace ducklake {

//! The TLC's 2024 files hold about 3M trips a month; the default keeps a demo quick.
constexpr uint64_t taxi_generator_rows_per_month_default = 1000000;
//! A month may not ask for more rows than this (the generator is not meant as a stress tool).
constexpr uint64_t taxi_generator_rows_per_month_max = 100000000;
constexpr uint64_t taxi_generator_seed_default = 20240101;

struct TaxiGeneratorSpec {
	YearMonth month;
	uint64_t seed = taxi_generator_seed_default;
	//! Rows first_row .. first_row + row_count - 1 of the month.
	uint64_t first_row = 0;
	uint64_t row_count = 0;
};

//! A SELECT producing the requested rows with the 19 columns of TaxiColumns(), in order, every
//! pickup inside the month. Deterministic: equal specs give equal rows, and the rows of
//! [0, n) equal the union of [0, k) and [k, n).
std::string TaxiGeneratorQuery(const TaxiGeneratorSpec &spec);

} // namespace ducklake
