#include "storage/column_stats.hpp"

#include "duckdb/common/types/value.hpp"

namespace ducklake {

using duckdb::LogicalType;
using duckdb::LogicalTypeId;
using duckdb::Value;

namespace {

bool IsFloating(const LogicalType &type) {
	return type.id() == LogicalTypeId::FLOAT || type.id() == LogicalTypeId::DOUBLE;
}

bool ComparesAsText(const LogicalType &type) {
	return type.id() == LogicalTypeId::VARCHAR || type.id() == LogicalTypeId::BLOB || type.IsJSONType();
}

} // namespace

int CompareStatsValues(const std::string &left, const std::string &right, const LogicalType &type) {
	if (!ComparesAsText(type)) {
		Value left_value, right_value;
		std::string error;
		if (Value(left).DefaultTryCastAs(type, left_value, &error) &&
		    Value(right).DefaultTryCastAs(type, right_value, &error)) {
			if (left_value < right_value) {
				return -1;
			}
			return left_value > right_value ? 1 : 0;
		}
	}
	return left < right ? -1 : (left > right ? 1 : 0);
}

std::vector<FileColumnStatsRecord> FileStatsFromWriter(const Value &column_statistics,
                                                       const std::unordered_map<std::string, LeafColumn> &leaves,
                                                       int64_t record_count) {
	std::unordered_map<std::string, std::unordered_map<std::string, std::string>> by_key;
	if (!column_statistics.IsNull()) {
		for (auto &entry : duckdb::MapValue::GetChildren(column_statistics)) {
			auto &pair = duckdb::StructValue::GetChildren(entry);
			auto &values = by_key[pair[0].ToString()];
			if (pair[1].IsNull()) {
				continue;
			}
			for (auto &stat : duckdb::MapValue::GetChildren(pair[1])) {
				auto &stat_pair = duckdb::StructValue::GetChildren(stat);
				if (!stat_pair[1].IsNull()) {
					values[stat_pair[0].ToString()] = stat_pair[1].ToString();
				}
			}
		}
	}
	std::vector<FileColumnStatsRecord> result;
	for (auto &leaf_entry : leaves) {
		auto &leaf = leaf_entry.second;
		FileColumnStatsRecord stats;
		stats.column_id = leaf.column_id;
		auto found = by_key.find(leaf_entry.first);
		std::unordered_map<std::string, std::string> empty;
		auto &values = found == by_key.end() ? empty : found->second;
		auto get = [&](const char *name, std::string &out) {
			auto it = values.find(name);
			if (it == values.end()) {
				return false;
			}
			out = it->second;
			return true;
		};
		std::string text;
		stats.column_size_bytes = Value::BIGINT(get("column_size_bytes", text) ? std::stoll(text) : 0);
		if (leaf.under_repeated) {
			stats.value_count = Value(LogicalType::BIGINT);
			stats.null_count = Value(LogicalType::BIGINT);
		} else {
			int64_t null_count = get("null_count", text) ? std::stoll(text) : 0;
			stats.null_count = Value::BIGINT(null_count);
			stats.value_count = Value::BIGINT(record_count - null_count);
		}
		if (get("min", text)) {
			stats.min_value = Value(text);
		}
		if (get("max", text)) {
			stats.max_value = Value(text);
		}
		if (IsFloating(leaf.type)) {
			stats.contains_nan = Value::BOOLEAN(get("has_nan", text) && text == "true");
		} else {
			stats.contains_nan = Value(LogicalType::BOOLEAN);
		}
		result.push_back(std::move(stats));
	}
	std::sort(result.begin(), result.end(),
	          [](const FileColumnStatsRecord &a, const FileColumnStatsRecord &b) { return a.column_id < b.column_id; });
	return result;
}

void MergeTableColumnStats(std::vector<TableColumnStatsRecord> &table_stats,
                           const std::vector<FileColumnStatsRecord> &file_stats,
                           const std::unordered_map<int64_t, LogicalType> &column_types) {
	for (auto &file : file_stats) {
		auto type_entry = column_types.find(file.column_id);
		auto type = type_entry == column_types.end() ? LogicalType::VARCHAR : type_entry->second;
		TableColumnStatsRecord *target = nullptr;
		for (auto &existing : table_stats) {
			if (existing.column_id == file.column_id) {
				target = &existing;
				break;
			}
		}
		Value file_contains_null = file.null_count.IsNull() ? Value(LogicalType::BOOLEAN)
		                                                    : Value::BOOLEAN(file.null_count.GetValue<int64_t>() > 0);
		if (!target) {
			TableColumnStatsRecord fresh;
			fresh.column_id = file.column_id;
			fresh.contains_null = file_contains_null;
			fresh.contains_nan = file.contains_nan;
			fresh.min_value = file.min_value;
			fresh.max_value = file.max_value;
			table_stats.push_back(std::move(fresh));
			continue;
		}
		auto merge_flag = [](Value &into, const Value &from) {
			if (from.IsNull()) {
				return;
			}
			into = Value::BOOLEAN((!into.IsNull() && into.GetValue<bool>()) || from.GetValue<bool>());
		};
		merge_flag(target->contains_null, file_contains_null);
		merge_flag(target->contains_nan, file.contains_nan);
		if (!file.min_value.IsNull() &&
		    (target->min_value.IsNull() ||
		     CompareStatsValues(file.min_value.ToString(), target->min_value.ToString(), type) < 0)) {
			target->min_value = file.min_value;
		}
		if (!file.max_value.IsNull() &&
		    (target->max_value.IsNull() ||
		     CompareStatsValues(file.max_value.ToString(), target->max_value.ToString(), type) > 0)) {
			target->max_value = file.max_value;
		}
	}
	std::sort(
	    table_stats.begin(), table_stats.end(),
	    [](const TableColumnStatsRecord &a, const TableColumnStatsRecord &b) { return a.column_id < b.column_id; });
}

bool HasIntegerStats(const LogicalType &type) {
	switch (type.id()) {
	case LogicalTypeId::TINYINT:
	case LogicalTypeId::SMALLINT:
	case LogicalTypeId::INTEGER:
	case LogicalTypeId::BIGINT:
	case LogicalTypeId::UTINYINT:
	case LogicalTypeId::USMALLINT:
	case LogicalTypeId::UINTEGER:
		return true;
	default:
		return false;
	}
}

bool HasMinMaxStats(const LogicalType &type) {
	if (HasIntegerStats(type)) {
		return true;
	}
	switch (type.id()) {
	case LogicalTypeId::UBIGINT:
	case LogicalTypeId::FLOAT:
	case LogicalTypeId::DOUBLE:
	case LogicalTypeId::DECIMAL:
	case LogicalTypeId::DATE:
	case LogicalTypeId::TIME:
	case LogicalTypeId::TIMESTAMP:
	case LogicalTypeId::TIMESTAMP_TZ:
	case LogicalTypeId::TIMESTAMP_SEC:
	case LogicalTypeId::TIMESTAMP_MS:
	case LogicalTypeId::TIMESTAMP_NS:
	case LogicalTypeId::VARCHAR:
	case LogicalTypeId::BLOB:
	case LogicalTypeId::UUID:
		return true;
	default:
		return false;
	}
}

} // namespace ducklake
