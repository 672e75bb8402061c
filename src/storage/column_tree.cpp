#include "storage/column_tree.hpp"

#include "metadata/ducklake_type.hpp"

#include "duckdb/parser/expression/constant_expression.hpp"
#include "duckdb/parser/parser.hpp"
#include "duckdb/planner/expression/bound_constant_expression.hpp"

namespace ducklake {

using duckdb::LogicalType;
using duckdb::LogicalTypeId;
using duckdb::Value;

namespace {

void FlattenType(const std::string &name, const LogicalType &type, int64_t parent, int64_t &next_id,
                 std::vector<ColumnRecord> &out, const Value &default_value) {
	ColumnRecord record;
	record.column_id = next_id++;
	record.column_order = record.column_id;
	record.name = name;
	record.type = DucklakeTypeName(type, name);
	record.parent_column = parent;
	// A new table has no older files to fill in, so initial_default stays NULL.
	record.default_value = default_value;
	auto id = record.column_id;
	out.push_back(record);
	switch (type.id()) {
	case LogicalTypeId::LIST:
		FlattenType("element", duckdb::ListType::GetChildType(type), id, next_id, out, Value());
		break;
	case LogicalTypeId::MAP:
		FlattenType("key", duckdb::MapType::KeyType(type), id, next_id, out, Value());
		FlattenType("value", duckdb::MapType::ValueType(type), id, next_id, out, Value());
		break;
	case LogicalTypeId::STRUCT:
		for (auto &child : duckdb::StructType::GetChildTypes(type)) {
			FlattenType(child.first, child.second, id, next_id, out, Value());
		}
		break;
	default:
		break;
	}
}

std::vector<const ColumnRecord *> ChildrenOf(int64_t parent, const std::vector<ColumnRecord> &records) {
	std::vector<const ColumnRecord *> children;
	for (auto &record : records) {
		if (record.parent_column == parent) {
			children.push_back(&record);
		}
	}
	return children;
}

} // namespace

std::vector<ColumnRecord> FlattenColumns(const duckdb::ColumnList &columns, int64_t first_column_id) {
	std::vector<ColumnRecord> records;
	int64_t next_id = first_column_id;
	for (auto &column : columns.Logical()) {
		Value default_value;
		if (column.HasDefaultValue()) {
			auto &expr = column.DefaultValue();
			if (expr.GetExpressionClass() == duckdb::ExpressionClass::CONSTANT) {
				auto &constant = expr.Cast<duckdb::ConstantExpression>().value;
				if (!constant.IsNull()) {
					default_value = Value(constant.DefaultCastAs(column.Type()).ToString());
				}
			} else {
				throw duckdb::NotImplementedException(
				    "Column \"%s\": DuckLake tables accept only literal DEFAULT values, not \"%s\"", column.Name(),
				    expr.ToString());
			}
		}
		FlattenType(column.Name(), column.Type(), -1, next_id, records, default_value);
	}
	return records;
}

LogicalType BuildColumnType(const ColumnRecord &record, const std::vector<ColumnRecord> &records) {
	if (!IsDucklakeNestedType(record.type)) {
		return DucklakePrimitiveType(record.type);
	}
	auto children = ChildrenOf(record.column_id, records);
	if (record.type == "list") {
		if (children.size() != 1) {
			throw duckdb::InvalidInputException("DuckLake list column \"%s\" must have one child, found %d",
			                                    record.name, children.size());
		}
		return LogicalType::LIST(BuildColumnType(*children[0], records));
	}
	if (record.type == "map") {
		if (children.size() != 2) {
			throw duckdb::InvalidInputException("DuckLake map column \"%s\" must have two children, found %d",
			                                    record.name, children.size());
		}
		return LogicalType::MAP(BuildColumnType(*children[0], records), BuildColumnType(*children[1], records));
	}
	duckdb::child_list_t<LogicalType> fields;
	for (auto child : children) {
		fields.emplace_back(child->name, BuildColumnType(*child, records));
	}
	return LogicalType::STRUCT(std::move(fields));
}

duckdb::ColumnList BuildColumnList(const std::vector<ColumnRecord> &records) {
	duckdb::ColumnList columns;
	for (auto &record : records) {
		if (record.parent_column >= 0) {
			continue;
		}
		duckdb::ColumnDefinition column(record.name, BuildColumnType(record, records));
		if (!record.default_value.IsNull()) {
			column.SetDefaultValue(
			    duckdb::make_uniq<duckdb::ConstantExpression>(record.default_value.DefaultCastAs(column.Type())));
		}
		if (!record.comment.IsNull()) {
			column.SetComment(record.comment);
		}
		columns.AddColumn(std::move(column));
	}
	return columns;
}

static Value FieldIdsOf(const ColumnRecord &record, const std::vector<ColumnRecord> &records) {
	auto id = Value::INTEGER(static_cast<int32_t>(record.column_id));
	if (!IsDucklakeNestedType(record.type)) {
		return id;
	}
	duckdb::child_list_t<Value> nested;
	nested.emplace_back("__duckdb_field_id", id);
	for (auto child : ChildrenOf(record.column_id, records)) {
		nested.emplace_back(child->name, FieldIdsOf(*child, records));
	}
	return Value::STRUCT(std::move(nested));
}

Value BuildFieldIds(const std::vector<ColumnRecord> &records) {
	duckdb::child_list_t<Value> fields;
	for (auto &record : records) {
		if (record.parent_column < 0) {
			fields.emplace_back(record.name, FieldIdsOf(record, records));
		}
	}
	return Value::STRUCT(std::move(fields));
}

static duckdb::MultiFileColumnDefinition ScanColumnOf(const ColumnRecord &record,
                                                      const std::vector<ColumnRecord> &records) {
	duckdb::MultiFileColumnDefinition column(record.name, BuildColumnType(record, records));
	column.identifier = Value::INTEGER(static_cast<int32_t>(record.column_id));
	auto default_value =
	    record.initial_default.IsNull() ? Value(column.type) : record.initial_default.DefaultCastAs(column.type);
	column.default_expression = duckdb::make_uniq<duckdb::ConstantExpression>(default_value);
	for (auto child : ChildrenOf(record.column_id, records)) {
		column.children.push_back(ScanColumnOf(*child, records));
	}
	return column;
}

std::vector<duckdb::MultiFileColumnDefinition> BuildScanSchema(const std::vector<ColumnRecord> &records) {
	std::vector<duckdb::MultiFileColumnDefinition> schema;
	for (auto &record : records) {
		if (record.parent_column < 0) {
			schema.push_back(ScanColumnOf(record, records));
		}
	}
	return schema;
}

static void CollectLeaves(const ColumnRecord &record, const std::vector<ColumnRecord> &records,
                          const std::string &prefix, bool under_repeated,
                          std::unordered_map<std::string, LeafColumn> &result) {
	auto key = prefix + (prefix.empty() ? "" : ".") + "\"" + record.name + "\"";
	if (!IsDucklakeNestedType(record.type)) {
		result[key] = LeafColumn {record.column_id, under_repeated, DucklakePrimitiveType(record.type)};
		return;
	}
	bool repeated = under_repeated || record.type == "list" || record.type == "map";
	for (auto child : ChildrenOf(record.column_id, records)) {
		CollectLeaves(*child, records, key, repeated, result);
	}
}

std::unordered_map<std::string, LeafColumn> LeafColumnsByStatsKey(const std::vector<ColumnRecord> &records) {
	std::unordered_map<std::string, LeafColumn> result;
	for (auto &record : records) {
		if (record.parent_column < 0) {
			CollectLeaves(record, records, "", false, result);
		}
	}
	return result;
}

} // namespace ducklake
