#include "storage/virtual_columns.hpp"

#include "duckdb/common/multi_file/multi_file_reader.hpp"
#include "duckdb/function/scalar/operators.hpp"
#include "duckdb/parser/expression/constant_expression.hpp"
#include "duckdb/planner/expression/bound_constant_expression.hpp"
#include "duckdb/planner/expression/bound_function_expression.hpp"
#include "duckdb/planner/expression/bound_reference_expression.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implementation file on DuckDB's multi-file API

// Above DuckDB's own multi-file virtual column ids (filename, file_row_number, file_index).
const column_t snapshot_id_column = VIRTUAL_COLUMN_START + 100;
const PhysicalIndex lineage_column_marker = PhysicalIndex(COLUMN_IDENTIFIER_ROW_ID);

static const char *const row_id_start_option = "ducklake_row_id_start";
static const char *const snapshot_id_option = "ducklake_snapshot_id";

virtual_column_map_t DucklakeVirtualColumns() {
	virtual_column_map_t result;
	result.insert(
	    make_pair(MultiFileReader::COLUMN_IDENTIFIER_FILENAME, TableColumn("filename", LogicalType::VARCHAR)));
	result.insert(
	    make_pair(MultiFileReader::COLUMN_IDENTIFIER_FILE_INDEX, TableColumn("file_index", LogicalType::UBIGINT)));
	result.insert(make_pair(MultiFileReader::COLUMN_IDENTIFIER_FILE_ROW_NUMBER,
	                        TableColumn("file_row_number", LogicalType::BIGINT)));
	result.insert(make_pair(COLUMN_IDENTIFIER_EMPTY, TableColumn("", LogicalType::BOOLEAN)));
	result.insert(make_pair(COLUMN_IDENTIFIER_ROW_ID, TableColumn("rowid", LogicalType::BIGINT)));
	result.insert(make_pair(snapshot_id_column, TableColumn("snapshot_id", LogicalType::BIGINT)));
	return result;
}

vector<column_t> DucklakeRowIdColumns() {
	return {MultiFileReader::COLUMN_IDENTIFIER_FILENAME, MultiFileReader::COLUMN_IDENTIFIER_FILE_ROW_NUMBER};
}

void SetVirtualColumnFacts(ExtendedOpenFileInfo &info, const VirtualColumnFacts &facts) {
	info.options[row_id_start_option] = facts.row_id_start;
	info.options[snapshot_id_option] = facts.snapshot_id;
}

VirtualColumnFacts GetVirtualColumnFacts(const OpenFileInfo &file) {
	VirtualColumnFacts facts;
	facts.row_id_start = Value(LogicalType::BIGINT);
	facts.snapshot_id = Value(LogicalType::BIGINT);
	if (!file.extended_info) {
		return facts;
	}
	auto &options = file.extended_info->options;
	auto row_id_start = options.find(row_id_start_option);
	if (row_id_start != options.end()) {
		facts.row_id_start = row_id_start->second;
	}
	auto snapshot_id = options.find(snapshot_id_option);
	if (snapshot_id != options.end()) {
		facts.snapshot_id = snapshot_id->second;
	}
	return facts;
}

unique_ptr<Expression> ConstantVirtualColumn(const OpenFileInfo &file, column_t column_id, const LogicalType &type) {
	if (column_id == snapshot_id_column) {
		return make_uniq<BoundConstantExpression>(GetVirtualColumnFacts(file).snapshot_id.DefaultCastAs(type));
	}
	return nullptr;
}

MultiFileColumnDefinition LineageColumnDefinition() {
	MultiFileColumnDefinition result(internal_row_id_name, LogicalType::BIGINT);
	result.identifier = Value::INTEGER(internal_row_id_field_id);
	result.default_expression = make_uniq<ConstantExpression>(Value(LogicalType::BIGINT));
	return result;
}

unique_ptr<Expression> RowIdExpression(ClientContext &context, const OpenFileInfo &file,
                                       const vector<MultiFileColumnDefinition> &local_columns, column_t &column_id,
                                       idx_t local_idx, MultiFileColumnDefinition &lineage_column,
                                       optional_ptr<MultiFileColumnDefinition> &global_column_reference) {
	for (auto &column : local_columns) {
		if (!column.identifier.IsNull() && column.identifier.type().id() == LogicalTypeId::INTEGER &&
		    column.identifier.GetValue<int32_t>() == internal_row_id_field_id) {
			global_column_reference = &lineage_column;
			return nullptr;
		}
	}
	auto row_id_start = GetVirtualColumnFacts(file).row_id_start;
	if (row_id_start.IsNull()) {
		return make_uniq<BoundConstantExpression>(Value(LogicalType::BIGINT));
	}
	// Read the position in the file and add the file's first row id.
	column_id = MultiFileReader::COLUMN_IDENTIFIER_FILE_ROW_NUMBER;
	vector<unique_ptr<Expression>> children;
	children.push_back(make_uniq<BoundConstantExpression>(row_id_start.DefaultCastAs(LogicalType::BIGINT)));
	children.push_back(make_uniq<BoundReferenceExpression>(LogicalType::BIGINT, local_idx));
	auto function = AddFunction::GetFunction(LogicalType::BIGINT, LogicalType::BIGINT);
	return make_uniq<BoundFunctionExpression>(LogicalType::BIGINT, std::move(function), std::move(children), nullptr);
}

} // namespace ducklake
