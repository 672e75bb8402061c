#include "workload/taxi_source.hpp"

#include <gtest/gtest.h>

namespace ducklake {

TEST(TaxiSource, EmptyMeansGenerator) {
	EXPECT_EQ(ParseTaxiSource("").kind, TaxiSourceKind::GENERATOR);
}

TEST(TaxiSource, EachKindBuildsTheTlcFileName) {
	YearMonth month {2024, 2};
	auto local = ParseTaxiSource("data/tlc/");
	EXPECT_EQ(local.kind, TaxiSourceKind::LOCAL_DIRECTORY);
	EXPECT_EQ(local.FileFor(month), "data/tlc/yellow_tripdata_2024-02.parquet");
	auto s3 = ParseTaxiSource("s3://bucket/trip-data");
	EXPECT_EQ(s3.kind, TaxiSourceKind::S3);
	EXPECT_EQ(s3.FileFor(month), "s3://bucket/trip-data/yellow_tripdata_2024-02.parquet");
	auto https = ParseTaxiSource("https://d37ci6vzurychx.cloudfront.net/trip-data/");
	EXPECT_EQ(https.kind, TaxiSourceKind::HTTP);
	EXPECT_EQ(https.FileFor(month), "https://d37ci6vzurychx.cloudfront.net/trip-data/yellow_tripdata_2024-02.parquet");
	EXPECT_EQ(ParseTaxiSource("http://127.0.0.1:8080").kind, TaxiSourceKind::HTTP);
	EXPECT_EQ(ParseTaxiSource("/").FileFor(month), "//yellow_tripdata_2024-02.parquet");
}

TEST(TaxiSource, RejectsUnknownSchemesAndMissingHosts) {
	EXPECT_NE(ParseTaxiSource("gcs://bucket").error.find("invalid --source \"gcs://bucket\""), std::string::npos);
	EXPECT_NE(ParseTaxiSource("s3://").error.find("needs a bucket"), std::string::npos);
	EXPECT_NE(ParseTaxiSource("https://").error.find("needs a host"), std::string::npos);
	EXPECT_NE(ParseTaxiSource("https:///x").error.find("needs a host"), std::string::npos);
}

} // namespace ducklake
