#include "workload/taxi_generator.hpp"

#include <cstdint>
#include <vector>

namespace ducklake {

namespace {

//! SplitMix64's finaliser: spreads the seed and month over all 64 bits of the salt.
uint64_t Mix(uint64_t value) {
	value += 0x9e3779b97f4a7c15ULL;
	value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
	value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
	return value ^ (value >> 31);
}

//! Draws per row; row i's draw d hashes the key i * draws_per_row + d.
constexpr int draws_per_row = 32;

//! One independent uniform draw in (0, 1): the top 53 bits of hash(salt XOR key), centred in
//! their cell. The key must go through the hash on its own: DuckDB combines the hashes of
//! several arguments by multiply-and-XOR, which would make the draws of one row correlated.
std::string Uniform(const TaxiGeneratorSpec &spec, int draw) {
	auto salt = Mix(spec.seed ^ Mix(static_cast<uint64_t>(spec.month.year * 100 + spec.month.month)));
	return "((CAST(hash(xor(" + std::to_string(salt) + "::UBIGINT, CAST(i * " + std::to_string(draws_per_row) + " + " +
	       std::to_string(draw) + " AS UBIGINT))) >> 11 AS DOUBLE) + 0.5) / 9007199254740992.0)";
}

//! `CASE WHEN u < c1 THEN v1 ... ELSE vn END`: inverse CDF of a discrete distribution.
std::string Choose(const std::string &uniform, const std::vector<double> &weights,
                   const std::vector<std::string> &values) {
	double total = 0;
	for (auto weight : weights) {
		total += weight;
	}
	std::string result = "CASE";
	double cumulative = 0;
	for (size_t value_idx = 0; value_idx + 1 < values.size(); value_idx++) {
		cumulative += weights[value_idx];
		result += " WHEN " + uniform + " < " + std::to_string(cumulative / total) + " THEN " + values[value_idx];
	}
	return result + " ELSE " + values.back() + " END";
}

std::vector<std::string> Range(int first, int last) {
	std::vector<std::string> values;
	for (int value = first; value <= last; value++) {
		values.push_back(std::to_string(value));
	}
	return values;
}

//! Zones by popularity: the busiest pickup zones of the 2024 files first, then the rest in id order.
std::string ZonesByPopularity() {
	static const int busiest[] = {161, 237, 132, 236, 162, 230, 186, 142, 138, 170, 163, 239, 48,  68,
	                              234, 79,  141, 107, 140, 100, 43,  249, 113, 164, 229, 90,  263, 137,
	                              233, 246, 158, 114, 125, 87,  151, 262, 238, 13,  148, 144, 211, 231,
	                              50,  166, 75,  74,  41,  143, 224, 88,  45,  264, 265, 7,   4,   24};
	std::vector<bool> listed(266, false);
	std::string result = "[";
	for (auto zone : busiest) {
		listed[zone] = true;
		result += std::to_string(zone) + ",";
	}
	for (int zone = 1; zone <= 265; zone++) {
		if (!listed[zone]) {
			result += std::to_string(zone) + ",";
		}
	}
	result.back() = ']';
	return result;
}

} // namespace

std::string TaxiGeneratorQuery(const TaxiGeneratorSpec &spec) {
	auto u = [&](int draw) {
		return Uniform(spec, draw);
	};
	auto year = std::to_string(spec.month.year);
	auto month = std::to_string(spec.month.month);
	std::vector<double> day_weights;
	static const double weekday_weight[] = {0.83, 0.90, 1.00, 1.04, 1.08, 1.05, 0.98};
	for (int day = 1; day <= spec.month.DaysInMonth(); day++) {
		day_weights.push_back(weekday_weight[spec.month.Weekday(day)]);
	}
	static const std::vector<double> weekday_hours = {2.2, 1.3, 0.8, 0.55, 0.5, 0.7, 1.8, 3.3, 4.2, 4.3, 4.4, 4.6,
	                                                  5.0, 5.1, 5.5, 5.7,  5.8, 6.5, 6.9, 6.1, 5.4, 5.4, 4.9, 3.6};
	static const std::vector<double> weekend_hours = {4.5, 3.8, 2.9, 2.1, 1.3, 0.8, 0.9, 1.2, 1.9, 2.8, 3.8, 4.6,
	                                                  5.1, 5.3, 5.4, 5.4, 5.3, 5.5, 5.6, 5.4, 5.0, 5.0, 5.0, 4.8};
	// rank = floor(10 * (27.5^u - 1)) puts ~3% on the busiest zone and ~39% on the 26 busiest.
	auto zone_rank = [&](int draw) {
		return "least(264, CAST(floor(10 * (pow(27.5, " + u(draw) + ") - 1)) AS INTEGER))";
	};
	auto normal = [&](int draw_a, int draw_b) {
		return "(sqrt(-2 * ln(" + u(draw_a) + ")) * cos(2 * pi() * " + u(draw_b) + "))";
	};
	auto last_row = std::to_string(spec.first_row + spec.row_count);

	std::string sql;
	sql += "WITH draws AS (SELECT i, ";
	sql += Choose(u(0), day_weights, Range(1, spec.month.DaysInMonth())) + " AS day, ";
	sql += u(1) + " AS u_hour, ";
	sql += "CAST(floor(" + u(2) + " * 60) AS INTEGER) AS minute, ";
	sql += "CAST(floor(" + u(3) + " * 60) AS INTEGER) AS second, ";
	sql += zone_rank(4) + " AS pu_rank, " + zone_rank(5) + " AS do_rank, ";
	sql += normal(6, 7) + " AS z_distance, " + normal(8, 9) + " AS z_speed, ";
	sql += Choose(u(10), {76, 23.9, 0.1}, {"2", "1", "6"}) + " AS vendor, ";
	sql += Choose(u(11), {76, 14, 3.5, 2, 1.5, 1, 1}, {"1", "2", "3", "4", "5", "6", "0"}) + " AS passengers, ";
	sql += Choose(u(12), {74, 16, 0.6, 1.4, 4}, {"1", "2", "3", "4", "0"}) + " AS payment, ";
	sql += u(13) + " AS u_tip, " + u(14) + " AS u_tip_share, " + u(15) + " AS u_toll, ";
	sql += u(16) + " AS u_congestion, " + u(17) + " AS u_dirty, " + u(18) + " AS u_rate, ";
	sql += u(19) + " AS u_flag, " + u(20) + " AS u_same_zone ";
	sql += "FROM range(" + std::to_string(spec.first_row) + ", " + last_row + ") AS rows(i)), ";

	sql += "placed AS (SELECT *, dayofweek(make_date(" + year + ", " + month + ", day)) IN (0, 6) AS weekend ";
	sql += "FROM draws), ";

	sql += "timed AS (SELECT *, CASE WHEN weekend THEN " + Choose("u_hour", weekend_hours, Range(0, 23)) + " ELSE " +
	       Choose("u_hour", weekday_hours, Range(0, 23)) + " END AS hour, ";
	auto zones = "(" + ZonesByPopularity() + ")";
	sql += zones + "[pu_rank + 1] AS pu, CASE WHEN u_same_zone < 0.07 THEN " + zones + "[pu_rank + 1] ELSE " + zones +
	       "[do_rank + 1] END AS do_zone FROM placed), ";

	sql += "routed AS (SELECT *, CASE WHEN pu = 132 OR do_zone = 132 THEN 'JFK' WHEN pu = 138 OR do_zone = 138 THEN "
	       "'LGA' END AS airport, ";
	sql += "u_dirty < 0.008 AS negated, (u_dirty >= 0.008 AND u_dirty < 0.023) AS zero_distance, ";
	sql += "payment = 0 AND u_dirty >= 0.008 AS flex, ";
	sql += "(CASE WHEN hour < 6 THEN 19 WHEN hour = 6 THEN 15 WHEN hour < 10 THEN 10 WHEN hour < 16 THEN 11 "
	       "WHEN hour < 20 THEN 9.5 ELSE 14 END) * (CASE WHEN weekend THEN 1.2 ELSE 1 END) * exp(0.25 * z_speed) "
	       "AS speed_mph FROM timed), ";

	sql += "metered AS (SELECT *, CASE WHEN zero_distance THEN 0.0 WHEN airport = 'JFK' THEN round(least(80, 17.5 * "
	       "exp(0.18 * z_distance)), 2) WHEN airport = 'LGA' THEN round(least(60, 9.5 * exp(0.2 * z_distance)), 2) "
	       "ELSE round(least(120, 1.2 * (1 + pu_rank / 100.0) * exp(0.8 * z_distance)), 2) END AS distance, ";
	sql += "CASE WHEN airport = 'JFK' AND u_rate < 0.55 THEN 2 WHEN u_rate > 0.996 THEN 5 WHEN u_rate > 0.993 THEN 3 "
	       "WHEN u_rate > 0.992 THEN 99 ELSE 1 END AS ratecode FROM routed), ";

	sql += "fared AS (SELECT *, CASE WHEN distance = 0 THEN 1 + 4 * u_flag ELSE distance / speed_mph * 60 + 1.5 END "
	       "AS minutes FROM metered), ";

	sql += "charged AS (SELECT *, CASE WHEN ratecode = 2 THEN 70.0 ELSE round(3.0 + 3.5 * distance + 0.7 * "
	       "greatest(0, minutes - distance / 12 * 60), 1) END AS fare, ";
	sql += "CASE WHEN NOT weekend AND hour BETWEEN 16 AND 19 THEN 2.5 WHEN hour >= 20 OR hour < 6 THEN 1.0 ELSE 0.0 "
	       "END AS extra_charge, ";
	sql += "CASE WHEN (airport IS NOT NULL AND u_toll < 0.35) OR u_toll < 0.03 THEN 6.94 ELSE 0.0 END AS tolls, ";
	sql += "CASE WHEN u_congestion < 0.92 THEN 2.5 ELSE 0.0 END AS congestion, ";
	sql += "CASE WHEN pu IN (132, 138) THEN 1.75 ELSE 0.0 END AS airport_fee, ";
	sql += "CASE WHEN u_tip < 0.1 THEN 0.0 WHEN u_tip_share < 0.45 THEN 0.20 WHEN u_tip_share < 0.65 THEN 0.25 "
	       "WHEN u_tip_share < 0.75 THEN 0.30 ELSE 0.05 + 0.3 * (u_tip - 0.1) / 0.9 END * (CASE WHEN hour >= 22 OR "
	       "hour < 3 THEN 1.06 WHEN hour BETWEEN 6 AND 9 THEN 0.95 ELSE 1.0 END) AS tip_share FROM fared), ";

	sql += "paid AS (SELECT *, CASE WHEN negated THEN -1 ELSE 1 END AS sign, CASE WHEN payment IN (0, 1) AND NOT "
	       "negated THEN round(tip_share * (fare + extra_charge + 0.5 + 1.0 + tolls + congestion), 2) ELSE 0.0 END "
	       "AS tip FROM charged) ";

	sql += "SELECT CAST(vendor AS INTEGER) AS \"VendorID\", ";
	sql += "make_timestamp(" + year + ", " + month +
	       ", day, hour, minute, CAST(second AS DOUBLE)) AS "
	       "tpep_pickup_datetime, ";
	sql += "make_timestamp(" + year + ", " + month +
	       ", day, hour, minute, CAST(second AS DOUBLE)) + "
	       "to_seconds(CAST(round(minutes * 60) AS BIGINT)) AS tpep_dropoff_datetime, ";
	sql += "CAST(CASE WHEN flex THEN NULL ELSE passengers END AS BIGINT) AS passenger_count, ";
	sql += "CAST(distance AS DOUBLE) AS trip_distance, ";
	sql += "CAST(CASE WHEN flex THEN NULL ELSE ratecode END AS BIGINT) AS \"RatecodeID\", ";
	sql += "CASE WHEN flex THEN NULL WHEN u_flag < 0.004 THEN 'Y' ELSE 'N' END AS store_and_fwd_flag, ";
	sql += "CAST(pu AS INTEGER) AS \"PULocationID\", CAST(do_zone AS INTEGER) AS \"DOLocationID\", ";
	sql += "CAST(CASE WHEN negated THEN 4 ELSE payment END AS BIGINT) AS payment_type, ";
	sql += "CAST(sign * fare AS DOUBLE) AS fare_amount, CAST(sign * extra_charge AS DOUBLE) AS extra, ";
	sql += "CAST(sign * 0.5 AS DOUBLE) AS mta_tax, CAST(tip AS DOUBLE) AS tip_amount, ";
	sql += "CAST(sign * tolls AS DOUBLE) AS tolls_amount, CAST(sign * 1.0 AS DOUBLE) AS improvement_surcharge, ";
	sql += "CAST(round(sign * (fare + extra_charge + 0.5 + 1.0 + tolls + CASE WHEN flex THEN 0 ELSE congestion + "
	       "airport_fee END) + tip, 2) AS DOUBLE) AS total_amount, ";
	sql += "CAST(CASE WHEN flex THEN NULL ELSE sign * congestion END AS DOUBLE) AS congestion_surcharge, ";
	sql += "CAST(CASE WHEN flex THEN NULL ELSE sign * airport_fee END AS DOUBLE) AS \"Airport_fee\" ";
	sql += "FROM paid";
	return sql;
}

} // namespace ducklake
