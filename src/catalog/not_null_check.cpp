#include "catalog/not_null_check.hpp"

#include "metadata/ducklake_type.hpp"

namespace ducklake {

std::string FindNotNullViolation(const std::vector<ColumnRecord> &columns,
                                 const std::vector<std::vector<FileColumnStatsRecord>> &file_stats) {
	for (auto &column : columns) {
		if (column.parent_column >= 0 || column.nulls_allowed || IsDucklakeNestedType(column.type)) {
			continue;
		}
		for (auto &stats : file_stats) {
			bool clean = false;
			for (auto &column_stats : stats) {
				if (column_stats.column_id == column.column_id && !column_stats.null_count.IsNull() &&
				    column_stats.null_count.GetValue<int64_t>() == 0) {
					clean = true;
				}
			}
			if (!clean) {
				return column.name;
			}
		}
	}
	return std::string();
}

} // namespace ducklake
