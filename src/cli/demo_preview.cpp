#include "cli/demo_preview.hpp"

#include "duckdb.hpp"
#include "duckdb/common/box_renderer.hpp"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

namespace ducklake {

namespace {

constexpr int64_t demo_rows_default = 1000000;
constexpr int64_t demo_rows_max = 100000000;

struct DemoStep {
	const char *title;
	std::string sql;
	bool print_result;
};

std::string GenerateTripsSql(int64_t rows) {
	// Every column is a hash of the trip number, so the same N always gives the same trips.
	return "CREATE TABLE trips AS "
	       "SELECT i AS trip_id, "
	       "       TIMESTAMP '2024-01-01' + to_seconds((hash(i, 1) % (31 * 86400))::BIGINT) AS pickup_at, "
	       "       1 + (hash(i, 2) % 265)::INTEGER AS pickup_zone, "
	       "       round(0.3 + (hash(i, 3) % 2000) / 100.0, 2) AS trip_distance, "
	       "       CASE WHEN hash(i, 4) % 100 < 72 THEN 'card' WHEN hash(i, 4) % 100 < 97 THEN 'cash' "
	       "            WHEN hash(i, 4) % 100 < 99 THEN 'no charge' ELSE 'dispute' END AS payment_type, "
	       "       (hash(i, 5) % 500) / 100.0 AS fare_noise, "
	       "       (hash(i, 6) % 30) / 100.0 AS tip_share "
	       "FROM range(" +
	       std::to_string(rows) + ") t(i)";
}

const char *by_hour_sql = "SELECT hour(pickup_at) AS hour_of_day, count(*) AS trips, "
                          "       round(avg(3.0 + trip_distance * 2.5 + fare_noise), 2) AS avg_fare "
                          "FROM trips GROUP BY ALL ORDER BY hour_of_day";

const char *by_payment_sql = "SELECT payment_type, count(*) AS trips, "
                             "       round(sum(3.0 + trip_distance * 2.5 + fare_noise), 2) AS revenue, "
                             "       round(avg(CASE WHEN payment_type = 'card' THEN tip_share ELSE 0 END), 3) "
                             "         AS avg_tip_share "
                             "FROM trips GROUP BY ALL ORDER BY trips DESC";

bool ParseRows(int argc, char **argv, int64_t &rows) {
	for (int arg_idx = 1; arg_idx < argc; arg_idx++) {
		std::string arg = argv[arg_idx];
		if (arg == "--rows" && arg_idx + 1 < argc) {
			char *end = nullptr;
			std::string value = argv[++arg_idx];
			long long parsed = std::strtoll(value.c_str(), &end, 10);
			if (value.empty() || *end != '\0' || parsed < 1 || parsed > demo_rows_max) {
				std::cerr << "ducklake demo: --rows must be a whole number from 1 to " << demo_rows_max << ", got '"
				          << value << "'\n";
				return false;
			}
			rows = parsed;
		} else {
			std::cerr << "ducklake demo: unknown argument '" << arg << "'\nusage: ducklake demo [--rows N]\n";
			return false;
		}
	}
	return true;
}

} // namespace

int RunDemoPreview(int argc, char **argv) {
	int64_t rows = demo_rows_default;
	if (!ParseRows(argc, argv, rows)) {
		return 2;
	}
	duckdb::DuckDB db(nullptr);
	duckdb::Connection con(db);
	DemoStep steps[] = {
	    {"generate trips", GenerateTripsSql(rows), false},
	    {"trips and average fare by hour of day", by_hour_sql, true},
	    {"trips, revenue and tip share by payment type", by_payment_sql, true},
	};
	duckdb::BoxRendererConfig box_config;
	box_config.max_rows = 40;
	for (auto &step : steps) {
		std::cout << "== " << step.title << "\n" << std::flush;
		auto started = std::chrono::steady_clock::now();
		auto result = con.Query(step.sql);
		double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
		if (result->HasError()) {
			std::cerr << "ducklake demo: step '" << step.title << "' failed: " << result->GetError() << "\n";
			return 1;
		}
		if (step.print_result) {
			std::cout << result->ToBox(*con.context, box_config);
		} else {
			std::cout << rows << " rows\n";
		}
		std::cout << "(" << seconds << " s)\n\n";
	}
	return 0;
}

} // namespace ducklake
