// The generator is deterministic, has the 2024 file schema and the distributions it promises.
#include "workload/taxi_generator.hpp"
#include "workload/taxi_schema.hpp"
#include "workload_fixture.hpp"

namespace ducklake {

class TaxiGeneratorTest : public WorkloadTest {
protected:
	std::string Fingerprint(const TaxiGeneratorSpec &spec) {
		// Order-independent digest of every column of every row.
		return Scalar("SELECT count(*) || ':' || sum(hash(COLUMNS(*)) % 1000000007)::VARCHAR FROM (" +
		              TaxiGeneratorQuery(spec) + ")");
	}
	static TaxiGeneratorSpec Spec(uint64_t seed, uint64_t first, uint64_t count) {
		TaxiGeneratorSpec spec;
		spec.month = {2024, 2};
		spec.seed = seed;
		spec.first_row = first;
		spec.row_count = count;
		return spec;
	}
};

TEST_F(TaxiGeneratorTest, SameSpecGivesSameRows) {
	Query("CREATE TABLE first_run AS " + TaxiGeneratorQuery(Spec(7, 0, 20000)));
	Query("CREATE TABLE second_run AS " + TaxiGeneratorQuery(Spec(7, 0, 20000)));
	EXPECT_EQ(Scalar("SELECT count(*) FROM (FROM first_run EXCEPT ALL FROM second_run)"), "0");
	EXPECT_EQ(Scalar("SELECT count(*) FROM (FROM second_run EXCEPT ALL FROM first_run)"), "0");
	EXPECT_EQ(Scalar("SELECT count(*) FROM first_run"), "20000");
}

TEST_F(TaxiGeneratorTest, ChunksConcatenateToTheWhole) {
	auto whole = Scalar("SELECT count(*) FROM (FROM (" + TaxiGeneratorQuery(Spec(7, 0, 30000)) +
	                    ") EXCEPT ALL (FROM (" + TaxiGeneratorQuery(Spec(7, 0, 12345)) + ") UNION ALL FROM (" +
	                    TaxiGeneratorQuery(Spec(7, 12345, 30000 - 12345)) + ")))");
	EXPECT_EQ(whole, "0");
}

TEST_F(TaxiGeneratorTest, SeedAndMonthChangeTheRows) {
	auto base = Fingerprint(Spec(7, 0, 5000));
	EXPECT_NE(base, Fingerprint(Spec(8, 0, 5000)));
	auto other_month = Spec(7, 0, 5000);
	other_month.month = {2024, 3};
	EXPECT_NE(base, Fingerprint(other_month));
}

TEST_F(TaxiGeneratorTest, HasThe2024ColumnNamesAndTypes) {
	auto described = Query("DESCRIBE " + TaxiGeneratorQuery(Spec(1, 0, 10)));
	ASSERT_EQ(described->RowCount(), TaxiColumns().size());
	for (idx_t row_idx = 0; row_idx < described->RowCount(); row_idx++) {
		EXPECT_EQ(described->GetValue(0, row_idx).ToString(), TaxiColumns()[row_idx].name);
		EXPECT_EQ(described->GetValue(1, row_idx).ToString(), TaxiColumns()[row_idx].type);
	}
}

TEST_F(TaxiGeneratorTest, DistributionsLookLikeTheTlcFiles) {
	Query("CREATE TABLE trips AS " + TaxiGeneratorQuery(Spec(42, 0, 100000)));
	// Every pickup is inside February 2024, every dropoff after its pickup, zones in 1..265.
	EXPECT_EQ(Scalar("SELECT count(*) FROM trips WHERE tpep_pickup_datetime < '2024-02-01' OR "
	                 "tpep_pickup_datetime >= '2024-03-01' OR tpep_dropoff_datetime <= tpep_pickup_datetime"),
	          "0");
	EXPECT_EQ(Scalar("SELECT count(*) FROM trips WHERE \"PULocationID\" NOT BETWEEN 1 AND 265 OR "
	                 "\"DOLocationID\" NOT BETWEEN 1 AND 265"),
	          "0");
	EXPECT_EQ(Scalar("SELECT count(DISTINCT day(tpep_pickup_datetime)) FROM trips"), "29");
	EXPECT_EQ(Scalar("SELECT count(DISTINCT hour(tpep_pickup_datetime)) FROM trips"), "24");
	// Skewed zones: the busiest zone has several times the uniform share (1/265 = 0.4%).
	EXPECT_EQ(Scalar("SELECT max(c) > 0.02 * 100000 FROM (SELECT count(*) c FROM trips GROUP BY \"PULocationID\")"),
	          "true");
	// Evening rush beats 4 am by far; weekdays (Thursday) beat Sundays.
	EXPECT_EQ(Scalar("SELECT count(*) FILTER (hour(tpep_pickup_datetime) = 18) > 5 * count(*) FILTER "
	                 "(hour(tpep_pickup_datetime) = 4) FROM trips"),
	          "true");
	EXPECT_EQ(Scalar("SELECT count(*) FILTER (dayofweek(tpep_pickup_datetime) = 4) > 1.1 * count(*) FILTER "
	                 "(dayofweek(tpep_pickup_datetime) = 0) FROM trips"),
	          "true");
	// Fares follow distance; card trips tip, cash trips record no tip.
	EXPECT_EQ(Scalar("SELECT corr(trip_distance, fare_amount) > 0.8 FROM trips WHERE fare_amount > 0 AND "
	                 "\"RatecodeID\" = 1"),
	          "true");
	EXPECT_EQ(Scalar("SELECT avg(tip_amount) FILTER (payment_type = 1) > 2 AND max(tip_amount) FILTER "
	                 "(payment_type = 2) = 0 FROM trips"),
	          "true");
	// The dirty rows: shares within a band around 0.8% negative, 1.5% zero distance, 4% NULL passengers.
	EXPECT_EQ(Scalar("SELECT count(*) FILTER (fare_amount < 0) BETWEEN 600 AND 1000 FROM trips"), "true");
	EXPECT_EQ(Scalar("SELECT count(*) FILTER (trip_distance = 0) BETWEEN 1200 AND 1800 FROM trips"), "true");
	EXPECT_EQ(Scalar("SELECT count(*) FILTER (passenger_count IS NULL) BETWEEN 3400 AND 4600 FROM trips"), "true");
	// Totals add up from their parts.
	EXPECT_EQ(Scalar("SELECT count(*) FROM trips WHERE abs(total_amount - (fare_amount + extra + mta_tax + "
	                 "tip_amount + tolls_amount + improvement_surcharge + coalesce(congestion_surcharge, 0) + "
	                 "coalesce(\"Airport_fee\", 0))) > 0.011"),
	          "0");
}

} // namespace ducklake
