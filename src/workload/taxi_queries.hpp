//===----------------------------------------------------------------------===//
// The demo's aggregation queries over a yellow-taxi table: trips and revenue by month, by
// payment type, average tip share by hour of day, top pickup zones and trip-distance buckets.
// Each is plain SQL over the table name it is given, so it runs unchanged on a DuckDB table,
// a DuckLake table or read_parquet(...). Results are ordered, so equal data gives equal rows.
// Building the SQL is pure.
//===----------------------------------------------------------------------===//

#pragma once

#include <string>
#include <vector>

namespace ducklake {

struct TaxiQuery {
	//! short identifier, e.g. "tip_share_by_hour"
	std::string name;
	//! what the demo prints above the result
	std::string title;
	std::string sql;
};

//! The demo queries over `relation` (a quoted table name or a table function call).
std::vector<TaxiQuery> TaxiQueries(const std::string &relation);

//! Name of the query whose (hour, trips) columns feed the bar chart of trips by hour of day.
constexpr const char *taxi_query_by_hour = "tip_share_by_hour";

//! The TLC's payment_type codes, in words.
std::string PaymentTypeName(int64_t payment_type);

} // namespace ducklake
