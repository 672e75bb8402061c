#include "metadata/changes_made.hpp"

#include <gtest/gtest.h>

namespace ducklake {

TEST(ChangesMade, FormatsCreationsWithQuotedNames) {
	EXPECT_EQ(FormatCreatedSchema("main"), "created_schema:\"main\"");
	EXPECT_EQ(FormatCreatedTable("s1", "typed"), "created_table:\"s1\".\"typed\"");
	EXPECT_EQ(FormatCreatedView("main", "v"), "created_view:\"main\".\"v\"");
	EXPECT_EQ(FormatCreatedTable("a\"b", "t"), "created_table:\"a\"\"b\".\"t\"");
}

TEST(ChangesMade, JoinsIdChangesWithComma) {
	EXPECT_EQ(JoinChanges({FormatIdChange("inserted_into_table", 3), FormatIdChange("deleted_from_table", 3)}),
	          "inserted_into_table:3,deleted_from_table:3");
}

TEST(ChangesMade, ParseKeepsQuotedCommasAndColons) {
	std::vector<SnapshotChange> changes;
	std::string error;
	ASSERT_TRUE(ParseChanges("created_table:\"a,b\".\"c:d\",inserted_into_table:7", changes, error)) << error;
	ASSERT_EQ(changes.size(), 2u);
	EXPECT_EQ(changes[0].kind, "created_table");
	EXPECT_EQ(changes[0].target, "\"a,b\".\"c:d\"");
	EXPECT_EQ(changes[1].kind, "inserted_into_table");
	EXPECT_EQ(changes[1].target, "7");
}

TEST(ChangesMade, ParseRejectsUnterminatedQuoteAndMissingColon) {
	std::vector<SnapshotChange> changes;
	std::string error;
	EXPECT_FALSE(ParseChanges("created_schema:\"main", changes, error));
	EXPECT_NE(error.find("unterminated"), std::string::npos);
	EXPECT_FALSE(ParseChanges("created_schema", changes, error));
}

TEST(ChangesMade, EmptyTextIsNoChanges) {
	std::vector<SnapshotChange> changes;
	std::string error;
	EXPECT_TRUE(ParseChanges("", changes, error));
	EXPECT_TRUE(changes.empty());
}

TEST(ChangesMade, SummaryMatchesOfficialSnapshotsFunction) {
	std::vector<SnapshotChange> changes;
	std::string error;
	ASSERT_TRUE(
	    ParseChanges("inserted_into_table:3,deleted_from_table:3,created_table:\"main\".\"trips\"", changes, error));
	auto summary = SummarizeChanges(changes);
	ASSERT_EQ(summary.size(), 3u);
	EXPECT_EQ(summary[0].first, "tables_inserted_into");
	EXPECT_EQ(summary[1].first, "tables_deleted_from");
	EXPECT_EQ(summary[2].first, "tables_created");
	EXPECT_EQ(summary[2].second[0], "main.trips");
	EXPECT_EQ(ChangeSummaryKey("inlined_insert"), "inlined_insert");
	EXPECT_EQ(ChangeSummaryKey("created_schema"), "schemas_created");
}

} // namespace ducklake
