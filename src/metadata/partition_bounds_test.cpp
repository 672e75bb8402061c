#include "metadata/partition_bounds.hpp"

#include "metadata/catalog_initializer.hpp"
#include "metadata/duckdb/duckdb_metadata_connection.hpp"
#include "metadata/file_lister.hpp"

#include "duckdb.hpp"

#include <gtest/gtest.h>

namespace ducklake {

namespace {

PartitionBound IntegerBound(int64_t column_id, const std::string &transform, PartitionBound::Comparison comparison,
                            int64_t value) {
	PartitionBound bound;
	bound.column_id = column_id;
	bound.transform = transform;
	bound.comparison = comparison;
	bound.integer_value = value;
	return bound;
}

PartitionBound TextBound(int64_t column_id, const std::string &value) {
	PartitionBound bound;
	bound.column_id = column_id;
	bound.transform = "identity";
	bound.is_integer = false;
	bound.text_value = value;
	return bound;
}

} // namespace

TEST(PartitionBounds, NoBoundsNoCondition) {
	EXPECT_EQ(PartitionBoundsSQL({}, 1, "f", "v", "d", "c"), "");
}

TEST(PartitionBounds, KeysAreDistinguishedInTheCacheKey) {
	EXPECT_NE(IntegerBound(1, "year", PartitionBound::Comparison::EQUAL, 2024).Key(),
	          IntegerBound(1, "month", PartitionBound::Comparison::EQUAL, 2024).Key());
	EXPECT_NE(TextBound(2, "7").Key(), IntegerBound(2, "identity", PartitionBound::Comparison::EQUAL, 7).Key());
}

//! A catalog whose files have partition values but no column stats: whatever the listing prunes,
//! the partition values pruned it, inside the metadata query.
class PartitionListingFixture : public ::testing::Test {
protected:
	duckdb::DuckDB db {nullptr};
	duckdb::unique_ptr<DuckdbMetadataConnection> connection;

	void SetUp() override {
		duckdb::Connection con(db);
		ASSERT_FALSE(con.Query("ATTACH ':memory:' AS meta")->HasError());
		connection = duckdb::make_uniq<DuckdbMetadataConnection>(*db.instance, "meta", "main", ":memory:");
		CatalogInitializer(*connection).Initialize("data/", "DuckDB test");
		// Table 1 (ts column 1, region column 2): partitioning 2 = (year(ts), region) for files 0..3,
		// then partitioning 3 = (month(ts)) for file 4, then file 5 written unpartitioned.
		connection->Query(
		    "INSERT INTO meta.ducklake_partition_info VALUES (2, 1, 1, 2), (3, 1, 2, NULL);"
		    "INSERT INTO meta.ducklake_partition_column VALUES (2, 1, 0, 1, 'year'), (2, 1, 1, 2, 'identity'), "
		    "(3, 1, 0, 1, 'month');"
		    "INSERT INTO meta.ducklake_data_file (data_file_id, table_id, begin_snapshot, path, path_is_relative, "
		    "record_count, file_size_bytes, row_id_start, partition_id) VALUES "
		    "(0, 1, 1, 'year=2023/region=eu/a.parquet', true, 1, 1, 0, 2), "
		    "(1, 1, 1, 'year=2024/region=eu/b.parquet', true, 1, 1, 1, 2), "
		    "(2, 1, 1, 'year=2024/region=us/c.parquet', true, 1, 1, 2, 2), "
		    "(3, 1, 1, 'year=2025/region=NULL/d.parquet', true, 1, 1, 3, 2), "
		    "(4, 1, 2, 'month=5/e.parquet', true, 1, 1, 4, 3), "
		    "(5, 1, 3, 'f.parquet', true, 1, 1, 5, NULL);"
		    "INSERT INTO meta.ducklake_file_partition_value VALUES (0, 1, 0, '2023'), (0, 1, 1, 'eu'), "
		    "(1, 1, 0, '2024'), (1, 1, 1, 'eu'), (2, 1, 0, '2024'), (2, 1, 1, 'us'), (3, 1, 0, '2025'), "
		    "(3, 1, 1, NULL), (4, 1, 0, '5');");
	}

	std::vector<int64_t> Listed(std::vector<PartitionBound> bounds) {
		ScanFileQuery query;
		query.partition_bounds = std::move(bounds);
		std::vector<int64_t> ids;
		for (auto &file : FileLister(*connection).ListScanFiles(1, 3, query)) {
			ids.push_back(file.data_file.data_file_id);
		}
		return ids;
	}
};

TEST_F(PartitionListingFixture, WithoutBoundsEveryFileIsListed) {
	EXPECT_EQ(Listed({}), (std::vector<int64_t> {0, 1, 2, 3, 4, 5}));
}

TEST_F(PartitionListingFixture, IdentityTextEqualityPrunesOtherValues) {
	// NULL values and files of partitionings without the key stay listed.
	EXPECT_EQ(Listed({TextBound(2, "eu")}), (std::vector<int64_t> {0, 1, 3, 4, 5}));
}

TEST_F(PartitionListingFixture, YearRangesPruneByTheYearValue) {
	EXPECT_EQ(Listed({IntegerBound(1, "year", PartitionBound::Comparison::GREATER_THAN_OR_EQUAL, 2024)}),
	          (std::vector<int64_t> {1, 2, 3, 4, 5}));
	EXPECT_EQ(Listed({IntegerBound(1, "year", PartitionBound::Comparison::LESS_THAN_OR_EQUAL, 2024)}),
	          (std::vector<int64_t> {0, 1, 2, 4, 5}));
	EXPECT_EQ(Listed({IntegerBound(1, "year", PartitionBound::Comparison::EQUAL, 2024)}),
	          (std::vector<int64_t> {1, 2, 4, 5}));
}

TEST_F(PartitionListingFixture, BoundsOnSeveralKeysCombine) {
	EXPECT_EQ(Listed({IntegerBound(1, "year", PartitionBound::Comparison::EQUAL, 2024), TextBound(2, "us"),
	                  IntegerBound(1, "month", PartitionBound::Comparison::EQUAL, 6)}),
	          (std::vector<int64_t> {2, 5}));
}

TEST_F(PartitionListingFixture, BoundsOfAnotherColumnOrTransformPruneNothing) {
	EXPECT_EQ(Listed({IntegerBound(1, "day", PartitionBound::Comparison::EQUAL, 1)}),
	          (std::vector<int64_t> {0, 1, 2, 3, 4, 5}));
	EXPECT_EQ(Listed({TextBound(7, "eu")}), (std::vector<int64_t> {0, 1, 2, 3, 4, 5}));
}

} // namespace ducklake
