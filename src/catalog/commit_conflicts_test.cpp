#include "catalog/commit_conflicts.hpp"
#include "catalog/commit_retry.hpp"

#include <gtest/gtest.h>

namespace ducklake {

static std::vector<ConcurrentCommit> Theirs(int64_t snapshot_id, const std::string &changes_made) {
	ConcurrentCommit commit;
	commit.snapshot_id = snapshot_id;
	std::string error;
	EXPECT_TRUE(ParseChanges(changes_made, commit.changes, error)) << error;
	return {commit};
}

static std::string Describe(const std::string &kind, int64_t id) {
	return kind + " #" + std::to_string(id);
}

TEST(CommitConflicts, ConcurrentInsertsIntoOneTableDoNotConflict) {
	auto conflict = FindCommitConflict({{"inserted_into_table", 3, ""}}, Theirs(7, "inserted_into_table:3"));
	EXPECT_FALSE(conflict.found);
}

TEST(CommitConflicts, InsertAndDeleteOfOneTableDoNotConflictAtTableLevel) {
	EXPECT_FALSE(FindCommitConflict({{"inserted_into_table", 3, ""}}, Theirs(7, "deleted_from_table:3")).found);
	EXPECT_FALSE(FindCommitConflict({{"deleted_from_table", 3, ""}}, Theirs(7, "inserted_into_table:3")).found);
}

TEST(CommitConflicts, InsertIntoATableDroppedMeanwhileConflictsAndNamesTheSnapshot) {
	auto conflict =
	    FindCommitConflict({{"inserted_into_table", 3, ""}}, Theirs(9, "inserted_into_table:4,dropped_table:3"));
	ASSERT_TRUE(conflict.found);
	EXPECT_EQ(conflict.snapshot_id, 9);
	EXPECT_EQ(DescribeCommitConflict(conflict, Describe),
	          "cannot insert into table #3: another transaction dropped it in snapshot 9");
}

TEST(CommitConflicts, AlteringATableAnotherTransactionWroteToConflicts) {
	auto conflict = FindCommitConflict({{"altered_table", 5, ""}}, Theirs(4, "inserted_into_table:5"));
	ASSERT_TRUE(conflict.found);
	EXPECT_EQ(DescribeCommitConflict(conflict, Describe),
	          "cannot alter table #5: another transaction inserted into it in snapshot 4");
	EXPECT_TRUE(FindCommitConflict({{"dropped_table", 5, ""}}, Theirs(4, "deleted_from_table:5")).found);
	EXPECT_FALSE(FindCommitConflict({{"dropped_table", 5, ""}}, Theirs(4, "deleted_from_table:6")).found);
}

TEST(CommitConflicts, DeleteFromATableAlteredMeanwhileConflicts) {
	EXPECT_TRUE(FindCommitConflict({{"deleted_from_table", 2, ""}}, Theirs(3, "altered_table:2")).found);
	EXPECT_TRUE(FindCommitConflict({{"deleted_from_table", 2, ""}}, Theirs(3, "compacted_table:2")).found);
}

TEST(CommitConflicts, CreatingTheSameNameConflictsCaseInsensitively) {
	auto conflict =
	    FindCommitConflict({{"created_table", -1, "\"main\".\"Trips\""}}, Theirs(6, "created_view:\"main\".\"trips\""));
	ASSERT_TRUE(conflict.found);
	EXPECT_EQ(DescribeCommitConflict(conflict, Describe),
	          "cannot create table \"main\".\"Trips\": another transaction created view \"main\".\"trips\" in "
	          "snapshot 6");
	EXPECT_FALSE(
	    FindCommitConflict({{"created_table", -1, "\"main\".\"a\""}}, Theirs(6, "created_table:\"main\".\"b\"")).found);
	EXPECT_TRUE(FindCommitConflict({{"created_schema", -1, "\"s\""}}, Theirs(2, "created_schema:\"S\"")).found);
}

TEST(CommitConflicts, ViewsAndSchemas) {
	EXPECT_TRUE(FindCommitConflict({{"altered_view", 8, ""}}, Theirs(3, "dropped_view:8")).found);
	EXPECT_FALSE(FindCommitConflict({{"altered_view", 8, ""}}, Theirs(3, "dropped_table:8,altered_view:9")).found);
	EXPECT_TRUE(FindCommitConflict({{"dropped_schema", 1, ""}}, Theirs(3, "dropped_schema:1")).found);
}

TEST(CommitRetryPolicy, WaitsGrowByTheBackoffAndAreCapped) {
	CommitRetryPolicy policy;
	EXPECT_EQ(policy.WaitMs(0), 100);
	EXPECT_EQ(policy.WaitMs(1), 150);
	EXPECT_EQ(policy.WaitMs(2), 225);
	policy.retry_backoff = 10;
	EXPECT_EQ(policy.WaitMs(9), commit_retry_wait_ms_max);
}

} // namespace ducklake
