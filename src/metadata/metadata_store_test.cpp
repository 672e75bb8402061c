#include "metadata/metadata_store.hpp"

#include "duckdb/common/exception.hpp"

#include <gtest/gtest.h>

namespace ducklake {

TEST(MetadataStoreTest, ThePrefixAfterDucklakePicksTheStore) {
	auto postgres = ParseMetadataLocation("ducklake:postgres:dbname=lake host=db");
	EXPECT_EQ(postgres.backend, MetadataBackend::POSTGRES);
	EXPECT_EQ(postgres.target, "dbname=lake host=db");
	auto uri = ParseMetadataLocation("ducklake:postgres:postgresql://me@db:5433/lake");
	EXPECT_EQ(uri.backend, MetadataBackend::POSTGRES);
	EXPECT_EQ(uri.target, "postgresql://me@db:5433/lake");
	auto sqlite = ParseMetadataLocation("ducklake:sqlite:dir/meta.sqlite");
	EXPECT_EQ(sqlite.backend, MetadataBackend::SQLITE);
	EXPECT_EQ(sqlite.target, "dir/meta.sqlite");
	auto duckdb_file = ParseMetadataLocation("ducklake:meta.ducklake");
	EXPECT_EQ(duckdb_file.backend, MetadataBackend::DUCKDB);
	EXPECT_EQ(duckdb_file.target, "meta.ducklake");
	auto explicit_duckdb = ParseMetadataLocation("ducklake:duckdb:meta.ducklake");
	EXPECT_EQ(explicit_duckdb.backend, MetadataBackend::DUCKDB);
	EXPECT_EQ(explicit_duckdb.target, "meta.ducklake");
}

TEST(MetadataStoreTest, WithoutTheDucklakePrefixTheSameRulesApply) {
	EXPECT_EQ(ParseMetadataLocation("sqlite:x.db").backend, MetadataBackend::SQLITE);
	EXPECT_EQ(ParseMetadataLocation("x.ducklake").target, "x.ducklake");
}

TEST(MetadataStoreTest, AnEmptyFileIsRefusedAnEmptyConninfoIsLibpqDefaults) {
	EXPECT_THROW(ParseMetadataLocation("ducklake:"), duckdb::InvalidInputException);
	EXPECT_THROW(ParseMetadataLocation("ducklake:sqlite:"), duckdb::InvalidInputException);
	auto defaults = ParseMetadataLocation("ducklake:postgres:");
	EXPECT_EQ(defaults.backend, MetadataBackend::POSTGRES);
	EXPECT_EQ(defaults.target, "");
}

} // namespace ducklake
