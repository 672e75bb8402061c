#include "catalog/column_changes.hpp"

#include "metadata/ducklake_type.hpp"
#include "storage/column_tree.hpp"

#include "duckdb/common/exception/binder_exception.hpp"
#include "duckdb/common/exception/catalog_exception.hpp"
#include "duckdb/common/string_util.hpp"
#include "duckdb/parser/expression/cast_expression.hpp"
#include "duckdb/parser/expression/columnref_expression.hpp"
#include "duckdb/parser/expression/constant_expression.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace ducklake {

using namespace duckdb; // NOLINT: works on DuckDB's AlterTableInfo family

namespace {

const int64_t no_column = -1;

//! Index in `columns` of the child of `parent` (-1 = top level) named `name`; -1 when none.
int64_t FindColumn(const std::vector<ColumnRecord> &columns, int64_t parent, const std::string &name) {
	for (size_t column_idx = 0; column_idx < columns.size(); column_idx++) {
		auto &column = columns[column_idx];
		if (column.parent_column == parent && StringUtil::CIEquals(column.name, name)) {
			return static_cast<int64_t>(column_idx);
		}
	}
	return no_column;
}

//! Index of the node at `path` (top-level name, then field names); -1 when any step is missing.
int64_t FindPath(const std::vector<ColumnRecord> &columns, const vector<string> &path) {
	int64_t parent = -1;
	int64_t index = no_column;
	for (auto &name : path) {
		index = FindColumn(columns, parent, name);
		if (index == no_column) {
			return no_column;
		}
		parent = columns[index].column_id;
	}
	return index;
}

size_t ChildCount(const std::vector<ColumnRecord> &columns, int64_t parent) {
	size_t count = 0;
	for (auto &column : columns) {
		count += column.parent_column == parent ? 1 : 0;
	}
	return count;
}

//! Remove the column `column_id` and all its descendants.
void RemoveSubtree(std::vector<ColumnRecord> &columns, int64_t column_id) {
	std::set<int64_t> removed {column_id};
	bool grew = true;
	while (grew) { // bounded by the tree depth: each pass adds at least one level or stops
		grew = false;
		for (auto &column : columns) {
			if (removed.count(column.parent_column) && !removed.count(column.column_id)) {
				removed.insert(column.column_id);
				grew = true;
			}
		}
	}
	std::vector<ColumnRecord> kept;
	for (auto &column : columns) {
		if (!removed.count(column.column_id)) {
			kept.push_back(column);
		}
	}
	columns = std::move(kept);
}

std::string PathText(const vector<string> &path) {
	return StringUtil::Join(path, ".");
}

//! The literal of a DEFAULT as DuckLake stores it (text of the value cast to the column type);
//! NULL for no default. Only constants are allowed: the format stores literals.
Value DefaultLiteral(const ParsedExpression *expression, const LogicalType &type, const std::string &column) {
	if (!expression) {
		return Value();
	}
	if (expression->GetExpressionClass() != ExpressionClass::CONSTANT) {
		throw NotImplementedException("Column \"%s\": DuckLake tables accept only literal DEFAULT values, not \"%s\"",
		                              column, expression->ToString());
	}
	auto &constant = expression->Cast<ConstantExpression>().value;
	if (constant.IsNull()) {
		return Value();
	}
	return Value(constant.DefaultCastAs(type).ToString());
}

//! Flatten `definition` as a new column (or struct field) under `parent`, ids from `next_id`.
std::vector<ColumnRecord> NewColumnRecords(const ColumnDefinition &definition, int64_t parent, int64_t next_id) {
	ColumnList list;
	list.AddColumn(definition.Copy());
	auto records = FlattenColumns(list, next_id);
	auto &root = records[0];
	// Rows written before the column existed read as its default.
	root.initial_default = root.default_value;
	if (parent >= 0) {
		// Only top-level columns have an INSERT default; a field's default only fills older rows.
		root.default_value = Value();
		root.parent_column = parent;
	}
	return records;
}

std::string DuckdbTypeText(const std::string &ducklake_type) {
	if (IsDucklakeNestedType(ducklake_type)) {
		return StringUtil::Upper(ducklake_type);
	}
	return DucklakePrimitiveType(ducklake_type).ToString();
}

bool SameValue(const Value &left, const Value &right) {
	if (left.IsNull() || right.IsNull()) {
		return left.IsNull() == right.IsNull();
	}
	return left.ToString() == right.ToString();
}

bool SameColumnRow(const ColumnRecord &left, const ColumnRecord &right) {
	return left.column_order == right.column_order && left.name == right.name && left.type == right.type &&
	       SameValue(left.initial_default, right.initial_default) &&
	       SameValue(left.default_value, right.default_value) && left.nulls_allowed == right.nulls_allowed &&
	       left.parent_column == right.parent_column;
}

void ChangeType(ColumnRecord &column, const ChangeColumnTypeInfo &info) {
	auto &expression = *info.expression;
	bool simple_cast = expression.GetExpressionType() == ExpressionType::OPERATOR_CAST &&
	                   expression.Cast<CastExpression>().child->GetExpressionClass() == ExpressionClass::COLUMN_REF;
	if (!simple_cast) {
		throw NotImplementedException("Cannot change the type of column \"%s\" with USING %s: DuckLake changes column "
		                              "types without rewriting data files, so only SET DATA TYPE <type> is allowed",
		                              column.name, expression.ToString());
	}
	auto target = DucklakeTypeName(info.target_type, column.name);
	if (target == column.type) {
		return;
	}
	if (IsDucklakeNestedType(target) || IsDucklakeNestedType(column.type)) {
		throw NotImplementedException("Cannot change the type of column \"%s\" from %s to %s: DuckLake does not "
		                              "change the type of nested columns (add, drop or rename their fields instead)",
		                              column.name, DuckdbTypeText(column.type), info.target_type.ToString());
	}
	if (!TypePromotionAllowed(column.type, target)) {
		auto allowed = AllowedPromotions(column.type);
		vector<string> allowed_text;
		for (auto &type : allowed) {
			allowed_text.push_back(DuckdbTypeText(type));
		}
		auto what_is_allowed = allowed.empty()
		                           ? StringUtil::Format("a %s column cannot change type", DuckdbTypeText(column.type))
		                           : StringUtil::Format("a %s column may become %s", DuckdbTypeText(column.type),
		                                                StringUtil::Join(allowed_text, ", "));
		throw CatalogException("Cannot change the type of column \"%s\" from %s to %s: DuckLake allows only widening "
		                       "type promotions (files keep the old type and are read as the new one); %s",
		                       column.name, DuckdbTypeText(column.type), DuckdbTypeText(target), what_is_allowed);
	}
	auto target_type = DucklakePrimitiveType(target);
	column.type = target;
	if (!column.initial_default.IsNull()) {
		column.initial_default = Value(Value(column.initial_default.ToString()).DefaultCastAs(target_type).ToString());
	}
	if (!column.default_value.IsNull()) {
		column.default_value = Value(Value(column.default_value.ToString()).DefaultCastAs(target_type).ToString());
	}
}

} // namespace

int64_t MaxColumnId(const std::vector<ColumnRecord> &columns) {
	int64_t result = 0;
	for (auto &column : columns) {
		result = MaxValue(result, column.column_id);
	}
	return result;
}

std::vector<std::string> AllowedPromotions(const std::string &from) {
	static const std::map<std::string, std::vector<std::string>> promotions = {
	    {"int8", {"int16", "int32", "int64"}},
	    {"int16", {"int32", "int64"}},
	    {"int32", {"int64"}},
	    {"uint8", {"uint16", "uint32", "uint64", "int16", "int32", "int64"}},
	    {"uint16", {"uint32", "uint64", "int32", "int64"}},
	    {"uint32", {"uint64", "int64"}},
	    {"float32", {"float64"}},
	};
	auto entry = promotions.find(from);
	return entry == promotions.end() ? std::vector<std::string>() : entry->second;
}

bool TypePromotionAllowed(const std::string &from, const std::string &to) {
	for (auto &allowed : AllowedPromotions(from)) {
		if (allowed == to) {
			return true;
		}
	}
	return false;
}

TableAlteration AlterTableRecord(const TableRecord &table, const AlterTableInfo &info, int64_t next_column_id) {
	TableAlteration result;
	result.record = table;
	auto &columns = result.record.columns;
	auto missing_column = [&](const std::string &name) {
		return CatalogException("Table \"%s\" has no column named \"%s\"", table.name, name);
	};
	auto find_top_level = [&](const std::string &name) {
		auto index = FindColumn(columns, -1, name);
		if (index == no_column) {
			throw missing_column(name);
		}
		return index;
	};
	switch (info.alter_table_type) {
	case AlterTableType::ADD_COLUMN: {
		auto &add = info.Cast<AddColumnInfo>();
		auto &name = add.new_column.Name();
		if (FindColumn(columns, -1, name) != no_column) {
			if (add.if_column_not_exists) {
				return result;
			}
			throw CatalogException("Cannot add column \"%s\" to table \"%s\": a column with that name already exists",
			                       name, table.name);
		}
		for (auto &record : NewColumnRecords(add.new_column, -1, next_column_id)) {
			columns.push_back(std::move(record));
		}
		break;
	}
	case AlterTableType::REMOVE_COLUMN: {
		auto &remove = info.Cast<RemoveColumnInfo>();
		auto index = FindColumn(columns, -1, remove.removed_column);
		if (index == no_column) {
			if (remove.if_column_exists) {
				return result;
			}
			throw missing_column(remove.removed_column);
		}
		if (ChildCount(columns, -1) == 1) {
			throw CatalogException("Cannot drop column \"%s\": it is the only column of table \"%s\"",
			                       columns[index].name, table.name);
		}
		RemoveSubtree(columns, columns[index].column_id);
		break;
	}
	case AlterTableType::RENAME_COLUMN: {
		auto &rename = info.Cast<RenameColumnInfo>();
		auto index = find_top_level(rename.old_name);
		auto clash = FindColumn(columns, -1, rename.new_name);
		if (clash != no_column && clash != index) {
			throw CatalogException("Cannot rename column \"%s\" to \"%s\": table \"%s\" already has a column \"%s\"",
			                       rename.old_name, rename.new_name, table.name, columns[clash].name);
		}
		if (columns[index].name == rename.new_name) {
			return result;
		}
		columns[index].name = rename.new_name;
		break;
	}
	case AlterTableType::RENAME_TABLE: {
		auto &rename = info.Cast<RenameTableInfo>();
		if (rename.new_table_name == table.name) {
			return result;
		}
		result.record.name = rename.new_table_name;
		result.renamed = true;
		break;
	}
	case AlterTableType::SET_DEFAULT: {
		auto &set_default = info.Cast<SetDefaultInfo>();
		auto index = find_top_level(set_default.column_name);
		auto &column = columns[index];
		auto type = BuildColumnType(column, columns);
		auto value = DefaultLiteral(set_default.expression.get(), type, column.name);
		if (SameValue(value, column.default_value)) {
			return result;
		}
		column.default_value = value;
		break;
	}
	case AlterTableType::SET_NOT_NULL: {
		auto index = find_top_level(info.Cast<SetNotNullInfo>().column_name);
		if (!columns[index].nulls_allowed) {
			return result;
		}
		columns[index].nulls_allowed = false;
		result.check_not_null_column_id = columns[index].column_id;
		break;
	}
	case AlterTableType::DROP_NOT_NULL: {
		auto index = find_top_level(info.Cast<DropNotNullInfo>().column_name);
		if (columns[index].nulls_allowed) {
			return result;
		}
		columns[index].nulls_allowed = true;
		break;
	}
	case AlterTableType::ALTER_COLUMN_TYPE: {
		auto &change = info.Cast<ChangeColumnTypeInfo>();
		auto index = find_top_level(change.column_name);
		auto before = columns[index].type;
		ChangeType(columns[index], change);
		if (columns[index].type == before) {
			return result;
		}
		break;
	}
	case AlterTableType::ADD_FIELD: {
		auto &add = info.Cast<AddFieldInfo>();
		auto parent = FindPath(columns, add.column_path);
		if (parent == no_column) {
			throw CatalogException("Cannot add field \"%s\": table \"%s\" has no column \"%s\"", add.new_field.Name(),
			                       table.name, PathText(add.column_path));
		}
		if (columns[parent].type != "struct") {
			throw CatalogException("Cannot add field \"%s\" to \"%s\" of table \"%s\": it is a %s, and fields can be "
			                       "added only to STRUCT columns",
			                       add.new_field.Name(), PathText(add.column_path), table.name,
			                       DuckdbTypeText(columns[parent].type));
		}
		auto parent_id = columns[parent].column_id;
		if (FindColumn(columns, parent_id, add.new_field.Name()) != no_column) {
			if (add.if_field_not_exists) {
				return result;
			}
			throw CatalogException("Cannot add field \"%s\" to \"%s\" of table \"%s\": a field with that name "
			                       "already exists",
			                       add.new_field.Name(), PathText(add.column_path), table.name);
		}
		for (auto &record : NewColumnRecords(add.new_field, parent_id, next_column_id)) {
			columns.push_back(std::move(record));
		}
		break;
	}
	case AlterTableType::REMOVE_FIELD: {
		auto &remove = info.Cast<RemoveFieldInfo>();
		auto index = FindPath(columns, remove.column_path);
		if (index == no_column) {
			if (remove.if_column_exists) {
				return result;
			}
			throw CatalogException("Table \"%s\" has no field \"%s\"", table.name, PathText(remove.column_path));
		}
		auto parent_id = columns[index].parent_column;
		auto parent = std::find_if(columns.begin(), columns.end(),
		                           [&](const ColumnRecord &column) { return column.column_id == parent_id; });
		if (parent == columns.end() || parent->type != "struct") {
			throw CatalogException("Cannot drop \"%s\" of table \"%s\": only fields of STRUCT columns can be dropped",
			                       PathText(remove.column_path), table.name);
		}
		if (ChildCount(columns, parent_id) == 1) {
			throw CatalogException("Cannot drop field \"%s\" of table \"%s\": it is the only field of its struct "
			                       "(drop the struct column instead)",
			                       PathText(remove.column_path), table.name);
		}
		RemoveSubtree(columns, columns[index].column_id);
		break;
	}
	case AlterTableType::RENAME_FIELD: {
		auto &rename = info.Cast<RenameFieldInfo>();
		auto index = FindPath(columns, rename.column_path);
		if (index == no_column) {
			throw CatalogException("Table \"%s\" has no field \"%s\"", table.name, PathText(rename.column_path));
		}
		auto parent_id = columns[index].parent_column;
		auto parent = std::find_if(columns.begin(), columns.end(),
		                           [&](const ColumnRecord &column) { return column.column_id == parent_id; });
		if (parent == columns.end() || parent->type != "struct") {
			throw CatalogException("Cannot rename \"%s\" of table \"%s\": only fields of STRUCT columns can be renamed",
			                       PathText(rename.column_path), table.name);
		}
		auto clash = FindColumn(columns, parent_id, rename.new_name);
		if (clash != no_column && clash != index) {
			throw CatalogException("Cannot rename field \"%s\" of table \"%s\" to \"%s\": a field with that name "
			                       "already exists",
			                       PathText(rename.column_path), table.name, rename.new_name);
		}
		if (columns[index].name == rename.new_name) {
			return result;
		}
		columns[index].name = rename.new_name;
		break;
	}
	default:
		throw NotImplementedException("ALTER TABLE \"%s\": this change is not supported on DuckLake tables (%s)",
		                              table.name, info.ToString());
	}
	result.changed = true;
	return result;
}

AlteredTable DiffTableRecords(const TableRecord &before, const TableRecord &after) {
	AlteredTable result;
	result.table_id = after.table_id;
	result.table = after;
	result.table.columns.clear();
	result.renamed = before.name != after.name;
	std::map<int64_t, const ColumnRecord *> after_by_id;
	for (auto &column : after.columns) {
		after_by_id[column.column_id] = &column;
	}
	std::set<int64_t> before_ids;
	for (auto &column : before.columns) {
		before_ids.insert(column.column_id);
		auto entry = after_by_id.find(column.column_id);
		if (entry == after_by_id.end()) {
			result.ended_column_ids.push_back(column.column_id);
			result.dropped_column_ids.push_back(column.column_id);
		} else if (!SameColumnRow(column, *entry->second)) {
			result.ended_column_ids.push_back(column.column_id);
			result.new_columns.push_back(*entry->second);
		}
	}
	for (auto &column : after.columns) {
		if (!before_ids.count(column.column_id)) {
			result.new_columns.push_back(column);
		}
	}
	return result;
}

} // namespace ducklake
