#include "storage/data_path.hpp"

#include "duckdb/common/exception.hpp"

#include <gtest/gtest.h>

namespace ducklake {

TEST(DataPath, TrailingSlashIsAddedOnce) {
	EXPECT_EQ(WithTrailingSlash("data"), "data/");
	EXPECT_EQ(WithTrailingSlash("data/"), "data/");
	EXPECT_EQ(WithTrailingSlash("s3://b/lake"), "s3://b/lake/");
	EXPECT_EQ(WithTrailingSlash(""), "");
}

TEST(DataPath, DefaultDataPathSitsBesideMetadataFile) {
	EXPECT_EQ(DefaultDataPath("lake/metadata.ducklake"), "lake/metadata.ducklake.files/");
}

TEST(DataPath, RelativePartsChainAndAbsoluteReplace) {
	EXPECT_EQ(TableDirectory("data/", "main/", true, "trips/", true), "data/main/trips/");
	EXPECT_EQ(TableDirectory("data/", "/abs/main/", false, "trips/", true), "/abs/main/trips/");
	EXPECT_EQ(TableDirectory("data/", "main/", true, "/elsewhere/t/", false), "/elsewhere/t/");
	EXPECT_EQ(ResolvePath("data/main/trips/", "year=2024/ducklake-x.parquet", true),
	          "data/main/trips/year=2024/ducklake-x.parquet");
	EXPECT_EQ(ResolvePath("data/main/trips/", "/tmp/x.parquet", false), "/tmp/x.parquet");
}

TEST(DataPath, ObjectPathRefusesEscapingNames) {
	EXPECT_EQ(ObjectPath("trips", "Table"), "trips/");
	EXPECT_THROW(ObjectPath("..", "Schema"), duckdb::InvalidInputException);
	EXPECT_THROW(ObjectPath("a/b", "Table"), duckdb::InvalidInputException);
	EXPECT_THROW(ObjectPath("", "Table"), duckdb::InvalidInputException);
}

TEST(DataPath, DataFileNameFollowsOfficialPattern) {
	EXPECT_EQ(DataFileName("01a21281-0878-7eca-8679-7c7d1339b964"),
	          "ducklake-01a21281-0878-7eca-8679-7c7d1339b964.parquet");
}

} // namespace ducklake
