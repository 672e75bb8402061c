#include "storage/missing_struct_filter.hpp"

#include "duckdb/planner/filter/conjunction_filter.hpp"
#include "duckdb/planner/filter/constant_filter.hpp"
#include "duckdb/planner/filter/null_filter.hpp"
#include "duckdb/planner/filter/struct_filter.hpp"

#include <gtest/gtest.h>

namespace ducklake {

using namespace duckdb; // NOLINT: test builds DuckDB table filters

namespace {

unique_ptr<TableFilter> FieldEquals(int32_t value) {
	return make_uniq<StructFilter>(0, "f", make_uniq<ConstantFilter>(ExpressionType::COMPARE_EQUAL, Value(value)));
}

} // namespace

TEST(MissingStructFilter, ComparisonsOnFieldsOfANullStructFail) {
	EXPECT_EQ(EvaluateFilterOnNull(*FieldEquals(1)), NullFilterOutcome::FAILS);
	StructFilter not_null(0, "f", make_uniq<IsNotNullFilter>());
	EXPECT_EQ(EvaluateFilterOnNull(not_null), NullFilterOutcome::FAILS);
}

TEST(MissingStructFilter, IsNullOnAFieldPassesAndDecidesOr) {
	StructFilter is_null(0, "f", make_uniq<IsNullFilter>());
	EXPECT_EQ(EvaluateFilterOnNull(is_null), NullFilterOutcome::PASSES);
	ConjunctionOrFilter either;
	either.child_filters.push_back(FieldEquals(1));
	either.child_filters.push_back(make_uniq<StructFilter>(0, "f", make_uniq<IsNullFilter>()));
	EXPECT_EQ(EvaluateFilterOnNull(either), NullFilterOutcome::PASSES);
	ConjunctionAndFilter both;
	both.child_filters.push_back(make_uniq<StructFilter>(0, "f", make_uniq<IsNullFilter>()));
	both.child_filters.push_back(FieldEquals(1));
	EXPECT_EQ(EvaluateFilterOnNull(both), NullFilterOutcome::FAILS);
}

} // namespace ducklake
