#include "catalog/pending_deletes.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace ducklake {

TEST(PendingDeletes, MergePositionsKeepsSortedUnionAndCountsNewOnes) {
	std::vector<int64_t> target {1, 5, 9};
	EXPECT_EQ(MergePositions(target, {0, 5, 10}), 2);
	EXPECT_EQ(target, (std::vector<int64_t> {0, 1, 5, 9, 10}));
	EXPECT_EQ(MergePositions(target, {}), 0);
	EXPECT_EQ(MergePositions(target, {1, 9}), 0);
	EXPECT_EQ(target.size(), 5u);
}

TEST(PendingDeletes, SortPositionsMergesAscendingRunsAndDropsDuplicates) {
	std::vector<int64_t> positions {2, 5, 9, 1, 5, 8, 0, 3, 4, 4, 10};
	SortPositions(positions);
	EXPECT_EQ(positions, (std::vector<int64_t> {0, 1, 2, 3, 4, 5, 8, 9, 10}));
	std::vector<int64_t> empty;
	SortPositions(empty);
	EXPECT_TRUE(empty.empty());
}

TEST(PendingDeletes, SortPositionsSortsInputOfManyRuns) {
	std::vector<int64_t> positions;
	for (int64_t value = 3 * static_cast<int64_t>(max_merged_runs); value >= 0; value--) {
		positions.push_back(value);
	}
	auto expected = positions;
	std::sort(expected.begin(), expected.end());
	SortPositions(positions);
	EXPECT_EQ(positions, expected);
}

TEST(PendingDeletes, MergeSortedRunsMergesInterleavedRunsOnceAndDropsDuplicates) {
	// Two scanning threads that took row groups in turn, one of them out of order.
	std::vector<std::vector<int64_t>> runs {{0, 1, 2, 20, 21, 40}, {30, 31, 10, 11, 12}, {}};
	EXPECT_EQ(MergeSortedRuns(runs), (std::vector<int64_t> {0, 1, 2, 10, 11, 12, 20, 21, 30, 31, 40}));
	EXPECT_EQ(MergeSortedRuns({{5, 7}, {5, 6, 7}}), (std::vector<int64_t> {5, 6, 7}));
	EXPECT_EQ(MergeSortedRuns({{3, 1, 3}}), (std::vector<int64_t> {1, 3}));
	EXPECT_TRUE(MergeSortedRuns({}).empty());
	std::vector<std::vector<int64_t>> many;
	std::vector<int64_t> expected;
	for (int64_t value = 0; value < 3 * static_cast<int64_t>(max_merged_runs); value++) {
		many.push_back({value + 1, value});
		expected.push_back(value);
	}
	expected.push_back(3 * static_cast<int64_t>(max_merged_runs));
	EXPECT_EQ(MergeSortedRuns(many), expected);
}

TEST(PendingDeletes, AddDeduplicatesAndReportsOnlyNewlyDeletedRows) {
	PendingDeletes deletes;
	EXPECT_TRUE(deletes.Empty());
	EXPECT_EQ(deletes.Add(7, "dir/", "dir/a.parquet", {3, 1, 3}), 2);
	EXPECT_EQ(deletes.Add(7, "dir/", "dir/a.parquet", {1, 2}), 1);
	EXPECT_FALSE(deletes.Empty());
}

TEST(PendingDeletes, ApplyMergesIntoTheScanFilesOfTheSameTableByPath) {
	PendingDeletes deletes;
	deletes.Add(7, "dir/", "dir/a.parquet", {4, 2});
	deletes.Add(8, "other/", "other/a.parquet", {0});
	std::vector<ScanFile> files(2);
	files[0].path = "dir/a.parquet";
	files[0].deleted_positions = {3};
	files[1].path = "dir/b.parquet";
	deletes.Apply(7, files);
	EXPECT_EQ(files[0].deleted_positions, (std::vector<int64_t> {2, 3, 4}));
	EXPECT_TRUE(files[1].deleted_positions.empty());
}

TEST(PendingDeletes, DroppedTableIsForgotten) {
	PendingDeletes deletes;
	deletes.Add(7, "dir/", "dir/a.parquet", {1});
	deletes.DropTable(7);
	EXPECT_TRUE(deletes.Empty());
	std::vector<ScanFile> files(1);
	files[0].path = "dir/a.parquet";
	deletes.Apply(7, files);
	EXPECT_TRUE(files[0].deleted_positions.empty());
}

} // namespace ducklake
