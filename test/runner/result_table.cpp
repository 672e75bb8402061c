#include "result_table.hpp"

#include "duckdb/common/crypto/md5.hpp"

#include <algorithm>

namespace ducklake::sqllogic {

std::string RenderValue(const duckdb::Value &value) {
	if (value.IsNull()) {
		return "NULL";
	}
	auto text = value.ToString();
	if (text.empty()) {
		return "(empty)";
	}
	std::string::size_type pos = 0;
	while ((pos = text.find('\0', pos)) != std::string::npos) {
		text.replace(pos, 1, "\\0");
		pos += 2;
	}
	return text;
}

ResultTable RenderResult(duckdb::MaterializedQueryResult &result) {
	ResultTable table;
	for (auto &name : result.names) {
		table.names.push_back(name);
	}
	for (auto &type : result.types) {
		table.types.push_back(type);
	}
	table.rows.reserve(result.RowCount());
	for (auto &chunk : result.Collection().Chunks()) {
		for (duckdb::idx_t row_idx = 0; row_idx < chunk.size(); row_idx++) {
			ResultRow row;
			row.reserve(chunk.ColumnCount());
			for (duckdb::idx_t column_idx = 0; column_idx < chunk.ColumnCount(); column_idx++) {
				row.push_back(RenderValue(chunk.GetValue(column_idx, row_idx)));
			}
			table.rows.push_back(std::move(row));
		}
	}
	return table;
}

void SortRows(std::vector<ResultRow> &rows, SortMode mode) {
	switch (mode) {
	case SortMode::NO_SORT:
		return;
	case SortMode::ROW_SORT:
		std::sort(rows.begin(), rows.end());
		return;
	case SortMode::VALUE_SORT: {
		std::vector<std::string> values;
		for (auto &row : rows) {
			for (auto &value : row) {
				values.push_back(std::move(value));
			}
		}
		std::sort(values.begin(), values.end());
		uint64_t value_idx = 0;
		for (auto &row : rows) {
			for (auto &value : row) {
				value = std::move(values[value_idx++]);
			}
		}
		return;
	}
	}
}

std::string HashRows(const std::vector<ResultRow> &rows) {
	duckdb::MD5Context context;
	uint64_t value_count = 0;
	for (auto &row : rows) {
		for (auto &value : row) {
			context.Add(value);
			context.Add("\n");
			value_count++;
		}
	}
	return std::to_string(value_count) + " values hashing to " + context.FinishHex();
}

std::string JoinRow(const ResultRow &row) {
	std::string text;
	for (uint64_t column_idx = 0; column_idx < row.size(); column_idx++) {
		if (column_idx > 0) {
			text += '\t';
		}
		text += row[column_idx];
	}
	return text;
}

} // namespace ducklake::sqllogic
