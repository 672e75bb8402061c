#include "cli/workload_target.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace ducklake {

static std::string Parse(std::vector<std::string> words, TaxiArguments &arguments) {
	std::vector<char *> argv;
	for (auto &word : words) {
		argv.push_back(&word[0]);
	}
	return ParseTaxiArguments(int(argv.size()), argv.data(), 1, arguments);
}

TEST(TaxiArguments, DefaultsAreThreeGeneratedMonthsIntoTheLake) {
	TaxiArguments arguments;
	EXPECT_EQ(Parse({"demo"}, arguments), "");
	EXPECT_EQ(arguments.months, "2024-01..2024-03");
	EXPECT_EQ(arguments.rows_per_month, 1000000u);
	EXPECT_EQ(arguments.table, "lake.trips");
	EXPECT_TRUE(arguments.source.empty());
	EXPECT_TRUE(arguments.lake.enabled);
}

TEST(TaxiArguments, EveryOptionIsParsed) {
	TaxiArguments arguments;
	EXPECT_EQ(Parse({"demo", "--months", "2023-12", "--source", "https://h/p", "--rows-per-month", "500", "--seed", "9",
	                 "--table", "lake.rides", "--lake", "postgres:dbname=lake", "--data", "s3://lake/data/"},
	                arguments),
	          "");
	EXPECT_EQ(arguments.months, "2023-12");
	EXPECT_EQ(arguments.source, "https://h/p");
	EXPECT_EQ(arguments.rows_per_month, 500u);
	EXPECT_EQ(arguments.seed, 9u);
	EXPECT_EQ(arguments.table, "lake.rides");
	EXPECT_EQ(arguments.lake.uri, "postgres:dbname=lake");
	EXPECT_EQ(arguments.lake.data_path, "s3://lake/data/");
}

TEST(TaxiArguments, BadValuesNameTheArgument) {
	TaxiArguments arguments;
	EXPECT_EQ(Parse({"demo", "--rows-per-month", "0"}, arguments),
	          "--rows-per-month must be a whole number from 1 to 100000000, got '0'");
	EXPECT_EQ(Parse({"demo", "--rows-per-month", "12x"}, arguments),
	          "--rows-per-month must be a whole number from 1 to 100000000, got '12x'");
	EXPECT_EQ(Parse({"demo", "--seed", "-1"}, arguments).find("--seed must be a whole number"), 0u);
	EXPECT_EQ(Parse({"demo", "--months"}, arguments), "--months needs a value; see --help");
	EXPECT_EQ(Parse({"demo", "--frobnicate"}, arguments), "unknown argument '--frobnicate'; see --help");
}

TEST(TaxiArguments, StackExcludesAnExplicitLake) {
	TaxiArguments arguments;
	EXPECT_EQ(Parse({"demo", "--stack", "--lake", "x"}, arguments),
	          "--stack picks the lake, data path and endpoint itself; drop --lake/--data/--s3-endpoint or --stack");
}

TEST(TaxiArguments, S3EndpointNeedsAnS3DataPath) {
	TaxiArguments arguments;
	EXPECT_EQ(Parse({"demo", "--s3-endpoint", "127.0.0.1:9000"}, arguments),
	          "--s3-endpoint needs an s3:// --data path, e.g. --data s3://lake/data/");
	TaxiArguments good;
	EXPECT_EQ(Parse({"demo", "--s3-endpoint", "127.0.0.1:9000", "--data", "s3://lake/data/"}, good), "");
	EXPECT_EQ(good.s3_endpoint, "127.0.0.1:9000");
}

} // namespace ducklake
