#include "metadata/partition_bounds.hpp"

#include "duckdb/parser/keyword_helper.hpp"

namespace ducklake {

namespace {

std::string Text(const std::string &text) {
	return duckdb::KeywordHelper::WriteQuoted(text, '\'');
}

const char *ComparisonText(PartitionBound::Comparison comparison) {
	switch (comparison) {
	case PartitionBound::Comparison::EQUAL:
		return "=";
	case PartitionBound::Comparison::LESS_THAN_OR_EQUAL:
		return "<=";
	case PartitionBound::Comparison::GREATER_THAN_OR_EQUAL:
		return ">=";
	case PartitionBound::Comparison::IN:
		return " IN ";
	}
	return "?";
}

//! Condition on one partition value row (aliases pv, pc) that is true when it rules `bound` out.
std::string ExcludedBy(const PartitionBound &bound) {
	auto key = "pc.column_id = " + std::to_string(bound.column_id) + " AND pc.\"transform\" = " + Text(bound.transform);
	if (bound.comparison == PartitionBound::Comparison::IN) {
		std::string list;
		if (bound.is_integer) {
			for (auto value : bound.integer_values) {
				list += (list.empty() ? "" : ", ") + std::to_string(value);
			}
			return "(CAST(CASE WHEN " + key + " THEN pv.partition_value END AS BIGINT) NOT IN (" + list + "))";
		}
		for (auto &value : bound.text_values) {
			list += (list.empty() ? "" : ", ") + Text(value);
		}
		return "(" + key + " AND pv.partition_value NOT IN (" + list + "))";
	}
	if (!bound.is_integer) {
		return "(" + key + " AND pv.partition_value <> " + Text(bound.text_value) + ")";
	}
	auto value = "CAST(CASE WHEN " + key + " THEN pv.partition_value END AS BIGINT)";
	auto constant = std::to_string(bound.integer_value);
	switch (bound.comparison) {
	case PartitionBound::Comparison::EQUAL:
		return "(" + value + " <> " + constant + ")";
	case PartitionBound::Comparison::LESS_THAN_OR_EQUAL:
		return "(" + value + " > " + constant + ")";
	case PartitionBound::Comparison::GREATER_THAN_OR_EQUAL:
		return "(" + value + " < " + constant + ")";
	case PartitionBound::Comparison::IN:
		break; // handled above
	}
	return "false";
}

} // namespace

std::string PartitionBound::Key() const {
	std::string value;
	if (comparison == Comparison::IN) {
		for (auto integer : integer_values) {
			value += std::to_string(integer) + ",";
		}
		for (auto &text : text_values) {
			value += Text(text) + ",";
		}
	} else {
		value = is_integer ? std::to_string(integer_value) : "'" + text_value + "'";
	}
	return "p" + std::to_string(column_id) + transform + ComparisonText(comparison) + value + ";";
}

std::string PartitionBoundsSQL(const std::vector<PartitionBound> &bounds, int64_t table_id,
                               const std::string &file_alias, const std::string &value_table,
                               const std::string &file_table, const std::string &column_table) {
	if (bounds.empty()) {
		return std::string();
	}
	std::string excluded;
	for (auto &bound : bounds) {
		excluded += (excluded.empty() ? "" : " OR ") + ExcludedBy(bound);
	}
	// One uncorrelated anti-join, like the stats bounds (file_lister.cpp): the key of a value row
	// is read through the partitioning its file was written with.
	auto id = std::to_string(table_id);
	return file_alias + ".data_file_id NOT IN (SELECT pv.data_file_id FROM " + value_table + " pv JOIN " + file_table +
	       " pf ON pf.data_file_id = pv.data_file_id JOIN " + column_table +
	       " pc ON pc.partition_id = pf.partition_id AND pc.partition_key_index = pv.partition_key_index AND "
	       "pc.table_id = " +
	       id + " WHERE pv.table_id = " + id + " AND pv.data_file_id IS NOT NULL AND (" + excluded + "))";
}

} // namespace ducklake
