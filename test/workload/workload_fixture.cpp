#include "workload_fixture.hpp"

#include "workload/taxi_generator.hpp"
#include "workload/taxi_schema.hpp"
#include "workload/taxi_source.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>

namespace ducklake {

void WorkloadTest::SetUp() {
	char pattern[] = "/tmp/ducklake-workload-XXXXXX";
	ASSERT_NE(mkdtemp(pattern), nullptr);
	scratch = pattern;
	database = duckdb::make_uniq<duckdb::DuckDB>(nullptr);
	connection = duckdb::make_uniq<duckdb::Connection>(*database);
}

void WorkloadTest::TearDown() {
	connection.reset();
	database.reset();
	std::error_code ignored;
	std::filesystem::remove_all(scratch, ignored);
}

duckdb::unique_ptr<duckdb::MaterializedQueryResult> WorkloadTest::Query(const std::string &sql) {
	auto result = connection->Query(sql);
	EXPECT_FALSE(result->HasError()) << result->GetError() << "\nin: " << sql.substr(0, 400);
	return result;
}

std::string WorkloadTest::Scalar(const std::string &sql) {
	auto result = Query(sql);
	if (result->HasError() || result->RowCount() == 0) {
		return "<no value>";
	}
	return result->GetValue(0, 0).ToString();
}

std::string WorkloadTest::WriteGeneratedMonth(const std::string &directory, const YearMonth &month, uint64_t rows,
                                              uint64_t seed) {
	std::filesystem::create_directories(directory);
	TaxiGeneratorSpec spec;
	spec.month = month;
	spec.seed = seed;
	spec.row_count = rows;
	auto path = directory + "/" + TaxiFileName(month);
	Query("COPY (" + TaxiGeneratorQuery(spec) + ") TO " + QuoteLiteral(path) + " (FORMAT parquet)");
	return path;
}

::testing::AssertionResult ResultsMatch(duckdb::MaterializedQueryResult &actual,
                                        duckdb::MaterializedQueryResult &expected, double tolerance) {
	if (actual.HasError() || expected.HasError()) {
		return ::testing::AssertionFailure() << "query failed: " << (actual.HasError() ? actual.GetError() : "")
		                                     << (expected.HasError() ? expected.GetError() : "");
	}
	if (actual.RowCount() != expected.RowCount() || actual.ColumnCount() != expected.ColumnCount()) {
		return ::testing::AssertionFailure() << "shape " << actual.RowCount() << "x" << actual.ColumnCount()
		                                     << " != expected " << expected.RowCount() << "x" << expected.ColumnCount();
	}
	if (actual.RowCount() == 0) {
		return ::testing::AssertionFailure() << "both results are empty: the comparison would prove nothing";
	}
	for (idx_t row_idx = 0; row_idx < actual.RowCount(); row_idx++) {
		for (idx_t column_idx = 0; column_idx < actual.ColumnCount(); column_idx++) {
			auto left = actual.GetValue(column_idx, row_idx);
			auto right = expected.GetValue(column_idx, row_idx);
			bool numeric = left.type().IsNumeric() && right.type().IsNumeric() && !left.IsNull() && !right.IsNull();
			bool equal = numeric ? std::fabs(left.GetValue<double>() - right.GetValue<double>()) <= tolerance
			                     : left.ToString() == right.ToString();
			if (!equal) {
				return ::testing::AssertionFailure() << "row " << row_idx << " column " << actual.names[column_idx]
				                                     << ": " << left.ToString() << " != expected " << right.ToString();
			}
		}
	}
	return ::testing::AssertionSuccess();
}

} // namespace ducklake
