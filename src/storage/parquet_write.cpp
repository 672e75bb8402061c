#include "storage/parquet_write.hpp"

#include "storage/column_tree.hpp"
#include "storage/data_path.hpp"
#include "storage/virtual_columns.hpp"

#include "duckdb/catalog/catalog.hpp"
#include "duckdb/catalog/catalog_entry/copy_function_catalog_entry.hpp"
#include "duckdb/common/file_system.hpp"
#include "duckdb/common/types/uuid.hpp"
#include "duckdb/execution/operator/persistent/physical_batch_copy_to_file.hpp"
#include "duckdb/execution/operator/persistent/physical_copy_to_file.hpp"
#include "duckdb/function/copy_function.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/parser/parsed_data/copy_info.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implementation file built entirely on DuckDB's copy API

BoundParquetCopy BindParquetCopy(ClientContext &context, const std::string &directory,
                                 const std::vector<ColumnRecord> &columns, const ParquetWriteOptions &options) {
	auto &copy_entry =
	    Catalog::GetSystemCatalog(context).GetEntry<CopyFunctionCatalogEntry>(context, DEFAULT_SCHEMA, "parquet");
	BoundParquetCopy result(copy_entry.function);
	for (auto &record : columns) {
		if (record.parent_column < 0) {
			result.names.push_back(record.name);
			result.types.push_back(BuildColumnType(record, columns));
		}
	}
	CopyInfo info;
	info.is_from = false;
	info.format = "parquet";
	info.file_path = directory;
	auto field_ids = BuildFieldIds(columns);
	if (options.row_lineage) {
		result.names.push_back(internal_row_id_name);
		result.types.push_back(LogicalType::BIGINT);
		auto fields = StructValue::GetChildren(field_ids);
		child_list_t<Value> with_lineage;
		for (idx_t field_idx = 0; field_idx < fields.size(); field_idx++) {
			with_lineage.emplace_back(StructType::GetChildName(field_ids.type(), field_idx), fields[field_idx]);
		}
		with_lineage.emplace_back(internal_row_id_name, Value::INTEGER(internal_row_id_field_id));
		field_ids = Value::STRUCT(std::move(with_lineage));
	}
	info.options["field_ids"] = {field_ids};
	info.options["compression"] = {Value(options.compression)};
	if (!options.compression_level.IsNull()) {
		info.options["compression_level"] = {options.compression_level};
	}
	if (!options.row_group_size.IsNull()) {
		info.options["row_group_size"] = {options.row_group_size};
	}
	CopyFunctionBindInput bind_input(info);
	result.bind_data = result.function.copy_to_bind(context, bind_input, result.names, result.types);

	auto &fs = FileSystem::GetFileSystem(context);
	result.expanded_directory = fs.ExpandPath(directory);
	// The copy creates only the last directory level; the schema level may not exist yet.
	if (!fs.DirectoryExists(result.expanded_directory)) {
		fs.CreateDirectoriesRecursive(result.expanded_directory);
	}
	return result;
}

PhysicalOperator &PlanParquetWrite(ClientContext &context, PhysicalPlanGenerator &planner, PhysicalOperator &child,
                                   const std::string &directory, const std::vector<ColumnRecord> &columns,
                                   const ParquetWriteOptions &options) {
	auto bound = BindParquetCopy(context, directory, columns, options);
	auto &copy_function = bound.function;
	auto &bind_data = bound.bind_data;
	auto &names = bound.names;
	auto &types = bound.types;
	auto &expanded_directory = bound.expanded_directory;
	auto return_types = GetCopyFunctionReturnLogicalTypes(CopyFunctionReturnType::WRITTEN_FILE_STATISTICS);
	bool ordered = options.allow_ordered && PhysicalPlanGenerator::PreserveInsertionOrder(context, child) &&
	               PhysicalPlanGenerator::UseBatchIndex(context, child) && !options.target_file_size_set &&
	               copy_function.execution_mode &&
	               copy_function.execution_mode(true, true) == CopyFunctionExecutionMode::BATCH_COPY_TO_FILE;
	if (ordered) {
		auto &op = planner.Make<PhysicalBatchCopyToFile>(return_types, copy_function, std::move(bind_data),
		                                                 child.estimated_cardinality);
		auto &copy = op.Cast<PhysicalBatchCopyToFile>();
		copy.file_path =
		    WithTrailingSlash(expanded_directory) + DataFileName(UUID::ToString(UUIDv7::GenerateRandomUUID()));
		copy.use_tmp_file = false;
		copy.return_type = CopyFunctionReturnType::WRITTEN_FILE_STATISTICS;
		copy.write_empty_file = false;
		copy.children.push_back(child);
		return op;
	}
	auto &op = planner.Make<PhysicalCopyToFile>(return_types, copy_function, std::move(bind_data),
	                                            child.estimated_cardinality);
	auto &copy = op.Cast<PhysicalCopyToFile>();
	// The copy joins directory and file name with a '/': a trailing slash here would make "dir//file",
	// which a local file system folds but an object store keeps as a different key.
	auto copy_directory = expanded_directory;
	while (copy_directory.size() > 1 && copy_directory.back() == '/') {
		copy_directory.pop_back();
	}
	copy.file_path = copy_directory;
	copy.use_tmp_file = false;
	copy.filename_pattern.SetFilenamePattern("ducklake-{uuidv7}");
	copy.file_extension = "parquet";
	copy.overwrite_mode = CopyOverwriteMode::COPY_OVERWRITE_OR_IGNORE;
	copy.per_thread_output = false;
	copy.file_size_bytes = optional_idx(options.target_file_size_bytes);
	copy.rotate = copy_function.rotate_files && copy_function.rotate_files(*copy.bind_data, copy.file_size_bytes);
	copy.return_type = CopyFunctionReturnType::WRITTEN_FILE_STATISTICS;
	copy.partition_output = false;
	copy.write_partition_columns = false;
	copy.write_empty_file = false;
	copy.hive_file_pattern = false;
	copy.partition_columns = {};
	copy.names = names;
	copy.expected_types = types;
	auto mode = CopyFunctionExecutionMode::REGULAR_COPY_TO_FILE;
	if (copy_function.execution_mode) {
		mode = copy_function.execution_mode(false, false);
	}
	copy.parallel = mode == CopyFunctionExecutionMode::PARALLEL_COPY_TO_FILE;
	copy.children.push_back(child);
	return op;
}

} // namespace ducklake
