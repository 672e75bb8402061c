#include "storage/inlined_data_scan.hpp"

#include "storage/column_tree.hpp"

#include "duckdb/common/multi_file/multi_file_reader.hpp"
#include "duckdb/planner/table_filter_state.hpp"
#include "duckdb/storage/table/column_segment.hpp"

#include <algorithm>

namespace ducklake {

using namespace duckdb; // NOLINT: implementation file built on DuckDB's multi-file reader API

const char *const inlined_data_path_prefix = "ducklake-inlined-data://";

bool IsInlinedDataPath(const std::string &path) {
	return path.rfind(inlined_data_path_prefix, 0) == 0;
}

shared_ptr<const InlinedScanData> BuildInlinedScanData(const std::vector<ColumnRecord> &table_columns,
                                                       const std::vector<int64_t> &stored_column_ids,
                                                       const std::vector<std::vector<Value>> &rows,
                                                       const std::vector<int64_t> &row_numbers) {
	auto result = make_shared_ptr<InlinedScanData>();
	auto schema = BuildScanSchema(table_columns);
	// For each reader column: which stored value feeds it.
	std::vector<size_t> value_indexes;
	vector<LogicalType> types;
	for (auto &column : schema) {
		auto column_id = column.identifier.GetValue<int64_t>();
		auto stored = std::find(stored_column_ids.begin(), stored_column_ids.end(), column_id);
		if (stored == stored_column_ids.end()) {
			continue; // added after these rows were written: the scan fills in its initial_default
		}
		value_indexes.push_back(static_cast<size_t>(stored - stored_column_ids.begin()));
		types.push_back(column.type);
		result->columns.push_back(column);
	}
	types.push_back(LogicalType::BIGINT);
	result->rows = make_uniq<ColumnDataCollection>(Allocator::DefaultAllocator(), types);
	DataChunk chunk;
	chunk.Initialize(Allocator::DefaultAllocator(), types);
	for (size_t row_idx = 0; row_idx < rows.size(); row_idx++) {
		auto out_idx = chunk.size();
		for (size_t column_idx = 0; column_idx < value_indexes.size(); column_idx++) {
			auto &value = rows[row_idx][value_indexes[column_idx]];
			chunk.SetValue(column_idx, out_idx, value.DefaultCastAs(types[column_idx]));
		}
		chunk.SetValue(value_indexes.size(), out_idx, Value::BIGINT(row_numbers[row_idx]));
		chunk.SetCardinality(out_idx + 1);
		if (chunk.size() == STANDARD_VECTOR_SIZE) {
			result->rows->Append(chunk);
			chunk.Reset();
		}
	}
	if (chunk.size() > 0) {
		result->rows->Append(chunk);
	}
	return result;
}

InlinedDataFileReader::InlinedDataFileReader(OpenFileInfo file_p, shared_ptr<const InlinedScanData> data_p,
                                             std::vector<int64_t> deleted_row_numbers_p)
    : BaseFileReader(std::move(file_p)), data(std::move(data_p)),
      deleted_row_numbers(std::move(deleted_row_numbers_p)) {
	columns = data->columns;
}

void InlinedDataFileReader::AddVirtualColumn(column_t virtual_column_id) {
	if (virtual_column_id != MultiFileReader::COLUMN_IDENTIFIER_FILE_ROW_NUMBER) {
		throw NotImplementedException("DuckLake inlined data cannot produce virtual column %llu", virtual_column_id);
	}
	// The column mapper appended the column to `columns`; Scan serves every such column from the
	// row numbers.
}

bool InlinedDataFileReader::TryInitializeScan(ClientContext &context, GlobalTableFunctionState &gstate,
                                              LocalTableFunctionState &lstate) {
	lock_guard<mutex> guard(lock);
	if (scan_started) {
		return false;
	}
	scan_started = true;
	data->rows->InitializeScan(scan_state);
	data->rows->InitializeScanChunk(scan_chunk);
	return true;
}

void InlinedDataFileReader::Scan(ClientContext &context, GlobalTableFunctionState &global_state,
                                 LocalTableFunctionState &local_state, DataChunk &chunk) {
	auto row_number_idx = data->columns.size();
	chunk.Reset();
	while (true) {
		scan_chunk.Reset();
		if (!data->rows->Scan(scan_state, scan_chunk) || scan_chunk.size() == 0) {
			chunk.SetCardinality(0);
			return;
		}
		auto count = scan_chunk.size();
		SelectionVector sel(count);
		idx_t kept = 0;
		auto row_numbers = FlatVector::GetData<int64_t>(scan_chunk.data[row_number_idx]);
		for (idx_t row_idx = 0; row_idx < count; row_idx++) {
			if (!std::binary_search(deleted_row_numbers.begin(), deleted_row_numbers.end(), row_numbers[row_idx])) {
				sel.set_index(kept++, row_idx);
			}
		}
		for (idx_t column_idx = 0; column_idx < column_indexes.size(); column_idx++) {
			auto local_id = column_indexes[column_idx].GetPrimaryIndex();
			auto source = local_id < row_number_idx ? local_id : row_number_idx;
			chunk.data[column_idx].Reference(scan_chunk.data[source]);
		}
		chunk.SetCardinality(count);
		if (filters) {
			for (auto &entry : filters->filters) {
				if (kept == 0) {
					break;
				}
				auto &vector = chunk.data[entry.first];
				UnifiedVectorFormat format;
				vector.ToUnifiedFormat(count, format);
				auto state = TableFilterState::Initialize(context, *entry.second);
				ColumnSegment::FilterSelection(sel, vector, format, *entry.second, *state, count, kept);
			}
		}
		if (kept == 0) {
			chunk.Reset();
			continue;
		}
		if (kept < count) {
			chunk.Slice(sel, kept);
		}
		return;
	}
}

} // namespace ducklake
