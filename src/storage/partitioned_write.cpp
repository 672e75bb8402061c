#include "storage/partitioned_write.hpp"

#include "duckdb/common/exception.hpp"
#include "duckdb/execution/operator/persistent/physical_copy_to_file.hpp"
#include "duckdb/execution/operator/projection/physical_projection.hpp"
#include "duckdb/function/function_binder.hpp"
#include "duckdb/main/client_context.hpp"
#include "duckdb/planner/expression/bound_reference_expression.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implementation file built entirely on DuckDB's copy API

std::string PartitionFolderName(const TableRecord &table, const PartitionKeyRecord &key) {
	if (key.transform != "identity") {
		return key.transform;
	}
	for (auto &column : table.columns) {
		if (column.column_id == key.column_id) {
			return column.name;
		}
	}
	throw InternalException("Table \"%s\" is partitioned by column id %d, which it does not have", table.name,
	                        key.column_id);
}

PhysicalOperator &PlanPartitionedParquetWrite(ClientContext &context, PhysicalPlanGenerator &planner,
                                              PhysicalOperator &child, const std::string &directory,
                                              const TableRecord &table, const ParquetWriteOptions &options) {
	auto bound = BindParquetCopy(context, directory, table.columns, options);
	auto names = bound.names;
	auto types = bound.types;
	vector<unique_ptr<Expression>> select_list;
	for (idx_t column_idx = 0; column_idx < types.size(); column_idx++) {
		select_list.push_back(make_uniq<BoundReferenceExpression>(types[column_idx], column_idx));
	}
	vector<idx_t> partition_columns;
	for (auto &key : table.partition_keys) {
		// The key column's position among the top-level columns (the child's column order).
		idx_t position = 0;
		bool found = false;
		for (auto &column : table.columns) {
			if (column.parent_column >= 0) {
				continue;
			}
			if (column.column_id == key.column_id) {
				found = true;
				break;
			}
			position++;
		}
		if (!found) {
			throw InternalException("Table \"%s\" is partitioned by column id %d, which it does not have", table.name,
			                        key.column_id);
		}
		unique_ptr<Expression> value = make_uniq<BoundReferenceExpression>(types[position], position);
		if (key.transform != "identity") {
			vector<unique_ptr<Expression>> arguments;
			arguments.push_back(std::move(value));
			ErrorData error;
			FunctionBinder binder(context);
			value = binder.BindScalarFunction(DEFAULT_SCHEMA, key.transform, std::move(arguments), error);
			if (!value) {
				throw BinderException("Cannot compute partition key %s(%s) of table \"%s\": %s", key.transform,
				                      names[position], table.name, error.RawMessage());
			}
		}
		partition_columns.push_back(select_list.size());
		names.push_back(PartitionFolderName(table, key));
		types.push_back(value->return_type);
		select_list.push_back(std::move(value));
	}
	auto &projection = planner.Make<PhysicalProjection>(types, std::move(select_list), child.estimated_cardinality);
	projection.children.push_back(child);

	auto return_types = GetCopyFunctionReturnLogicalTypes(CopyFunctionReturnType::WRITTEN_FILE_STATISTICS);
	auto &op = planner.Make<PhysicalCopyToFile>(return_types, bound.function, std::move(bound.bind_data),
	                                            child.estimated_cardinality);
	auto &copy = op.Cast<PhysicalCopyToFile>();
	// The copy joins folder and file names with a '/': no trailing slash (see parquet_write.cpp).
	auto copy_directory = bound.expanded_directory;
	while (copy_directory.size() > 1 && copy_directory.back() == '/') {
		copy_directory.pop_back();
	}
	copy.file_path = copy_directory;
	copy.use_tmp_file = false;
	copy.filename_pattern.SetFilenamePattern("ducklake-{uuidv7}");
	copy.file_extension = "parquet";
	copy.overwrite_mode = CopyOverwriteMode::COPY_OVERWRITE_OR_IGNORE;
	copy.per_thread_output = false;
	copy.file_size_bytes = optional_idx();
	copy.rotate = false;
	copy.return_type = CopyFunctionReturnType::WRITTEN_FILE_STATISTICS;
	copy.partition_output = true;
	copy.partition_columns = std::move(partition_columns);
	copy.write_partition_columns = false;
	// Not an empty file: with write_empty_file off the copy opens `file_path` itself as one output
	// file before partitioning; on, a partitioned copy still only creates files for partitions.
	copy.write_empty_file = true;
	copy.hive_file_pattern = true;
	copy.names = std::move(names);
	copy.expected_types = std::move(types);
	auto mode = CopyFunctionExecutionMode::REGULAR_COPY_TO_FILE;
	if (copy.function.execution_mode) {
		mode = copy.function.execution_mode(false, false);
	}
	copy.parallel = mode == CopyFunctionExecutionMode::PARALLEL_COPY_TO_FILE;
	copy.children.push_back(projection);
	return op;
}

std::string PartitionedFilePath(const std::string &absolute_path, size_t key_count) {
	auto start = absolute_path.size();
	for (size_t level = 0; level <= key_count; level++) {
		auto slash = start == 0 ? std::string::npos : absolute_path.find_last_of('/', start - 1);
		if (slash == std::string::npos) {
			return absolute_path;
		}
		start = slash;
	}
	return absolute_path.substr(start + 1);
}

std::vector<Value> PartitionValuesOf(const Value &partition_keys) {
	std::vector<Value> values;
	if (partition_keys.IsNull()) {
		return values;
	}
	for (auto &entry : MapValue::GetChildren(partition_keys)) {
		auto &pair = StructValue::GetChildren(entry);
		values.push_back(pair[1].IsNull() ? Value(LogicalType::VARCHAR) : Value(pair[1].ToString()));
	}
	return values;
}

} // namespace ducklake
