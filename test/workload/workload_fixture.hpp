//===----------------------------------------------------------------------===//
// Shared pieces of the workload tests: a scratch directory removed at the end of each test,
// an in-memory DuckDB, writing generated months as TLC-named Parquet files, and comparing two
// query results cell by cell (doubles within a tolerance, everything else exactly).
//===----------------------------------------------------------------------===//

#pragma once

#include "duckdb.hpp"
#include "workload/month_range.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ducklake {

class WorkloadTest : public ::testing::Test {
protected:
	void SetUp() override;
	void TearDown() override;

	//! Runs SQL that must succeed.
	duckdb::unique_ptr<duckdb::MaterializedQueryResult> Query(const std::string &sql);
	//! Writes `directory/yellow_tripdata_YYYY-MM.parquet` from the generator (seed, rows).
	std::string WriteGeneratedMonth(const std::string &directory, const YearMonth &month, uint64_t rows, uint64_t seed);
	//! A scalar as text.
	std::string Scalar(const std::string &sql);

	std::string scratch;
	duckdb::unique_ptr<duckdb::DuckDB> database;
	duckdb::unique_ptr<duckdb::Connection> connection;
};

//! Same shape, same values; DOUBLE cells may differ by `tolerance` (sums in another order).
::testing::AssertionResult ResultsMatch(duckdb::MaterializedQueryResult &actual,
                                        duckdb::MaterializedQueryResult &expected, double tolerance = 0.011);

} // namespace ducklake
