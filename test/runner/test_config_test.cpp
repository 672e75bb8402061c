#include "test_config.hpp"

#include <gtest/gtest.h>

namespace ducklake::sqllogic {
namespace {

TEST(TestConfig, ParsesEveryLineKind) {
	auto result = ParseTestConfig("pg", "# comment\n\ndescription PostgreSQL metadata\nMETA = ducklake:postgres:db\n"
	                                    "init SET threads = 2\nskip catalog/*.test needs a DuckDB file catalog\n");
	ASSERT_TRUE(result.ok) << result.error;
	auto &config = result.config;
	EXPECT_EQ(config.name, "pg");
	EXPECT_EQ(config.description, "PostgreSQL metadata");
	ASSERT_EQ(config.variables.size(), 1u);
	EXPECT_EQ(config.variables[0].first, "META");
	EXPECT_EQ(config.variables[0].second, "ducklake:postgres:db");
	EXPECT_EQ(config.init_sql, (std::vector<std::string> {"SET threads = 2"}));
	ASSERT_EQ(config.skips.size(), 1u);
	EXPECT_EQ(config.skips[0].reason, "needs a DuckDB file catalog");
	ASSERT_NE(config.FindSkip("catalog/attach.test"), nullptr);
	EXPECT_EQ(config.FindSkip("basic/select.test"), nullptr);
}

TEST(TestConfig, EverySkipNeedsAReason) {
	auto result = ParseTestConfig("c", "skip basic/*.test\n");
	EXPECT_FALSE(result.ok);
	EXPECT_NE(result.error.find("config 'c' line 1"), std::string::npos) << result.error;
}

TEST(TestConfig, BadLinesNameTheLine) {
	auto bad_name = ParseTestConfig("c", "\n1ABC=x\n");
	EXPECT_FALSE(bad_name.ok);
	EXPECT_NE(bad_name.error.find("line 2: '1ABC' is not a variable name"), std::string::npos) << bad_name.error;
	auto unknown = ParseTestConfig("c", "whatever\n");
	EXPECT_FALSE(unknown.ok);
	EXPECT_FALSE(ParseTestConfig("c", "init\n").ok);
}

TEST(TestConfig, MissingFileIsAnError) {
	auto result = LoadTestConfig("/nonexistent/dir/x.conf");
	EXPECT_FALSE(result.ok);
	EXPECT_NE(result.error.find("/nonexistent/dir/x.conf"), std::string::npos);
}

} // namespace
} // namespace ducklake::sqllogic
