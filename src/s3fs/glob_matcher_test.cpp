#include "s3fs/glob_matcher.hpp"

#include <gtest/gtest.h>

namespace ducklake {

TEST(GlobMatcher, StarStaysWithinOneSegment) {
	EXPECT_TRUE(GlobMatch("dir/*.parquet", "dir/a.parquet"));
	EXPECT_TRUE(GlobMatch("dir/*.parquet", "dir/.parquet"));
	EXPECT_FALSE(GlobMatch("dir/*.parquet", "dir/sub/a.parquet"));
	EXPECT_FALSE(GlobMatch("dir/*.parquet", "dir/a.parquet.tmp"));
	EXPECT_TRUE(GlobMatch("*/x", "a/x"));
	EXPECT_FALSE(GlobMatch("*/x", "a/b/x"));
}

TEST(GlobMatcher, DoubleStarCrossesAnyNumberOfSegments) {
	EXPECT_TRUE(GlobMatch("dir/**/*.parquet", "dir/a.parquet"));
	EXPECT_TRUE(GlobMatch("dir/**/*.parquet", "dir/x/a.parquet"));
	EXPECT_TRUE(GlobMatch("dir/**/*.parquet", "dir/x/y/z/a.parquet"));
	EXPECT_FALSE(GlobMatch("dir/**/*.parquet", "other/x/a.parquet"));
	EXPECT_TRUE(GlobMatch("dir/**", "dir/x/y"));
	EXPECT_FALSE(GlobMatch("dir/**/b", "dir/xb"));
}

TEST(GlobMatcher, QuestionMarkAndSets) {
	EXPECT_TRUE(GlobMatch("part-?.csv", "part-1.csv"));
	EXPECT_FALSE(GlobMatch("part-?.csv", "part-10.csv"));
	EXPECT_FALSE(GlobMatch("a?b", "a/b"));
	EXPECT_TRUE(GlobMatch("part-[0-9].csv", "part-7.csv"));
	EXPECT_FALSE(GlobMatch("part-[0-9].csv", "part-x.csv"));
	EXPECT_TRUE(GlobMatch("part-[!0-9].csv", "part-x.csv"));
	EXPECT_TRUE(GlobMatch("[ab]", "b"));
	EXPECT_TRUE(GlobMatch("a[", "a["));
}

TEST(GlobMatcher, KeysWithSpecialCharactersMatchLiterally) {
	EXPECT_TRUE(GlobMatch("my dir/*+1.parquet", "my dir/a b+1.parquet"));
	EXPECT_TRUE(GlobMatch("ünï/*", "ünï/çødé"));
	EXPECT_TRUE(GlobMatch("a/*", "a/%2F"));
}

TEST(GlobMatcher, LiteralPrefixStopsAtTheFirstWildcard) {
	EXPECT_EQ(GlobLiteralPrefix("dir/sub/*.parquet"), "dir/sub/");
	EXPECT_EQ(GlobLiteralPrefix("dir/a?"), "dir/a");
	EXPECT_EQ(GlobLiteralPrefix("plain/key"), "plain/key");
	EXPECT_TRUE(HasGlobCharacters("a[1]"));
	EXPECT_FALSE(HasGlobCharacters("a/b.parquet"));
}

TEST(GlobMatcher, PathologicalPatternsTerminate) {
	std::string key(5000, 'a');
	EXPECT_FALSE(GlobMatch("*a*a*a*a*a*a*a*a*a*b", key));
}

} // namespace ducklake
