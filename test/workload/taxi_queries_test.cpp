// Each demo query, run on the loaded table, equals an independently written query that DuckDB
// runs over the raw Parquet files the test wrote from the generator.
#include "workload/taxi_loader.hpp"
#include "workload/taxi_queries.hpp"
#include "workload_fixture.hpp"

#include <map>

namespace ducklake {

class TaxiQueriesTest : public WorkloadTest {
protected:
	void SetUp() override {
		WorkloadTest::SetUp();
		directory = scratch + "/tlc";
		for (auto &month : ParseMonthRange("2024-01..2024-03").months) {
			WriteGeneratedMonth(directory, month, 40000 + 1000 * month.month, 5);
		}
		TaxiLoadOptions options;
		options.months = ParseMonthRange("2024-01..2024-03").months;
		options.source = directory;
		auto report = LoadTaxiMonths(*connection, options);
		ASSERT_EQ(report.error, "");
		raw = "read_parquet('" + directory + "/yellow_tripdata_*.parquet')";
		for (auto &query : TaxiQueries("trips")) {
			queries[query.name] = query.sql;
		}
	}

	void ExpectMatches(const std::string &name, const std::string &reference_sql) {
		ASSERT_EQ(queries.count(name), 1u) << name;
		auto actual = Query(queries[name]);
		auto expected = Query(reference_sql);
		EXPECT_TRUE(ResultsMatch(*actual, *expected)) << name;
	}

	std::string directory;
	std::string raw;
	std::map<std::string, std::string> queries;
};

TEST_F(TaxiQueriesTest, ThereAreFiveQueriesWithTitles) {
	auto list = TaxiQueries("t");
	ASSERT_EQ(list.size(), 5u);
	for (auto &query : list) {
		EXPECT_FALSE(query.title.empty()) << query.name;
		EXPECT_NE(query.sql.find(" t "), std::string::npos) << query.name;
	}
}

TEST_F(TaxiQueriesTest, TripsByMonth) {
	ExpectMatches("trips_by_month",
	              "SELECT printf('%04d-%02d', year(tpep_pickup_datetime), month(tpep_pickup_datetime)), "
	              "count(*), sum(total_amount), avg(trip_distance) FROM " +
	                  raw + " GROUP BY ALL ORDER BY 1");
	EXPECT_EQ(Scalar("SELECT string_agg(trips, ',') FROM (" + queries["trips_by_month"] + ")"), "41000,42000,43000");
}

TEST_F(TaxiQueriesTest, ByPaymentType) {
	ExpectMatches("by_payment_type",
	              "SELECT p.payment_type, n.name, count(*) AS c, sum(total_amount), avg(tip_amount) FROM " + raw +
	                  " p JOIN (VALUES (0, 'flex fare'), (1, 'credit card'), (2, 'cash'), (3, 'no charge'), "
	                  "(4, 'dispute')) n(code, name) ON p.payment_type = n.code GROUP BY ALL ORDER BY c DESC, 1");
}

TEST_F(TaxiQueriesTest, TipShareByHour) {
	ExpectMatches("tip_share_by_hour",
	              "SELECT h, count(*), avg(CASE WHEN payment_type = 1 AND fare_amount > 0 THEN tip_amount / "
	              "fare_amount END) FROM (SELECT extract('hour' FROM tpep_pickup_datetime) AS h, * FROM " +
	                  raw + ") GROUP BY h ORDER BY h");
	EXPECT_EQ(Scalar("SELECT count(*) FROM (" + queries["tip_share_by_hour"] + ")"), "24");
}

TEST_F(TaxiQueriesTest, TopPickupZones) {
	ExpectMatches("top_pickup_zones",
	              "SELECT \"PULocationID\", count(*) AS c, avg(total_amount), avg(trip_distance) FROM " + raw +
	                  " GROUP BY 1 ORDER BY c DESC, 1 LIMIT 10");
}

TEST_F(TaxiQueriesTest, DistanceBuckets) {
	ExpectMatches(
	    "distance_buckets",
	    "SELECT b.label, count(*), avg(fare_amount), round(avg(date_diff('second', tpep_pickup_datetime, "
	    "tpep_dropoff_datetime) / 60.0), 1) FROM " +
	        raw +
	        " r JOIN (VALUES (0, -1e9, 0.0000001, '0 (none)'), (1, 0.0000001, 1, '0-1 mi'), (2, 1, 2, '1-2 mi'), "
	        "(3, 2, 5, '2-5 mi'), (4, 5, 10, '5-10 mi'), (5, 10, 20, '10-20 mi'), (6, 20, 1e9, '20+ mi')) "
	        "b(rank, low, high, label) ON r.trip_distance >= b.low AND r.trip_distance < b.high "
	        "GROUP BY b.rank, b.label ORDER BY b.rank");
}

} // namespace ducklake
