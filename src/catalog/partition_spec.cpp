#include "catalog/partition_spec.hpp"

#include "storage/column_tree.hpp"

#include "duckdb/common/exception.hpp"
#include "duckdb/common/string_util.hpp"
#include "duckdb/parser/expression/columnref_expression.hpp"
#include "duckdb/parser/expression/function_expression.hpp"

namespace ducklake {

using namespace duckdb; // NOLINT: implements ALTER on DuckDB parse trees

namespace {

const char *const supported_keys = "a column name, year(column), month(column), day(column) or hour(column)";

const ColumnRecord *FindTopLevelColumn(const TableRecord &table, const std::string &name) {
	for (auto &column : table.columns) {
		if (column.parent_column < 0 && StringUtil::CIEquals(column.name, name)) {
			return &column;
		}
	}
	return nullptr;
}

//! The column a key expression names; throws for anything but a plain top-level column.
const ColumnRecord &KeyColumn(const TableRecord &table, const ParsedExpression &argument, const std::string &key_text) {
	if (argument.GetExpressionClass() != ExpressionClass::COLUMN_REF) {
		throw BinderException("Unsupported partition key %s on table \"%s\": partition keys are %s", key_text,
		                      table.name, supported_keys);
	}
	auto &reference = argument.Cast<ColumnRefExpression>();
	if (reference.IsQualified()) {
		throw BinderException(
		    "Unsupported partition key %s on table \"%s\": partition keys are top-level columns (%s), "
		    "not struct fields or qualified names",
		    key_text, table.name, supported_keys);
	}
	auto column = FindTopLevelColumn(table, reference.GetColumnName());
	if (!column) {
		throw BinderException("Cannot partition table \"%s\" by %s: the table has no column \"%s\"", table.name,
		                      key_text, reference.GetColumnName());
	}
	return *column;
}

bool IsCalendarTransform(const std::string &name) {
	return name == "year" || name == "month" || name == "day" || name == "hour";
}

//! Throw unless a key with `transform` may be taken on a column of `type`.
void CheckKeyType(const TableRecord &table, const ColumnRecord &column, const LogicalType &type,
                  const std::string &transform, const std::string &key_text) {
	if (transform == "identity") {
		if (type.IsNested()) {
			throw BinderException("Cannot partition table \"%s\" by %s: column \"%s\" has the nested type %s; identity "
			                      "partition keys must have a primitive type",
			                      table.name, key_text, column.name, type.ToString());
		}
		return;
	}
	switch (type.id()) {
	case LogicalTypeId::DATE:
		if (transform == "hour") {
			throw BinderException("Cannot partition table \"%s\" by %s: column \"%s\" is a DATE, which has no hour; "
			                      "hour() needs a TIMESTAMP column",
			                      table.name, key_text, column.name);
		}
		return;
	case LogicalTypeId::TIMESTAMP:
	case LogicalTypeId::TIMESTAMP_SEC:
	case LogicalTypeId::TIMESTAMP_MS:
	case LogicalTypeId::TIMESTAMP_NS:
		return;
	default:
		throw BinderException("Cannot partition table \"%s\" by %s: column \"%s\" has type %s; %s() needs a DATE or "
		                      "TIMESTAMP column (TIMESTAMP WITH TIME ZONE is not supported: its calendar parts "
		                      "depend on the session time zone)",
		                      table.name, key_text, column.name, type.ToString(), transform);
	}
}

//! A key as the user wrote it, for messages: `year(ts)`, `bucket(4, id)`, `zone`.
std::string KeyText(const ParsedExpression &expression) {
	if (expression.GetExpressionClass() == ExpressionClass::COLUMN_REF &&
	    !expression.Cast<ColumnRefExpression>().IsQualified()) {
		return "\"" + expression.Cast<ColumnRefExpression>().GetColumnName() + "\"";
	}
	if (expression.GetExpressionClass() != ExpressionClass::FUNCTION) {
		return "\"" + expression.ToString() + "\"";
	}
	auto &function = expression.Cast<FunctionExpression>();
	if (function.is_operator) {
		return "\"" + expression.ToString() + "\"";
	}
	std::string arguments;
	for (auto &child : function.children) {
		arguments += (arguments.empty() ? "" : ", ") + child->ToString();
	}
	return "\"" + function.function_name + "(" + arguments + ")\"";
}

} // namespace

std::vector<PartitionKeyRecord> BindPartitionKeys(const TableRecord &table,
                                                  const vector<unique_ptr<ParsedExpression>> &expressions) {
	std::vector<PartitionKeyRecord> keys;
	std::vector<std::string> folder_names;
	for (auto &expression : expressions) {
		auto key_text = KeyText(*expression);
		PartitionKeyRecord key;
		key.partition_key_index = static_cast<int64_t>(keys.size());
		const ColumnRecord *column = nullptr;
		if (expression->GetExpressionClass() == ExpressionClass::COLUMN_REF) {
			key.transform = "identity";
			column = &KeyColumn(table, *expression, key_text);
		} else if (expression->GetExpressionClass() == ExpressionClass::FUNCTION) {
			auto &function = expression->Cast<FunctionExpression>();
			auto name = StringUtil::Lower(function.function_name);
			bool modified =
			    function.distinct || function.filter || (function.order_bys && !function.order_bys->orders.empty());
			if (!IsCalendarTransform(name) || !function.schema.empty() || modified) {
				throw BinderException("Unsupported partition key %s on table \"%s\": partition keys are %s", key_text,
				                      table.name, supported_keys);
			}
			if (function.children.size() != 1) {
				throw BinderException("Unsupported partition key %s on table \"%s\": %s() takes exactly one column",
				                      key_text, table.name, name);
			}
			key.transform = name;
			column = &KeyColumn(table, *function.children[0], key_text);
		} else {
			throw BinderException("Unsupported partition key %s on table \"%s\": partition keys are %s", key_text,
			                      table.name, supported_keys);
		}
		CheckKeyType(table, *column, BuildColumnType(*column, table.columns), key.transform, key_text);
		key.column_id = column->column_id;
		auto folder = key.transform == "identity" ? column->name : key.transform;
		for (auto &existing : folder_names) {
			if (StringUtil::CIEquals(existing, folder)) {
				throw BinderException("Cannot partition table \"%s\" by %s: another key already names the folder "
				                      "\"%s\"; each partition key needs a folder name of its own",
				                      table.name, key_text, folder);
			}
		}
		folder_names.push_back(folder);
		keys.push_back(std::move(key));
	}
	return keys;
}

bool SamePartitionKeys(const std::vector<PartitionKeyRecord> &left, const std::vector<PartitionKeyRecord> &right) {
	if (left.size() != right.size()) {
		return false;
	}
	for (size_t key_idx = 0; key_idx < left.size(); key_idx++) {
		if (left[key_idx].column_id != right[key_idx].column_id ||
		    left[key_idx].transform != right[key_idx].transform) {
			return false;
		}
	}
	return true;
}

void CheckPartitionColumnsKept(const TableRecord &table, const AlterTableInfo &info) {
	if (info.alter_table_type != AlterTableType::REMOVE_COLUMN || table.partition_keys.empty()) {
		return;
	}
	auto &remove = info.Cast<RemoveColumnInfo>();
	auto column = FindTopLevelColumn(table, remove.removed_column);
	if (!column) {
		return; // the column change reports the missing column
	}
	for (auto &key : table.partition_keys) {
		if (key.column_id == column->column_id) {
			throw CatalogException("Cannot drop column \"%s\" - the table is partitioned by this column. Reset or "
			                       "change the partitioning on this table in order to drop this column",
			                       column->name);
		}
	}
}

} // namespace ducklake
