#include "workload/taxi_schema.hpp"

#include <gtest/gtest.h>

namespace ducklake {

TEST(TaxiSchema, HasThe2024FileColumnsInOrder) {
	std::vector<std::string> names;
	for (auto &column : TaxiColumns()) {
		names.push_back(column.name);
	}
	EXPECT_EQ(names, std::vector<std::string>({"VendorID", "tpep_pickup_datetime", "tpep_dropoff_datetime",
	                                           "passenger_count", "trip_distance", "RatecodeID", "store_and_fwd_flag",
	                                           "PULocationID", "DOLocationID", "payment_type", "fare_amount", "extra",
	                                           "mta_tax", "tip_amount", "tolls_amount", "improvement_surcharge",
	                                           "total_amount", "congestion_surcharge", "Airport_fee"}));
	EXPECT_EQ(TaxiColumns()[0].type, std::string("INTEGER"));
	EXPECT_EQ(TaxiColumns()[3].type, std::string("BIGINT"));
}

TEST(TaxiSchema, NormalisingMatchesNamesIgnoringCaseAndCasts) {
	auto select = TaxiNormalizingSelectList({"vendorid", "airport_fee", "passenger_count"});
	EXPECT_NE(select.find("CAST(\"vendorid\" AS INTEGER) AS \"VendorID\""), std::string::npos);
	EXPECT_NE(select.find("CAST(\"airport_fee\" AS DOUBLE) AS \"Airport_fee\""), std::string::npos);
	EXPECT_NE(select.find("CAST(\"passenger_count\" AS BIGINT) AS \"passenger_count\""), std::string::npos);
}

TEST(TaxiSchema, MissingColumnsBecomeNullAndExtraColumnsAreDropped) {
	auto select = TaxiNormalizingSelectList({"cbd_congestion_fee", "fare_amount"});
	EXPECT_NE(select.find("CAST(NULL AS DOUBLE) AS \"congestion_surcharge\""), std::string::npos);
	EXPECT_EQ(select.find("cbd_congestion_fee"), std::string::npos);
	EXPECT_NE(select.find("CAST(\"fare_amount\" AS DOUBLE)"), std::string::npos);
}

TEST(TaxiSchema, RequiredColumns) {
	EXPECT_EQ(MissingRequiredTaxiColumns(
	              {"TPEP_PICKUP_DATETIME", "tpep_dropoff_datetime", "trip_distance", "fare_amount", "total_amount"}),
	          std::vector<std::string>());
	EXPECT_EQ(
	    MissingRequiredTaxiColumns({"a", "fare_amount"}),
	    std::vector<std::string>({"tpep_pickup_datetime", "tpep_dropoff_datetime", "trip_distance", "total_amount"}));
}

TEST(TaxiSchema, QuotingDoublesTheQuote) {
	EXPECT_EQ(QuoteIdentifier("a\"b"), "\"a\"\"b\"");
	EXPECT_EQ(QuoteLiteral("it's"), "'it''s'");
}

} // namespace ducklake
