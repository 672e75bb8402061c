#include "storage/ducklake_scan.hpp"

#include "storage/column_stats.hpp"
#include "storage/column_tree.hpp"
#include "storage/missing_struct_filter.hpp"
#include "storage/virtual_columns.hpp"
#include "storage/partition_filter.hpp"

#include "duckdb/catalog/catalog.hpp"
#include "duckdb/catalog/catalog_entry/table_function_catalog_entry.hpp"
#include "duckdb/common/multi_file/multi_file_list.hpp"
#include "duckdb/common/multi_file/multi_file_reader.hpp"
#include "duckdb/common/multi_file/multi_file_function.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/main/connection.hpp"
#include "duckdb/parser/keyword_helper.hpp"
#include "duckdb/parser/tableref/table_function_ref.hpp"
#include "duckdb/planner/filter/constant_filter.hpp"
#include "duckdb/planner/filter/conjunction_filter.hpp"
#include "duckdb/planner/filter/expression_filter.hpp"
#include "duckdb/planner/expression/bound_operator_expression.hpp"
#include "duckdb/planner/table_filter.hpp"

#include <algorithm>

namespace ducklake {

using namespace duckdb; // NOLINT: implementation file built entirely on DuckDB's multi-file API

namespace {

//! Whether the stats say the file holds no value but NULLs in the column (value_count counts the
//! values that are not NULL, as the official extension writes it).
bool OnlyNulls(const FileColumnStatsRecord &stats) {
	return !stats.value_count.IsNull() && !stats.null_count.IsNull() && stats.value_count.GetValue<int64_t>() == 0 &&
	       stats.null_count.GetValue<int64_t>() > 0;
}

//! Whether a file's stats for one column can satisfy a table filter; true when unknown.
bool FilterMayMatch(const TableFilter &filter, const FileColumnStatsRecord &stats, const LogicalType &type) {
	switch (filter.filter_type) {
	case TableFilterType::IS_NULL:
		return stats.null_count.IsNull() || stats.null_count.GetValue<int64_t>() > 0;
	case TableFilterType::IS_NOT_NULL:
		return !OnlyNulls(stats);
	case TableFilterType::EXPRESSION_FILTER: {
		// `col IS [NOT] NULL` reaches the scan as an expression on the column itself.
		auto &expression = *filter.Cast<ExpressionFilter>().expr;
		if (expression.GetExpressionClass() != ExpressionClass::BOUND_OPERATOR) {
			return true;
		}
		auto &children = expression.Cast<BoundOperatorExpression>().children;
		if (children.size() != 1 || children[0]->type != ExpressionType::BOUND_REF) {
			return true;
		}
		if (expression.type == ExpressionType::OPERATOR_IS_NULL) {
			return stats.null_count.IsNull() || stats.null_count.GetValue<int64_t>() > 0;
		}
		if (expression.type == ExpressionType::OPERATOR_IS_NOT_NULL) {
			return !OnlyNulls(stats);
		}
		return true;
	}
	case TableFilterType::CONSTANT_COMPARISON: {
		auto &constant = filter.Cast<ConstantFilter>();
		if (!constant.constant.IsNull() && OnlyNulls(stats)) {
			return false; // a comparison with a value is never true on NULL
		}
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
		// Copy the runs of kept rows between the deleted positions of [start, start + count).
		auto end_row_index = start_row_index + static_cast<row_t>(count);
		auto next_deleted = std::lower_bound(positions.begin(), positions.end(), start_row_index);
		idx_t kept = 0;
		auto next_kept = start_row_index;
		for (; next_deleted != positions.end() && *next_deleted < end_row_index; ++next_deleted) {
			for (auto row = next_kept; row < *next_deleted; row++) {
				result_sel.set_index(kept++, static_cast<idx_t>(row - start_row_index));
			}
			next_kept = std::max<row_t>(next_kept, *next_deleted + 1);
		}
		for (auto row = next_kept; row < end_row_index; row++) {
			result_sel.set_index(kept++, static_cast<idx_t>(row - start_row_index));
		}
		return kept;
	}

private:
	const std::vector<int64_t> &positions;
};

//! Add the bounds `filter` places on an integer column; false when some part of it cannot be
//! expressed as bounds (that part is then checked in memory instead).
bool CollectBounds(const TableFilter &filter, int64_t column_id, std::vector<StatsBound> &bounds) {
	switch (filter.filter_type) {
	case TableFilterType::CONSTANT_COMPARISON: {
		auto &constant = filter.Cast<ConstantFilter>();
		Value value;
		string error;
		if (constant.constant.IsNull() || !HasIntegerStats(constant.constant.type()) ||
		    !constant.constant.DefaultTryCastAs(LogicalType::BIGINT, value, &error)) {
			return false;
		}
		StatsBound bound;
		bound.column_id = column_id;
		bound.value = value.GetValue<int64_t>();
		switch (constant.comparison_type) {
		case ExpressionType::COMPARE_EQUAL:
			bound.comparison = StatsBound::Comparison::EQUAL;
			break;
		case ExpressionType::COMPARE_LESSTHAN:
			bound.comparison = StatsBound::Comparison::LESS_THAN;
			break;
		case ExpressionType::COMPARE_LESSTHANOREQUALTO:
			bound.comparison = StatsBound::Comparison::LESS_THAN_OR_EQUAL;
			break;
		case ExpressionType::COMPARE_GREATERTHAN:
			bound.comparison = StatsBound::Comparison::GREATER_THAN;
			break;
		case ExpressionType::COMPARE_GREATERTHANOREQUALTO:
			bound.comparison = StatsBound::Comparison::GREATER_THAN_OR_EQUAL;
			break;
		default:
			return false;
		}
		bounds.push_back(bound);
		return true;
	}
	case TableFilterType::CONJUNCTION_AND: {
		bool complete = true;
		for (auto &child : filter.Cast<ConjunctionAndFilter>().child_filters) {
			complete = CollectBounds(*child, column_id, bounds) && complete;
		}
		return complete;
	}
	default:
		return false;
	}
}

//! A filter the listing query could not check: applied to the listed files' stats in memory.
struct ResidualFilter {
	int64_t column_id;
	LogicalType type;
	shared_ptr<TableFilter> filter;
};

bool FileMayMatch(const ScanFile &file, const std::vector<ResidualFilter> &filters) {
	for (auto &residual : filters) {
		for (auto &stats : file.column_stats) {
			if (stats.column_id == residual.column_id && !FilterMayMatch(*residual.filter, stats, residual.type)) {
				return false;
			}
		}
	}
	return true;
}

//! The files one scan reads, once listed: pointers into the committed listing and into the
//! scan info's local files, both kept alive here.
struct ResolvedFiles {
	shared_ptr<const ScanFileListing> committed;
	shared_ptr<DucklakeScanInfo> info;
	std::vector<const ScanFile *> files;
};

class DucklakeFileList : public MultiFileList {
public:
	DucklakeFileList(shared_ptr<DucklakeScanInfo> info_p, ScanFileQuery query_p,
	                 std::vector<ResidualFilter> committed_filters_p, std::vector<ResidualFilter> local_filters_p)
	    : MultiFileList(vector<OpenFileInfo> {}, FileGlobOptions::ALLOW_EMPTY), info(std::move(info_p)),
	      query(std::move(query_p)), committed_filters(std::move(committed_filters_p)),
	      local_filters(std::move(local_filters_p)) {
	}

	//! List the files now (a no-op when done already); `context` may be null outside of a query.
	const ResolvedFiles &Resolve(optional_ptr<ClientContext> context) const {
		lock_guard<mutex> guard(resolve_lock);
		if (resolved) {
			return *resolved;
		}
		auto result = make_shared_ptr<ResolvedFiles>();
		result->info = info;
		if (info->committed) {
			shared_ptr<ClientContext> owner;
			if (!context) {
				owner = info->context.lock();
				if (!owner) {
					throw InternalException("DuckLake scan of \"%s\" listed after its client closed", info->table_name);
				}
				context = owner.get();
			}
			result->committed = info->committed->ListFiles(*context, query);
			for (auto &file : result->committed->files) {
				if (FileMayMatch(file, committed_filters)) {
					result->files.push_back(&file);
				}
			}
		}
		for (auto &file : info->local_files) {
			if (FileMayMatch(file, local_filters)) {
				result->files.push_back(&file);
			}
		}
		resolved = std::move(result);
		return *resolved;
	}

	vector<OpenFileInfo> GetAllFiles() override {
		vector<OpenFileInfo> result;
		auto count = Resolve(nullptr).files.size();
		for (idx_t file_idx = 0; file_idx < count; file_idx++) {
			result.push_back(GetFile(file_idx));
		}
		return result;
	}
	FileExpandResult GetExpandResult() override {
		// Never SINGLE_FILE: for one file the Parquet scan sizes its threads by the row groups of
		// the reader opened at bind, and we bind without opening one (it would run single-threaded).
		// Not listed yet: assume files rather than list only to answer (the scan lists the list it
		// drives before it asks whether that one is empty).
		lock_guard<mutex> guard(resolve_lock);
		if (resolved && resolved->files.empty()) {
			return FileExpandResult::NO_FILES;
		}
		return FileExpandResult::MULTIPLE_FILES;
	}
	idx_t GetTotalFileCount() override {
		return Resolve(nullptr).files.size();
	}
	unique_ptr<NodeStatistics> GetCardinality(ClientContext &context) override {
		lock_guard<mutex> guard(resolve_lock);
		if (!resolved) {
			auto rows = static_cast<idx_t>(info->estimated_rows);
			return make_uniq<NodeStatistics>(rows, rows);
		}
		idx_t rows = 0;
		for (auto file : resolved->files) {
			rows += static_cast<idx_t>(file->record_count);
		}
		return make_uniq<NodeStatistics>(rows, rows);
	}
	unique_ptr<MultiFileList> Copy() override {
		auto copy = make_uniq<DucklakeFileList>(info, query, committed_filters, local_filters);
		lock_guard<mutex> guard(resolve_lock);
		copy->resolved = resolved;
		return std::move(copy);
	}
	unique_ptr<MultiFileList> DynamicFilterPushdown(ClientContext &context, const MultiFileOptions &options,
	                                                const vector<string> &names, const vector<LogicalType> &types,
	                                                const vector<column_t> &column_ids,
	                                                TableFilterSet &filters) const override {
		// Map each filtered top-level column to its DuckLake column id: integer bounds go into the
		// listing query, the rest prunes the listed files by their stats.
		auto new_query = query;
		auto new_committed_filters = committed_filters;
		auto new_local_filters = local_filters;
		for (auto &entry : filters.filters) {
			if (entry.first >= column_ids.size()) {
				continue;
			}
			auto column_index = column_ids[entry.first];
			if (column_index >= names.size()) {
				continue;
			}
			const ColumnRecord *column = nullptr;
			for (auto &record : info->columns) {
				if (record.parent_column < 0 && record.name == names[column_index]) {
					column = &record;
					break;
				}
			}
			if (!column) {
				continue;
			}
			auto &type = types[column_index];
			ResidualFilter residual {column->column_id, type, shared_ptr<TableFilter>(entry.second->Copy())};
			new_local_filters.push_back(residual);
			CollectPartitionBounds(*entry.second, column->column_id, type, info->partition_keys,
			                       new_query.partition_bounds);
			bool complete = HasIntegerStats(type) && CollectBounds(*entry.second, column->column_id, new_query.bounds);
			if (!complete) {
				new_committed_filters.push_back(residual);
				auto &ids = new_query.stats_column_ids;
				if (std::find(ids.begin(), ids.end(), column->column_id) == ids.end()) {
					ids.push_back(column->column_id);
					std::sort(ids.begin(), ids.end());
				}
			}
		}
		if (new_local_filters.size() == local_filters.size()) {
			return nullptr;
		}
		auto result = make_uniq<DucklakeFileList>(info, std::move(new_query), std::move(new_committed_filters),
		                                          std::move(new_local_filters));
		result->Resolve(context);
		return std::move(result);
	}

protected:
	OpenFileInfo GetFile(idx_t i) override {
		auto &files = Resolve(nullptr).files;
		if (i >= files.size()) {
			return OpenFileInfo("");
		}
		auto &file = *files[i];
		OpenFileInfo result(file.path);
		result.extended_info = make_shared_ptr<ExtendedOpenFileInfo>();
		if (file.inlined) {
			// Read by InlinedDataFileReader (CreateReader below); the listing outlives the scan.
			result.extended_info->options["ducklake_inlined_file"] = Value::UBIGINT(reinterpret_cast<uintptr_t>(&file));
			SetVirtualColumnFacts(*result.extended_info, {file.row_id_start, file.snapshot_id});
			return result;
		}
		if (!file.footer_size.IsNull()) {
			result.extended_info->options["footer_size"] = Value::UBIGINT(file.footer_size.GetValue<uint64_t>());
		}
		result.extended_info->options["file_size"] = Value::UBIGINT(static_cast<uint64_t>(file.file_size_bytes));
		result.extended_info->options["ducklake_file_index"] = Value::UBIGINT(i);
		if (!file.deleted_positions.empty()) {
			result.extended_info->options["has_deletes"] = Value::BOOLEAN(true);
		}
		SetVirtualColumnFacts(*result.extended_info, {file.row_id_start, file.snapshot_id});
		return result;
	}

private:
	shared_ptr<DucklakeScanInfo> info;
	ScanFileQuery query;
	std::vector<ResidualFilter> committed_filters;
	std::vector<ResidualFilter> local_filters;
	mutable mutex resolve_lock;
	mutable shared_ptr<const ResolvedFiles> resolved;
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
		return make_shared_ptr<DucklakeFileList>(info, ScanFileQuery(), std::vector<ResidualFilter>(),
		                                         std::vector<ResidualFilter>());
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
		// The list driving the scan: listed here, before the scan asks whether it is empty.
		dynamic_cast<const DucklakeFileList &>(file_list).Resolve(context);
		return make_uniq<MultiFileReaderGlobalState>(vector<LogicalType>(), file_list);
	}

	ReaderInitializeType InitializeReader(MultiFileReaderData &reader_data, const MultiFileBindData &bind_data,
	                                      const vector<MultiFileColumnDefinition> &global_columns,
	                                      const vector<ColumnIndex> &global_column_ids,
	                                      optional_ptr<TableFilterSet> table_filters, ClientContext &context,
	                                      MultiFileGlobalState &gstate) override {
		auto &reader = *reader_data.reader;
		if (reader.file.extended_info && gstate.multi_file_reader_state) {
			auto entry = reader.file.extended_info->options.find("ducklake_file_index");
			if (entry != reader.file.extended_info->options.end()) {
				auto &list = dynamic_cast<const DucklakeFileList &>(*gstate.multi_file_reader_state->file_list);
				auto &file = *list.Resolve(context).files[entry->second.GetValue<uint64_t>()];
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

	unique_ptr<Expression> GetConstantVirtualColumn(MultiFileReaderData &reader_data, idx_t column_id,
	                                                const LogicalType &type) override {
		auto result = ConstantVirtualColumn(reader_data.reader->file, column_id, type);
		if (result) {
			return result;
		}
		return MultiFileReader::GetConstantVirtualColumn(reader_data, column_id, type);
	}

	unique_ptr<Expression>
	GetVirtualColumnExpression(ClientContext &context, MultiFileReaderData &reader_data,
	                           const vector<MultiFileColumnDefinition> &local_columns, idx_t &column_id,
	                           const LogicalType &type, MultiFileLocalIndex local_idx,
	                           optional_ptr<MultiFileColumnDefinition> &global_column_reference) override {
		if (column_id == COLUMN_IDENTIFIER_ROW_ID) {
			return RowIdExpression(context, reader_data.reader->file, local_columns, column_id, local_idx.GetIndex(),
			                       lineage_column, global_column_reference);
		}
		return MultiFileReader::GetVirtualColumnExpression(context, reader_data, local_columns, column_id, type,
		                                                   local_idx, global_column_reference);
	}

	using MultiFileReader::CreateReader;
	shared_ptr<BaseFileReader> CreateReader(ClientContext &context, GlobalTableFunctionState &gstate,
	                                        const OpenFileInfo &file, idx_t file_idx,
	                                        const MultiFileBindData &bind_data) override {
		if (file.extended_info) {
			auto entry = file.extended_info->options.find("ducklake_inlined_file");
			if (entry != file.extended_info->options.end()) {
				auto &scan_file = *reinterpret_cast<const ScanFile *>(entry->second.GetValue<uint64_t>());
				return make_shared_ptr<InlinedDataFileReader>(file, scan_file.inlined, scan_file.deleted_positions);
			}
		}
		return MultiFileReader::CreateReader(context, gstate, file, file_idx, bind_data);
	}

	unique_ptr<MultiFileReader> Copy() const override {
		return make_uniq<DucklakeMultiFileReader>(info);
	}
	const shared_ptr<DucklakeScanInfo> &Info() const {
		return info;
	}

private:
	shared_ptr<DucklakeScanInfo> info;
	//! What rowid reads in files that store their row ids (referenced while a file's columns are mapped).
	MultiFileColumnDefinition lineage_column = LineageColumnDefinition();
};

//! Like the multi-file scan's bind info without the file paths: listing the files only to name
//! them would list all of them (unfiltered) while the query is still being bound.
BindInfo DucklakeScanBindInfo(const optional_ptr<FunctionData> bind_data_p) {
	auto &bind_data = bind_data_p->Cast<MultiFileBindData>();
	auto info = dynamic_cast<DucklakeMultiFileReader &>(*bind_data.multi_file_reader).Info();
	BindInfo bind_info(ScanType::EXTERNAL);
	if (info->table) {
		bind_info = BindInfo(*info->table);
	}
	bind_data.interface->GetBindInfo(*bind_data.bind_data, bind_info);
	bind_data.file_options.AddBatchInfo(bind_info);
	return bind_info;
}

//! The scan's virtual columns: the Parquet scan's plus rowid and snapshot_id.
virtual_column_map_t DucklakeScanVirtualColumns(ClientContext &context, optional_ptr<FunctionData> bind_data_p) {
	auto &bind_data = bind_data_p->Cast<MultiFileBindData>();
	auto result = DucklakeVirtualColumns();
	bind_data.virtual_columns = result;
	return result;
}

} // namespace

void ScanFileIndex::Add(shared_ptr<const ScanFileListing> listing) {
	if (!listing) {
		return;
	}
	for (auto &file : listing->files) {
		by_path.emplace(file.path, std::make_pair(listings.size(), &file));
	}
	listings.push_back(std::move(listing));
}

const ScanFile *ScanFileIndex::Find(const std::string &path) const {
	auto entry = by_path.find(path);
	return entry == by_path.end() ? nullptr : entry->second.second;
}

const shared_ptr<const ScanFileListing> &ScanFileIndex::ListingOf(const std::string &path) const {
	static const shared_ptr<const ScanFileListing> none;
	auto entry = by_path.find(path);
	return entry == by_path.end() ? none : listings[entry->second.first];
}

std::vector<int64_t> ReadDeletedPositions(DatabaseInstance &db, const std::string &delete_file_path) {
	Connection connection(db);
	// Delete files are written sorted by pos (ours and the official extension's): read them in file
	// order and sort only when a file is not, instead of always sorting in the query.
	auto result = connection.Query("SELECT pos::BIGINT FROM read_parquet(" +
	                               KeywordHelper::WriteQuoted(delete_file_path, '\'') + ")");
	if (result->HasError()) {
		throw IOException("Cannot read DuckLake delete file \"%s\": %s", delete_file_path,
		                  result->GetErrorObject().RawMessage());
	}
	std::vector<int64_t> positions;
	positions.reserve(result->RowCount());
	for (auto &chunk : result->Collection().Chunks()) {
		UnifiedVectorFormat format;
		chunk.data[0].ToUnifiedFormat(chunk.size(), format);
		auto data = UnifiedVectorFormat::GetData<int64_t>(format);
		for (idx_t row_idx = 0; row_idx < chunk.size(); row_idx++) {
			auto source_idx = format.sel->get_index(row_idx);
			if (!format.validity.RowIsValid(source_idx)) {
				throw IOException("DuckLake delete file \"%s\" has a NULL position", delete_file_path);
			}
			positions.push_back(data[source_idx]);
		}
	}
	if (!std::is_sorted(positions.begin(), positions.end())) {
		std::sort(positions.begin(), positions.end());
	}
	return positions;
}

TableFunction BindDucklakeScan(ClientContext &context, shared_ptr<DucklakeScanInfo> info,
                               unique_ptr<FunctionData> &bind_data) {
	auto &entry =
	    Catalog::GetSystemCatalog(context).GetEntry<TableFunctionCatalogEntry>(context, DEFAULT_SCHEMA, "parquet_scan");
	auto function = entry.functions.GetFunctionByOffset(0);
	function.name = "ducklake_scan";
	info->context = context.shared_from_this();
	function.function_info = info;
	function.get_multi_file_reader = DucklakeMultiFileReader::Create;
	// parquet_scan's statistics callback needs a reader opened at bind; ours binds without one.
	function.statistics = nullptr;
	function.get_bind_info = DucklakeScanBindInfo;
	function.get_virtual_columns = DucklakeScanVirtualColumns;

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
