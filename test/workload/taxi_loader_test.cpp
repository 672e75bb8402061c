// Loading is idempotent per month, one transaction per month, and real files of any year are
// projected onto the 2024 schema; the http(s) source works against a real local web server.
#include "http_file_server.hpp"
#include "workload/taxi_loader.hpp"
#include "workload/taxi_schema.hpp"
#include "workload_fixture.hpp"

#include <filesystem>

namespace ducklake {

class TaxiLoaderTest : public WorkloadTest {
protected:
	TaxiLoadOptions Options(const std::string &months, uint64_t rows) {
		TaxiLoadOptions options;
		options.months = ParseMonthRange(months).months;
		options.rows_per_month = rows;
		options.seed = 11;
		return options;
	}
};

TEST_F(TaxiLoaderTest, GeneratedMonthsLoadOnceAndReloadingSkipsThem) {
	auto options = Options("2024-01..2024-02", 30000);
	auto first = LoadTaxiMonths(*connection, options);
	ASSERT_EQ(first.error, "");
	EXPECT_EQ(first.RowsLoaded(), 60000u);
	auto again = LoadTaxiMonths(*connection, options);
	ASSERT_EQ(again.error, "");
	EXPECT_EQ(again.RowsLoaded(), 0u);
	ASSERT_EQ(again.months.size(), 2u);
	EXPECT_TRUE(again.months[0].already_loaded);
	EXPECT_EQ(again.months[1].rows, 30000u);
	EXPECT_EQ(Scalar("SELECT count(*) FROM trips"), "60000");
	EXPECT_EQ(Scalar("SELECT string_agg(month || '=' || row_count, ',' ORDER BY month) FROM trips_loads"),
	          "2024-01=30000,2024-02=30000");
	// A wider range adds only the missing month.
	auto wider = LoadTaxiMonths(*connection, Options("2024-01..2024-03", 30000));
	ASSERT_EQ(wider.error, "");
	EXPECT_EQ(wider.RowsLoaded(), 30000u);
	EXPECT_EQ(Scalar("SELECT count(*) FROM trips"), "90000");
}

TEST_F(TaxiLoaderTest, LoadedRowsAreTheGeneratorsRowsWhateverTheChunking) {
	// More rows than one chunk, so the month is inserted in several statements of one transaction.
	auto rows = taxi_generator_chunk_rows + 1000;
	auto options = Options("2024-05", rows);
	std::vector<TaxiLoadProgress> seen;
	auto report =
	    LoadTaxiMonths(*connection, options, [&](const TaxiLoadProgress &progress) { seen.push_back(progress); });
	ASSERT_EQ(report.error, "");
	TaxiGeneratorSpec spec;
	spec.month = {2024, 5};
	spec.seed = 11;
	spec.row_count = rows;
	EXPECT_EQ(Scalar("SELECT count(*) FROM (FROM trips EXCEPT ALL FROM (" + TaxiGeneratorQuery(spec) + "))"), "0");
	EXPECT_EQ(Scalar("SELECT count(*) FROM trips"), std::to_string(rows));
	ASSERT_GE(seen.size(), 3u);
	EXPECT_EQ(seen.back().stage, "committed");
	EXPECT_EQ(seen.back().rows_done, rows);
	EXPECT_EQ(seen[seen.size() - 2].rows_done, rows);
	EXPECT_EQ(seen[1].rows_done, taxi_generator_chunk_rows);
}

TEST_F(TaxiLoaderTest, QualifiedTargetInAnotherDatabase) {
	Query("ATTACH ':memory:' AS other");
	auto options = Options("2024-01", 1000);
	options.table = "other.main.rides";
	ASSERT_EQ(LoadTaxiMonths(*connection, options).error, "");
	EXPECT_EQ(Scalar("SELECT count(*) FROM other.main.rides"), "1000");
	EXPECT_EQ(Scalar("SELECT count(*) FROM other.main.rides_loads"), "1");
}

TEST_F(TaxiLoaderTest, AFailingMonthLeavesNothingAndEarlierMonthsStay) {
	auto directory = scratch + "/tlc";
	WriteGeneratedMonth(directory, {2024, 1}, 2000, 3);
	auto options = Options("2024-01..2024-02", 0);
	options.source = directory;
	auto report = LoadTaxiMonths(*connection, options);
	EXPECT_NE(
	    report.error.find("loading 2024-02 failed: " + directory + "/yellow_tripdata_2024-02.parquet does not exist"),
	    std::string::npos)
	    << report.error;
	ASSERT_EQ(report.months.size(), 1u);
	EXPECT_EQ(Scalar("SELECT count(*) FROM trips"), "2000");
	EXPECT_EQ(Scalar("SELECT string_agg(month, ',') FROM trips_loads"), "2024-01");
}

TEST_F(TaxiLoaderTest, AFailureInsideTheTransactionRollsTheMonthBack) {
	// A file whose pickup column cannot be cast to TIMESTAMP fails mid-insert.
	auto directory = scratch + "/bad";
	std::filesystem::create_directories(directory);
	Query("COPY (SELECT 'not a time' AS tpep_pickup_datetime, TIMESTAMP '2024-01-01' AS tpep_dropoff_datetime, "
	      "1.0 AS trip_distance, 5.0 AS fare_amount, 6.0 AS total_amount) TO '" +
	      directory + "/yellow_tripdata_2024-01.parquet' (FORMAT parquet)");
	auto options = Options("2024-01", 0);
	options.source = directory;
	auto report = LoadTaxiMonths(*connection, options);
	EXPECT_NE(report.error.find("loading 2024-01 failed: inserting into \"trips\" failed"), std::string::npos)
	    << report.error;
	EXPECT_EQ(Scalar("SELECT count(*) FROM trips"), "0");
	EXPECT_EQ(Scalar("SELECT count(*) FROM trips_loads"), "0");
	EXPECT_EQ(connection->context->transaction.IsAutoCommit(), true);
}

TEST_F(TaxiLoaderTest, OlderFileLayoutsAreNormalisedTo2024) {
	// The 2023 layout: BIGINT ids, DOUBLE passenger_count/RatecodeID, lowercase airport_fee,
	// TIMESTAMP_NS; plus a column the 2024 schema does not have and no congestion_surcharge.
	auto directory = scratch + "/old";
	std::filesystem::create_directories(directory);
	Query("COPY (SELECT 2::BIGINT AS VendorID, TIMESTAMP_NS '2023-06-01 10:00:00' AS tpep_pickup_datetime, "
	      "TIMESTAMP_NS '2023-06-01 10:12:00' AS tpep_dropoff_datetime, 2.0::DOUBLE AS passenger_count, "
	      "1.5 AS trip_distance, 1.0::DOUBLE AS RatecodeID, 'N' AS store_and_fwd_flag, 161::BIGINT AS PULocationID, "
	      "237::BIGINT AS DOLocationID, 1::BIGINT AS payment_type, 10.0 AS fare_amount, 0.0 AS extra, 0.5 AS mta_tax, "
	      "2.0 AS tip_amount, 0.0 AS tolls_amount, 1.0 AS improvement_surcharge, 13.5 AS total_amount, "
	      "0.0 AS airport_fee, 0.75 AS cbd_congestion_fee) TO '" +
	      directory + "/yellow_tripdata_2023-06.parquet' (FORMAT parquet)");
	auto options = Options("2023-06", 0);
	options.source = directory;
	ASSERT_EQ(LoadTaxiMonths(*connection, options).error, "");
	auto described = Query("DESCRIBE trips");
	for (idx_t row_idx = 0; row_idx < described->RowCount(); row_idx++) {
		EXPECT_EQ(described->GetValue(1, row_idx).ToString(), TaxiColumns()[row_idx].type);
	}
	EXPECT_EQ(Scalar("SELECT \"VendorID\" || '|' || passenger_count || '|' || \"RatecodeID\" || '|' || "
	                 "\"PULocationID\" || '|' || \"Airport_fee\" || '|' || coalesce(congestion_surcharge::VARCHAR, "
	                 "'NULL') || '|' || tpep_pickup_datetime FROM trips"),
	          "2|2|1|161|0.0|NULL|2023-06-01 10:00:00");
}

TEST_F(TaxiLoaderTest, RejectsFilesThatAreNotTaxiTrips) {
	auto directory = scratch + "/other";
	std::filesystem::create_directories(directory);
	Query("COPY (SELECT 1 AS a) TO '" + directory + "/yellow_tripdata_2024-01.parquet' (FORMAT parquet)");
	auto options = Options("2024-01", 0);
	options.source = directory;
	auto report = LoadTaxiMonths(*connection, options);
	EXPECT_NE(report.error.find("is not a yellow-taxi trip file: it has no column tpep_pickup_datetime"),
	          std::string::npos)
	    << report.error;
}

TEST_F(TaxiLoaderTest, BadOptionsAreRejectedBeforeAnythingIsWritten) {
	auto options = Options("2024-01", 0);
	EXPECT_NE(LoadTaxiMonths(*connection, options).error.find("invalid --rows-per-month 0: expected 1 to"),
	          std::string::npos);
	options.rows_per_month = 10;
	options.table = "bad name";
	EXPECT_NE(LoadTaxiMonths(*connection, options).error.find("invalid table name \"bad name\""), std::string::npos);
	options.table = "trips";
	options.source = "ftp://host/x";
	EXPECT_NE(LoadTaxiMonths(*connection, options).error.find("invalid --source"), std::string::npos);
	options.source = "";
	options.months.clear();
	EXPECT_NE(LoadTaxiMonths(*connection, options).error.find("no months to load"), std::string::npos);
	EXPECT_EQ(Scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'trips%'"), "0");
}

TEST_F(TaxiLoaderTest, HttpSourceDownloadsFromAWebServer) {
	auto directory = scratch + "/served";
	WriteGeneratedMonth(directory, {2024, 1}, 5000, 21);
	WriteGeneratedMonth(directory, {2024, 2}, 4000, 21);
	HttpFileServer server(directory);
	ASSERT_EQ(server.Error(), "");
	auto options = Options("2024-01..2024-02", 0);
	options.source = server.BaseUrl() + "/";
	options.download_directory = scratch;
	std::vector<std::string> stages;
	auto report = LoadTaxiMonths(*connection, options, [&](const TaxiLoadProgress &progress) {
		if (stages.empty() || stages.back() != progress.stage) {
			stages.push_back(progress.stage);
		}
	});
	ASSERT_EQ(report.error, "");
	EXPECT_EQ(report.months[0].origin, server.BaseUrl() + "/yellow_tripdata_2024-01.parquet");
	EXPECT_EQ(stages.front(), "downloading");
	EXPECT_EQ(Scalar("SELECT count(*) FROM (FROM trips EXCEPT ALL FROM read_parquet('" + directory + "/*.parquet'))"),
	          "0");
	EXPECT_EQ(Scalar("SELECT count(*) FROM trips"), "9000");
	// Staged downloads are removed once loaded.
	for (auto &entry : std::filesystem::directory_iterator(scratch)) {
		EXPECT_EQ(entry.path().extension().string().find(".parquet"), std::string::npos) << entry.path();
	}
	// A month the server does not have is a clear error and writes nothing.
	auto missing = Options("2024-03", 0);
	missing.source = server.BaseUrl();
	missing.download_directory = scratch;
	auto failed = LoadTaxiMonths(*connection, missing);
	EXPECT_NE(failed.error.find("loading 2024-03 failed: " + server.BaseUrl() +
	                            "/yellow_tripdata_2024-03.parquet does not exist (HTTP 404)"),
	          std::string::npos)
	    << failed.error;
	EXPECT_EQ(Scalar("SELECT count(*) FROM trips"), "9000");
}

TEST_F(TaxiLoaderTest, HttpSourceReportsAnUnreachableServer) {
	auto options = Options("2024-01", 0);
	options.source = "http://127.0.0.1:1";
	options.download_directory = scratch;
	auto report = LoadTaxiMonths(*connection, options);
	EXPECT_NE(report.error.find("downloading http://127.0.0.1:1/yellow_tripdata_2024-01.parquet failed"),
	          std::string::npos)
	    << report.error;
}

} // namespace ducklake
