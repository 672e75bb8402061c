#include "storage/column_tree.hpp"

#include <gtest/gtest.h>

namespace ducklake {

using duckdb::LogicalType;

static duckdb::ColumnList NestedColumns() {
	duckdb::ColumnList columns;
	columns.AddColumn(duckdb::ColumnDefinition("id", LogicalType::INTEGER));
	columns.AddColumn(duckdb::ColumnDefinition("l", LogicalType::LIST(LogicalType::INTEGER)));
	columns.AddColumn(duckdb::ColumnDefinition(
	    "st", LogicalType::STRUCT({{"a", LogicalType::INTEGER}, {"b", LogicalType::VARCHAR}})));
	columns.AddColumn(duckdb::ColumnDefinition("m", LogicalType::MAP(LogicalType::VARCHAR, LogicalType::INTEGER)));
	return columns;
}

TEST(ColumnTree, IdsAreDepthFirstFromOneLikeOfficialCatalog) {
	auto records = FlattenColumns(NestedColumns());
	ASSERT_EQ(records.size(), 9u);
	EXPECT_EQ(records[1].name, "l");
	EXPECT_EQ(records[1].type, "list");
	EXPECT_EQ(records[2].name, "element");
	EXPECT_EQ(records[2].parent_column, 2);
	EXPECT_EQ(records[3].column_id, 4);
	EXPECT_EQ(records[5].name, "b");
	EXPECT_EQ(records[5].parent_column, 4);
	EXPECT_EQ(records[7].name, "key");
	EXPECT_EQ(records[8].name, "value");
	EXPECT_EQ(records[8].column_order, 9);
}

TEST(ColumnTree, RecordsRebuildTheSameTypes) {
	auto columns = NestedColumns();
	auto rebuilt = BuildColumnList(FlattenColumns(columns));
	ASSERT_EQ(rebuilt.LogicalColumnCount(), columns.LogicalColumnCount());
	for (duckdb::idx_t column_idx = 0; column_idx < columns.LogicalColumnCount(); column_idx++) {
		auto &original = columns.GetColumn(duckdb::LogicalIndex(column_idx));
		auto &copy = rebuilt.GetColumn(duckdb::LogicalIndex(column_idx));
		EXPECT_EQ(copy.Name(), original.Name());
		EXPECT_EQ(copy.Type(), original.Type());
	}
}

TEST(ColumnTree, FieldIdsNestUnderDuckdbFieldId) {
	auto value = BuildFieldIds(FlattenColumns(NestedColumns()));
	EXPECT_EQ(value.ToString(), "{'id': 1, 'l': {'__duckdb_field_id': 2, 'element': 3}, 'st': {'__duckdb_field_id': 4, "
	                            "'a': 5, 'b': 6}, 'm': {'__duckdb_field_id': 7, 'key': 8, 'value': 9}}");
}

TEST(ColumnTree, StatsKeysAreQuotedLeafPaths) {
	auto leaves = LeafColumnsByStatsKey(FlattenColumns(NestedColumns()));
	ASSERT_EQ(leaves.count("\"id\""), 1u);
	EXPECT_FALSE(leaves["\"id\""].under_repeated);
	EXPECT_TRUE(leaves["\"l\".\"element\""].under_repeated);
	EXPECT_FALSE(leaves["\"st\".\"a\""].under_repeated);
	EXPECT_EQ(leaves["\"m\".\"value\""].column_id, 9);
}

} // namespace ducklake
