#include "storage/partition_filter.hpp"

#include "storage/column_stats.hpp"

#include "duckdb/common/types/date.hpp"
#include "duckdb/common/types/time.hpp"
#include "duckdb/common/types/timestamp.hpp"
#include "duckdb/planner/filter/conjunction_filter.hpp"
#include "duckdb/planner/filter/constant_filter.hpp"
#include "duckdb/planner/filter/in_filter.hpp"
#include "duckdb/planner/filter/optional_filter.hpp"

#include <algorithm>

namespace ducklake {

using namespace duckdb; // NOLINT: implementation file over DuckDB's filter types

namespace {

bool HasExactText(const LogicalType &type) {
	switch (type.id()) {
	case LogicalTypeId::VARCHAR:
	case LogicalTypeId::DATE:
	case LogicalTypeId::TIMESTAMP:
	case LogicalTypeId::BOOLEAN:
		return true;
	default:
		return false;
	}
}

bool IsCalendarType(const LogicalType &type) {
	switch (type.id()) {
	case LogicalTypeId::DATE:
	case LogicalTypeId::TIMESTAMP:
	case LogicalTypeId::TIMESTAMP_SEC:
	case LogicalTypeId::TIMESTAMP_MS:
	case LogicalTypeId::TIMESTAMP_NS:
		return true;
	default:
		return false;
	}
}

//! The calendar part `transform` of a DATE/TIMESTAMP constant, as DuckDB's function of that name
//! computes it; false for infinities and values that do not convert.
bool CalendarPart(const Value &constant, const std::string &transform, int64_t &part) {
	Value as_timestamp;
	string error;
	if (!constant.DefaultTryCastAs(LogicalType::TIMESTAMP, as_timestamp, &error) || as_timestamp.IsNull()) {
		return false;
	}
	auto timestamp = as_timestamp.GetValue<timestamp_t>();
	if (!Timestamp::IsFinite(timestamp)) {
		return false;
	}
	date_t date;
	dtime_t time;
	Timestamp::Convert(timestamp, date, time);
	if (transform == "year") {
		part = Date::ExtractYear(date);
	} else if (transform == "month") {
		part = Date::ExtractMonth(date);
	} else if (transform == "day") {
		part = Date::ExtractDay(date);
	} else if (transform == "hour") {
		int32_t hour, minute, second, micros;
		Time::Convert(time, hour, minute, second, micros);
		part = hour;
	} else {
		return false;
	}
	return true;
}

void AddComparison(const ConstantFilter &constant, int64_t column_id, const LogicalType &type,
                   const PartitionKeyRecord &key, std::vector<PartitionBound> &bounds) {
	auto &value = constant.constant;
	if (value.IsNull()) {
		return;
	}
	PartitionBound bound;
	bound.column_id = column_id;
	bound.transform = key.transform;
	bool equal = constant.comparison_type == ExpressionType::COMPARE_EQUAL;
	bool upper = constant.comparison_type == ExpressionType::COMPARE_LESSTHAN ||
	             constant.comparison_type == ExpressionType::COMPARE_LESSTHANOREQUALTO;
	bool lower = constant.comparison_type == ExpressionType::COMPARE_GREATERTHAN ||
	             constant.comparison_type == ExpressionType::COMPARE_GREATERTHANOREQUALTO;
	if (!equal && !upper && !lower) {
		return;
	}
	// Strict comparisons bound the value non-strictly: a value equal to the constant may sit in a
	// key value shared with larger or smaller ones.
	bound.comparison = equal   ? PartitionBound::Comparison::EQUAL
	                   : upper ? PartitionBound::Comparison::LESS_THAN_OR_EQUAL
	                           : PartitionBound::Comparison::GREATER_THAN_OR_EQUAL;
	if (key.transform == "identity") {
		if (HasIntegerStats(type)) {
			Value as_bigint;
			string error;
			if (!value.DefaultTryCastAs(LogicalType::BIGINT, as_bigint, &error)) {
				return;
			}
			bound.integer_value = as_bigint.GetValue<int64_t>();
			if (constant.comparison_type == ExpressionType::COMPARE_LESSTHAN) {
				bound.integer_value--; // integers: v < c is v <= c - 1
			} else if (constant.comparison_type == ExpressionType::COMPARE_GREATERTHAN) {
				bound.integer_value++;
			}
			bounds.push_back(bound);
		} else if (equal && HasExactText(type) && value.type() == type) {
			bound.is_integer = false;
			bound.text_value = value.ToString();
			bounds.push_back(bound);
		}
		return;
	}
	if (!IsCalendarType(type) || (!equal && key.transform != "year")) {
		return;
	}
	if (!CalendarPart(value, key.transform, bound.integer_value)) {
		return;
	}
	bounds.push_back(bound);
}

//! The most values an IN list may have to become a bound (IN filters also come from hash joins).
constexpr size_t in_values_max = 1000;

void AddIn(const InFilter &in, int64_t column_id, const LogicalType &type, const PartitionKeyRecord &key,
           std::vector<PartitionBound> &bounds) {
	if (in.values.empty() || in.values.size() > in_values_max) {
		return;
	}
	PartitionBound bound;
	bound.column_id = column_id;
	bound.transform = key.transform;
	bound.comparison = PartitionBound::Comparison::IN;
	for (auto &value : in.values) {
		if (value.IsNull()) {
			return;
		}
		int64_t integer = 0;
		if (key.transform == "identity" && HasIntegerStats(type)) {
			Value as_bigint;
			string error;
			if (!value.DefaultTryCastAs(LogicalType::BIGINT, as_bigint, &error)) {
				return;
			}
			integer = as_bigint.GetValue<int64_t>();
		} else if (key.transform == "identity") {
			if (!HasExactText(type) || value.type() != type) {
				return;
			}
			bound.is_integer = false;
			bound.text_values.push_back(value.ToString());
			continue;
		} else if (!IsCalendarType(type) || !CalendarPart(value, key.transform, integer)) {
			return;
		}
		if (std::find(bound.integer_values.begin(), bound.integer_values.end(), integer) ==
		    bound.integer_values.end()) {
			bound.integer_values.push_back(integer);
		}
	}
	std::sort(bound.integer_values.begin(), bound.integer_values.end());
	std::sort(bound.text_values.begin(), bound.text_values.end());
	bounds.push_back(std::move(bound));
}

void Collect(const TableFilter &filter, int64_t column_id, const LogicalType &type, const PartitionKeyRecord &key,
             std::vector<PartitionBound> &bounds) {
	switch (filter.filter_type) {
	case TableFilterType::CONSTANT_COMPARISON:
		AddComparison(filter.Cast<ConstantFilter>(), column_id, type, key, bounds);
		return;
	case TableFilterType::CONJUNCTION_AND:
		for (auto &child : filter.Cast<ConjunctionAndFilter>().child_filters) {
			Collect(*child, column_id, type, key, bounds);
		}
		return;
	case TableFilterType::IN_FILTER:
		AddIn(filter.Cast<InFilter>(), column_id, type, key, bounds);
		return;
	case TableFilterType::OPTIONAL_FILTER: {
		// A hint the scan may ignore, but every returned row still satisfies it: the filter it
		// stands for is applied above the scan.
		auto &child = filter.Cast<OptionalFilter>().child_filter;
		if (child) {
			Collect(*child, column_id, type, key, bounds);
		}
		return;
	}
	default:
		return;
	}
}

} // namespace

void CollectPartitionBounds(const TableFilter &filter, int64_t column_id, const LogicalType &type,
                            const std::vector<PartitionKeyRecord> &keys, std::vector<PartitionBound> &bounds) {
	std::vector<std::string> seen;
	for (auto &key : keys) {
		if (key.column_id != column_id || std::find(seen.begin(), seen.end(), key.transform) != seen.end()) {
			continue;
		}
		seen.push_back(key.transform);
		Collect(filter, column_id, type, key, bounds);
	}
}

} // namespace ducklake
