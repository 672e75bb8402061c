#include "workload/taxi_queries.hpp"

#include <cstdint>

namespace ducklake {

std::string PaymentTypeName(int64_t payment_type) {
	switch (payment_type) {
	case 0:
		return "flex fare";
	case 1:
		return "credit card";
	case 2:
		return "cash";
	case 3:
		return "no charge";
	case 4:
		return "dispute";
	case 5:
		return "unknown";
	case 6:
		return "voided trip";
	default:
		return "other";
	}
}

std::vector<TaxiQuery> TaxiQueries(const std::string &relation) {
	std::string payment_names = "CASE payment_type";
	for (int64_t code = 0; code <= 6; code++) {
		payment_names += " WHEN " + std::to_string(code) + " THEN '" + PaymentTypeName(code) + "'";
	}
	payment_names += " ELSE 'other' END";
	return {
	    {"trips_by_month", "Trips and revenue by month",
	     "SELECT strftime(tpep_pickup_datetime, '%Y-%m') AS month, count(*) AS trips, "
	     "round(sum(total_amount), 2) AS revenue, round(avg(trip_distance), 2) AS avg_miles FROM " +
	         relation + " GROUP BY month ORDER BY month"},
	    {"by_payment_type", "Trips and revenue by payment type",
	     "SELECT payment_type, " + payment_names +
	         " AS payment, count(*) AS trips, round(sum(total_amount), 2) AS revenue, "
	         "round(avg(tip_amount), 2) AS avg_tip FROM " +
	         relation + " GROUP BY payment_type ORDER BY trips DESC, payment_type"},
	    {"tip_share_by_hour", "Trips and average tip share of the fare (card payments) by hour of day",
	     "SELECT hour(tpep_pickup_datetime) AS hour, count(*) AS trips, "
	     "round(avg(tip_amount / fare_amount) FILTER (WHERE payment_type = 1 AND fare_amount > 0), 4) "
	     "AS avg_tip_share FROM " +
	         relation + " GROUP BY hour ORDER BY hour"},
	    {"top_pickup_zones", "Top 10 pickup zones",
	     "SELECT \"PULocationID\" AS zone, count(*) AS trips, round(avg(total_amount), 2) AS avg_total, "
	     "round(avg(trip_distance), 2) AS avg_miles FROM " +
	         relation + " GROUP BY zone ORDER BY trips DESC, zone LIMIT 10"},
	    {"distance_buckets", "Trips by distance",
	     "SELECT CASE WHEN trip_distance <= 0 THEN '0 (none)' WHEN trip_distance < 1 THEN '0-1 mi' "
	     "WHEN trip_distance < 2 THEN '1-2 mi' WHEN trip_distance < 5 THEN '2-5 mi' WHEN trip_distance < 10 "
	     "THEN '5-10 mi' WHEN trip_distance < 20 THEN '10-20 mi' ELSE '20+ mi' END AS distance, count(*) AS trips, "
	     "round(avg(fare_amount), 2) AS avg_fare, "
	     "round(avg(epoch(tpep_dropoff_datetime - tpep_pickup_datetime)) / 60, 1) AS avg_minutes FROM " +
	         relation + " GROUP BY distance ORDER BY min(trip_distance)"},
	};
}

} // namespace ducklake
