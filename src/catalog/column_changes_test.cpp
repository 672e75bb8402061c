#include "catalog/column_changes.hpp"

#include "duckdb/common/exception.hpp"
#include "duckdb/parser/expression/cast_expression.hpp"
#include "duckdb/parser/expression/columnref_expression.hpp"
#include "duckdb/parser/expression/constant_expression.hpp"

#include <gtest/gtest.h>

namespace ducklake {

using namespace duckdb; // NOLINT: test builds DuckDB AlterTableInfo values

namespace {

ColumnRecord Column(int64_t id, const std::string &name, const std::string &type, int64_t parent = -1) {
	ColumnRecord column;
	column.column_id = id;
	column.column_order = id;
	column.name = name;
	column.type = type;
	column.parent_column = parent;
	return column;
}

//! t(a INTEGER, s STRUCT(x INTEGER, y VARCHAR))
TableRecord Table() {
	TableRecord table;
	table.table_id = 3;
	table.name = "t";
	table.columns = {Column(1, "a", "int32"), Column(2, "s", "struct"), Column(3, "x", "int32", 2),
	                 Column(4, "y", "varchar", 2)};
	return table;
}

AlterEntryData Data() {
	return AlterEntryData("lake", "main", "t", OnEntryNotFound::THROW_EXCEPTION);
}

std::string ErrorOf(const std::function<void()> &action) {
	try {
		action();
	} catch (std::exception &ex) {
		return ErrorData(ex).RawMessage();
	}
	return "";
}

} // namespace

TEST(ColumnChanges, PromotionsAreTheFormatsWideningOnes) {
	EXPECT_TRUE(TypePromotionAllowed("int8", "int64"));
	EXPECT_TRUE(TypePromotionAllowed("int32", "int64"));
	EXPECT_TRUE(TypePromotionAllowed("uint8", "int16"));
	EXPECT_TRUE(TypePromotionAllowed("uint32", "uint64"));
	EXPECT_TRUE(TypePromotionAllowed("float32", "float64"));
	EXPECT_FALSE(TypePromotionAllowed("int64", "int32"));
	EXPECT_FALSE(TypePromotionAllowed("int32", "float64"));
	EXPECT_FALSE(TypePromotionAllowed("uint32", "int32"));
	EXPECT_FALSE(TypePromotionAllowed("varchar", "int64"));
	EXPECT_TRUE(AllowedPromotions("int64").empty());
}

TEST(ColumnChanges, AddColumnTakesTheNextIdAndItsDefaultFillsOlderRows) {
	ColumnDefinition column("tip", LogicalType::DOUBLE);
	column.SetDefaultValue(make_uniq<ConstantExpression>(Value::INTEGER(0)));
	AddColumnInfo info(Data(), std::move(column), false);
	auto result = AlterTableRecord(Table(), info, 7);
	ASSERT_TRUE(result.changed);
	auto &added = result.record.columns.back();
	EXPECT_EQ(added.column_id, 7);
	EXPECT_EQ(added.column_order, 7);
	EXPECT_EQ(added.type, "float64");
	EXPECT_EQ(added.initial_default.ToString(), "0.0");
	EXPECT_EQ(added.default_value.ToString(), "0.0");
}

TEST(ColumnChanges, AddExistingColumnIsRefusedUnlessIfNotExists) {
	AddColumnInfo info(Data(), ColumnDefinition("A", LogicalType::INTEGER), false);
	EXPECT_NE(ErrorOf([&]() { AlterTableRecord(Table(), info, 7); }).find("already exists"), std::string::npos);
	AddColumnInfo if_not_exists(Data(), ColumnDefinition("a", LogicalType::INTEGER), true);
	EXPECT_FALSE(AlterTableRecord(Table(), if_not_exists, 7).changed);
}

TEST(ColumnChanges, DropStructColumnRemovesItsFieldsAndDiffEndsThemAll) {
	RemoveColumnInfo info(Data(), "s", false, false);
	auto before = Table();
	auto result = AlterTableRecord(before, info, 7);
	ASSERT_EQ(result.record.columns.size(), 1u);
	auto diff = DiffTableRecords(before, result.record);
	EXPECT_EQ(diff.ended_column_ids, (std::vector<int64_t> {2, 3, 4}));
	EXPECT_EQ(diff.dropped_column_ids, (std::vector<int64_t> {2, 3, 4}));
	EXPECT_TRUE(diff.new_columns.empty());
	EXPECT_FALSE(diff.renamed);
}

TEST(ColumnChanges, DroppingTheLastColumnIsRefused) {
	auto table = Table();
	table.columns.resize(1);
	RemoveColumnInfo info(Data(), "a", false, false);
	EXPECT_EQ(ErrorOf([&]() { AlterTableRecord(table, info, 7); }),
	          "Cannot drop column \"a\": it is the only column of table \"t\"");
}

TEST(ColumnChanges, RenameKeepsTheColumnIdAndDiffReplacesOneRow) {
	RenameColumnInfo info(Data(), "a", "b");
	auto before = Table();
	auto result = AlterTableRecord(before, info, 7);
	EXPECT_EQ(result.record.columns[0].column_id, 1);
	EXPECT_EQ(result.record.columns[0].name, "b");
	auto diff = DiffTableRecords(before, result.record);
	EXPECT_EQ(diff.ended_column_ids, (std::vector<int64_t> {1}));
	EXPECT_TRUE(diff.dropped_column_ids.empty());
	ASSERT_EQ(diff.new_columns.size(), 1u);
	EXPECT_EQ(diff.new_columns[0].name, "b");
}

TEST(ColumnChanges, SetTypeWidensAndRefusesNarrowingNamingBothTypes) {
	ChangeColumnTypeInfo widen(Data(), "a", LogicalType::BIGINT,
	                           make_uniq<CastExpression>(LogicalType::BIGINT, make_uniq<ColumnRefExpression>("a")));
	EXPECT_EQ(AlterTableRecord(Table(), widen, 7).record.columns[0].type, "int64");
	ChangeColumnTypeInfo narrow(Data(), "a", LogicalType::SMALLINT,
	                            make_uniq<CastExpression>(LogicalType::SMALLINT, make_uniq<ColumnRefExpression>("a")));
	EXPECT_EQ(ErrorOf([&]() { AlterTableRecord(Table(), narrow, 7); }),
	          "Cannot change the type of column \"a\" from INTEGER to SMALLINT: DuckLake allows only widening type "
	          "promotions (files keep the old type and are read as the new one); a INTEGER column may become BIGINT");
}

TEST(ColumnChanges, StructFieldsAreAddedRenamedAndDroppedUnderTheirParent) {
	AddFieldInfo add(Data(), {"s"}, ColumnDefinition("z", LogicalType::BIGINT), false);
	auto added = AlterTableRecord(Table(), add, 9);
	auto &field = added.record.columns.back();
	EXPECT_EQ(field.column_id, 9);
	EXPECT_EQ(field.parent_column, 2);
	EXPECT_EQ(field.type, "int64");

	RenameFieldInfo rename(Data(), {"s", "x"}, "w");
	EXPECT_EQ(AlterTableRecord(Table(), rename, 9).record.columns[2].name, "w");

	RemoveFieldInfo remove(Data(), {"s", "y"}, false, false);
	auto removed = AlterTableRecord(Table(), remove, 9);
	EXPECT_EQ(removed.record.columns.size(), 3u);

	AddFieldInfo not_struct(Data(), {"a"}, ColumnDefinition("z", LogicalType::BIGINT), false);
	EXPECT_NE(ErrorOf([&]() { AlterTableRecord(Table(), not_struct, 9); }).find("only to STRUCT columns"),
	          std::string::npos);
}

TEST(ColumnChanges, TableRenameIsReportedByTheDiff) {
	RenameTableInfo info(Data(), "u");
	auto before = Table();
	auto result = AlterTableRecord(before, info, 7);
	EXPECT_TRUE(result.renamed);
	auto diff = DiffTableRecords(before, result.record);
	EXPECT_TRUE(diff.renamed);
	EXPECT_EQ(diff.table.name, "u");
	EXPECT_TRUE(diff.ended_column_ids.empty());
}

} // namespace ducklake
