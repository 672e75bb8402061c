#include "storage/ducklake_scan.hpp"

#include "storage/column_stats.hpp"
#include "storage/column_tree.hpp"
#include "storage/missing_struct_filter.hpp"

#include "duckdb/catalog/catalog.hpp"
#include "duckdb/catalog/catalog_entry/table_function_catalog_entry.hpp"
#include "duckdb/common/multi_file/multi_file_list.hpp"
#include "duckdb/common/multi_file/multi_file_reader.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/main/connection.hpp"
#include "duckdb/parser/keyword_helper.hpp"
#include "duckdb/parser/tableref/table_function_ref.hpp"
#include "duckdb/planner/filter/constant_filter.hpp"
#include "duckdb/planner/filter/conjunction_filter.hpp"
#include "duckdb/planner/table_filter.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implementation file built entirely on DuckDB's multi-file API

namespace {

//! Whether a file's stats for one column can satisfy a table filter; true when unknown.
bool FilterMayMatch(const TableFilter &filter, const FileColumnStatsRecord &stats, const LogicalType &type) {
	switch (filter.filter_type) {
	case TableFilterType::CONSTANT_COMPARISON: {
		auto &constant = filter.Cast<ConstantFilter>();
		if (stats.min_value.IsNull() || stats.max_value.IsNull() || constant.constant.IsNull()) {
			return true;
		}
		if (type.id() == LogicalTypeId::FLOAT || type.id() == LogicalTypeId::DOUBLE) {
			return true; // NaN is not in min/max: never prune floats
		}
		Value min_value, max_value;
		string error;
		if (!Value(stats.min_value.ToString()).DefaultTryCastAs(constant.constant.type(), min_value, &error) ||
		    !Value(stats.max_value.ToString()).DefaultTryCastAs(constant.constant.type(), max_value, &error)) {
			return true;
		}
		auto &value = constant.constant;
		switch (constant.comparison_type) {
		case ExpressionType::COMPARE_EQUAL:
			return !(value < min_value) && !(value > max_value);
		case ExpressionType::COMPARE_GREATERTHAN:
			return max_value > value;
		case ExpressionType::COMPARE_GREATERTHANOREQUALTO:
			return max_value >= value;
		case ExpressionType::COMPARE_LESSTHAN:
			return min_value < value;
		case ExpressionType::COMPARE_LESSTHANOREQUALTO:
			return min_value <= value;
		default:
			return true;
		}
	}
	case TableFilterType::CONJUNCTION_AND: {
		auto &conjunction = filter.Cast<ConjunctionAndFilter>();
		for (auto &child : conjunction.child_filters) {
			if (!FilterMayMatch(*child, stats, type)) {
				return false;
			}
		}
		return true;
	}
	default:
		return true;
	}
}

//! Skips the rows of one data file whose positions a delete file lists.
class PositionalDeleteFilter : public DeleteFilter {
public:
	explicit PositionalDeleteFilter(const std::vector<int64_t> &positions_p) : positions(positions_p) {
	}

	idx_t Filter(row_t start_row_index, idx_t count, SelectionVector &result_sel) override {
		// The reader resets the selection before calling us: give it storage first.
		result_sel.Initialize(STANDARD_VECTOR_SIZE);
		auto next_deleted = std::lower_bound(positions.begin(), positions.end(), start_row_index);
		idx_t kept = 0;
		for (idx_t row_idx = 0; row_idx < count; row_idx++) {
			auto position = start_row_index + static_cast<row_t>(row_idx);
			while (next_deleted != positions.end() && *next_deleted < position) {
				++next_deleted;
			}
			if (next_deleted != positions.end() && *next_deleted == position) {
				continue;
			}
			result_sel.set_index(kept++, row_idx);
		}
		return kept;
	}

private:
	const std::vector<int64_t> &positions;
};

class DucklakeFileList : public MultiFileList {
public:
	DucklakeFileList(shared_ptr<DucklakeScanInfo> info_p, vector<idx_t> selected_p)
	    : MultiFileList(vector<OpenFileInfo> {}, FileGlobOptions::ALLOW_EMPTY), info(std::move(info_p)),
	      selected(std::move(selected_p)) {
	}

	vector<OpenFileInfo> GetAllFiles() override {
		vector<OpenFileInfo> result;
		for (idx_t file_idx = 0; file_idx < selected.size(); file_idx++) {
			result.push_back(GetFile(file_idx));
		}
		return result;
	}
	FileExpandResult GetExpandResult() override {
		if (selected.empty()) {
			return FileExpandResult::NO_FILES;
		}
		// Never SINGLE_FILE: for one file the Parquet scan sizes its threads by the row groups of
		// the reader opened at bind, and we bind without opening one (it would run single-threaded).
		return FileExpandResult::MULTIPLE_FILES;
	}
	idx_t GetTotalFileCount() override {
		return selected.size();
	}
	unique_ptr<NodeStatistics> GetCardinality(ClientContext &context) override {
		idx_t rows = 0;
		for (auto file_idx : selected) {
			rows += static_cast<idx_t>(info->files[file_idx].record_count);
		}
		return make_uniq<NodeStatistics>(rows, rows);
	}
	unique_ptr<MultiFileList> Copy() override {
		return make_uniq<DucklakeFileList>(info, selected);
	}
	unique_ptr<MultiFileList> DynamicFilterPushdown(ClientContext &context, const MultiFileOptions &options,
	                                                const vector<string> &names, const vector<LogicalType> &types,
	                                                const vector<column_t> &column_ids,
	                                                TableFilterSet &filters) const override {
		// Map each filtered column to its DuckLake column id and prune by catalog min/max.
		vector<idx_t> kept;
		for (auto file_idx : selected) {
			auto &file = info->files[file_idx];
			bool may_match = true;
			for (auto &entry : filters.filters) {
				if (entry.first >= column_ids.size()) {
					continue;
				}
				auto column_index = column_ids[entry.first];
				if (column_index >= names.size()) {
					continue;
				}
				auto &name = names[column_index];
				const ColumnRecord *column = nullptr;
				for (auto &record : info->columns) {
					if (record.parent_column < 0 && record.name == name) {
						column = &record;
						break;
					}
				}
				if (!column) {
					continue;
				}
				for (auto &stats : file.column_stats) {
					if (stats.column_id == column->column_id &&
					    !FilterMayMatch(*entry.second, stats, types[column_index])) {
						may_match = false;
					}
				}
				if (!may_match) {
					break;
				}
			}
			if (may_match) {
				kept.push_back(file_idx);
			}
		}
		if (kept.size() == selected.size()) {
			return nullptr;
		}
		return make_uniq<DucklakeFileList>(info, std::move(kept));
	}

protected:
	OpenFileInfo GetFile(idx_t i) override {
		if (i >= selected.size()) {
			return OpenFileInfo("");
		}
		auto &file = info->files[selected[i]];
		OpenFileInfo result(file.path);
		result.extended_info = make_shared_ptr<ExtendedOpenFileInfo>();
		if (!file.footer_size.IsNull()) {
			result.extended_info->options["footer_size"] = Value::UBIGINT(file.footer_size.GetValue<uint64_t>());
		}
		result.extended_info->options["file_size"] = Value::UBIGINT(static_cast<uint64_t>(file.file_size_bytes));
		result.extended_info->options["ducklake_file_index"] = Value::UBIGINT(selected[i]);
		if (!file.deleted_positions.empty()) {
			result.extended_info->options["has_deletes"] = Value::BOOLEAN(true);
		}
		return result;
	}

private:
	shared_ptr<DucklakeScanInfo> info;
	vector<idx_t> selected;
};

class DucklakeMultiFileReader : public MultiFileReader {
public:
	explicit DucklakeMultiFileReader(shared_ptr<DucklakeScanInfo> info_p) : info(std::move(info_p)) {
	}

	static unique_ptr<MultiFileReader> Create(const TableFunction &function) {
		auto info = function.function_info;
		if (!info) {
			throw InternalException("DuckLake scan created without its scan info");
		}
		return make_uniq<DucklakeMultiFileReader>(shared_ptr_cast<TableFunctionInfo, DucklakeScanInfo>(info));
	}

	shared_ptr<MultiFileList> CreateFileList(ClientContext &context, const vector<string> &paths,
	                                         const FileGlobInput &glob_input) override {
		vector<idx_t> all;
		for (idx_t file_idx = 0; file_idx < info->files.size(); file_idx++) {
			all.push_back(file_idx);
		}
		return make_shared_ptr<DucklakeFileList>(info, std::move(all));
	}

	bool Bind(MultiFileOptions &options, MultiFileList &files, vector<LogicalType> &return_types, vector<string> &names,
	          MultiFileReaderBindData &bind_data) override {
		bind_data.schema = BuildScanSchema(info->columns);
		for (auto &column : bind_data.schema) {
			names.push_back(column.name);
			return_types.push_back(column.type);
		}
		bind_data.mapping = MultiFileColumnMappingMode::BY_FIELD_ID;
		return true;
	}

	unique_ptr<MultiFileReaderGlobalState>
	InitializeGlobalState(ClientContext &context, const MultiFileOptions &file_options,
	                      const MultiFileReaderBindData &bind_data, const MultiFileList &file_list,
	                      const vector<MultiFileColumnDefinition> &global_columns,
	                      const vector<ColumnIndex> &global_column_ids) override {
		if (!info->unsupported_reason.empty()) {
			throw NotImplementedException(info->unsupported_reason);
		}
		return MultiFileReader::InitializeGlobalState(context, file_options, bind_data, file_list, global_columns,
		                                              global_column_ids);
	}

	ReaderInitializeType InitializeReader(MultiFileReaderData &reader_data, const MultiFileBindData &bind_data,
	                                      const vector<MultiFileColumnDefinition> &global_columns,
	                                      const vector<ColumnIndex> &global_column_ids,
	                                      optional_ptr<TableFilterSet> table_filters, ClientContext &context,
	                                      MultiFileGlobalState &gstate) override {
		auto &reader = *reader_data.reader;
		if (reader.file.extended_info) {
			auto entry = reader.file.extended_info->options.find("ducklake_file_index");
			if (entry != reader.file.extended_info->options.end()) {
				auto &file = info->files[entry->second.GetValue<uint64_t>()];
				if (!file.deleted_positions.empty()) {
					reader.deletion_filter = make_uniq<PositionalDeleteFilter>(file.deleted_positions);
				}
			}
		}
		unique_ptr<TableFilterSet> adjusted_filters;
		if (table_filters && !AdjustFiltersForMissingStructs(reader.columns, global_columns, global_column_ids,
		                                                     *table_filters, adjusted_filters)) {
			return ReaderInitializeType::SKIP_READING_FILE;
		}
		if (adjusted_filters) {
			table_filters = adjusted_filters.get();
		}
		return MultiFileReader::InitializeReader(reader_data, bind_data, global_columns, global_column_ids,
		                                         table_filters, context, gstate);
	}

	unique_ptr<MultiFileReader> Copy() const override {
		return make_uniq<DucklakeMultiFileReader>(info);
	}

private:
	shared_ptr<DucklakeScanInfo> info;
};

} // namespace

std::vector<int64_t> ReadDeletedPositions(DatabaseInstance &db, const std::string &delete_file_path) {
	Connection connection(db);
	auto result = connection.Query("SELECT pos FROM read_parquet(" +
	                               KeywordHelper::WriteQuoted(delete_file_path, '\'') + ") ORDER BY pos");
	if (result->HasError()) {
		throw IOException("Cannot read DuckLake delete file \"%s\": %s", delete_file_path,
		                  result->GetErrorObject().RawMessage());
	}
	std::vector<int64_t> positions;
	for (auto &chunk : result->Collection().Chunks()) {
		for (idx_t row_idx = 0; row_idx < chunk.size(); row_idx++) {
			positions.push_back(chunk.GetValue(0, row_idx).GetValue<int64_t>());
		}
	}
	return positions;
}

TableFunction BindDucklakeScan(ClientContext &context, shared_ptr<DucklakeScanInfo> info,
                               unique_ptr<FunctionData> &bind_data) {
	auto &entry =
	    Catalog::GetSystemCatalog(context).GetEntry<TableFunctionCatalogEntry>(context, DEFAULT_SCHEMA, "parquet_scan");
	auto function = entry.functions.GetFunctionByOffset(0);
	function.name = "ducklake_scan";
	function.function_info = info;
	function.get_multi_file_reader = DucklakeMultiFileReader::Create;
	// parquet_scan's statistics callback needs a reader opened at bind; ours binds without one.
	function.statistics = nullptr;

	vector<Value> inputs {Value(info->table_name)};
	named_parameter_map_t named_parameters;
	vector<LogicalType> input_types;
	vector<string> input_names;
	TableFunctionRef ref;
	TableFunctionBindInput bind_input(inputs, named_parameters, input_types, input_names, function.function_info,
	                                  nullptr, function, ref);
	vector<LogicalType> return_types;
	vector<string> names;
	bind_data = function.bind(context, bind_input, return_types, names);
	return function;
}

} // namespace ducklake
