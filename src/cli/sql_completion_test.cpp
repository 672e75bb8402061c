#include "cli/sql_completion.hpp"

#include <gtest/gtest.h>

using ducklake::CompleteWord;
using ducklake::CompletionCandidates;

TEST(SqlCompletion, KeywordsFollowTheCaseBeingTyped) {
	CompletionCandidates candidates;
	candidates.keywords = {"select", "set", "from"};
	EXPECT_EQ(CompleteWord("SEL", candidates), std::vector<std::string>({"SELECT"}));
	EXPECT_EQ(CompleteWord("se", candidates), std::vector<std::string>({"select", "set"}));
	EXPECT_TRUE(CompleteWord("", candidates).empty());
	EXPECT_TRUE(CompleteWord("x", candidates).empty());
}

TEST(SqlCompletion, NamesKeepTheirCatalogSpelling) {
	CompletionCandidates candidates;
	candidates.names = {"Trips", "trip_zones", "other"};
	EXPECT_EQ(CompleteWord("tri", candidates), std::vector<std::string>({"Trips", "trip_zones"}));
}

TEST(SqlCompletion, CandidatesIncludeKeywordsTablesColumnsAndFunctions) {
	duckdb::DuckDB db(nullptr);
	duckdb::Connection connection(db);
	ASSERT_FALSE(connection.Query("CREATE TABLE taxi_trips(fare_amount DOUBLE)")->HasError());
	auto candidates = ducklake::LoadCompletionCandidates(connection);
	EXPECT_EQ(CompleteWord("taxi_", candidates), std::vector<std::string>({"taxi_trips"}));
	EXPECT_EQ(CompleteWord("fare_am", candidates), std::vector<std::string>({"fare_amount"}));
	EXPECT_EQ(CompleteWord("read_parq", candidates), std::vector<std::string>({"read_parquet"}));
	EXPECT_EQ(CompleteWord("SELEC", candidates), std::vector<std::string>({"SELECT"}));
}
