// The workload on the DuckLake catalog: each month is one snapshot, reloading adds none, and the
// demo queries over lake.trips equal DuckDB over the raw Parquet files.
#include "extension/ducklake_extension.hpp"
#include "workload/taxi_loader.hpp"
#include "workload/taxi_queries.hpp"
#include "workload_fixture.hpp"

namespace ducklake {

class TaxiLakeTest : public WorkloadTest {
protected:
	void SetUp() override {
		WorkloadTest::SetUp();
		database->LoadStaticExtension<DucklakeExtension>();
		auto &storage = duckdb::DBConfig::GetConfig(*database->instance).storage_extensions;
		if (storage.find("ducklake") == storage.end()) {
			GTEST_SKIP() << "this build has no DuckLake catalog (storage type 'ducklake' not registered)";
		}
		metadata = scratch + "/metadata.ducklake";
		Query("ATTACH 'ducklake:" + metadata + "' AS lake (DATA_PATH '" + scratch + "/data/')");
	}

	//! Snapshots in the catalog, read from the metadata database the catalog attaches (the
	//! official extension names it __ducklake_metadata_<alias> too).
	std::string SnapshotCount() {
		return Scalar("SELECT count(*) FROM __ducklake_metadata_lake.ducklake_snapshot");
	}

	std::string metadata;
};

TEST_F(TaxiLakeTest, EachMonthIsOneSnapshotAndReloadingAddsNone) {
	TaxiLoadOptions options;
	options.table = "lake.trips";
	options.months = ParseMonthRange("2024-01..2024-02").months;
	options.rows_per_month = 20000;
	// The first run creates the two tables (a snapshot each), then one snapshot per month.
	auto before = std::stoll(SnapshotCount());
	auto report = LoadTaxiMonths(*connection, options);
	ASSERT_EQ(report.error, "");
	EXPECT_TRUE(report.ducklake_catalog);
	EXPECT_EQ(std::stoll(SnapshotCount()), before + 2 + 2);
	// The last snapshot inserted into both the trips table and its load log.
	EXPECT_EQ(
	    Scalar("SELECT len(string_split(changes_made, ',')) FROM __ducklake_metadata_lake.ducklake_snapshot_changes "
	           "ORDER BY snapshot_id DESC LIMIT 1"),
	    "2");
	// The catalog has set_commit_message, so each month's snapshot says what it loaded.
	EXPECT_TRUE(report.commit_messages);
	{
		EXPECT_EQ(
		    Scalar("SELECT author || ': ' || commit_message FROM __ducklake_metadata_lake.ducklake_snapshot_changes "
		           "ORDER BY snapshot_id DESC LIMIT 1"),
		    "ducklake load nyc-taxi: nyc-taxi 2024-02 from generated (seed 20240101)");
	}
	auto again = LoadTaxiMonths(*connection, options);
	ASSERT_EQ(again.error, "");
	EXPECT_EQ(again.RowsLoaded(), 0u);
	EXPECT_EQ(std::stoll(SnapshotCount()), before + 4);
	EXPECT_EQ(Scalar("SELECT count(*) FROM lake.trips"), "40000");
	EXPECT_EQ(Scalar("SELECT string_agg(month, ',' ORDER BY month) FROM lake.trips_loads"), "2024-01,2024-02");
}

TEST_F(TaxiLakeTest, QueriesOverTheLakeEqualDuckDBOverTheParquetFiles) {
	auto directory = scratch + "/tlc";
	for (auto &month : ParseMonthRange("2024-01..2024-02").months) {
		WriteGeneratedMonth(directory, month, 15000, 77);
	}
	TaxiLoadOptions options;
	options.table = "lake.trips";
	options.months = ParseMonthRange("2024-01..2024-02").months;
	options.source = directory;
	ASSERT_EQ(LoadTaxiMonths(*connection, options).error, "");
	auto raw = "read_parquet('" + directory + "/yellow_tripdata_*.parquet')";
	EXPECT_EQ(Scalar("SELECT count(*) FROM (FROM lake.trips EXCEPT ALL FROM " + raw + ")"), "0");
	auto on_lake = TaxiQueries("lake.trips");
	auto on_files = TaxiQueries(raw);
	ASSERT_EQ(on_lake.size(), on_files.size());
	for (size_t query_idx = 0; query_idx < on_lake.size(); query_idx++) {
		auto actual = Query(on_lake[query_idx].sql);
		auto expected = Query(on_files[query_idx].sql);
		EXPECT_TRUE(ResultsMatch(*actual, *expected, 0)) << on_lake[query_idx].name;
	}
}

} // namespace ducklake
