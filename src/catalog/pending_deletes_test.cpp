#include "catalog/pending_deletes.hpp"
#include "storage/inlined_data_scan.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace ducklake {

TEST(PendingDeletes, MergePositionsKeepsSortedUnionAndCountsNewOnes) {
	DeletedPositions target {1, 5, 9};
	EXPECT_EQ(MergePositions(target, DeletedPositions {0, 5, 10}), 2);
	EXPECT_EQ(target, (DeletedPositions {0, 1, 5, 9, 10}));
	EXPECT_EQ(MergePositions(target, {}), 0);
	EXPECT_EQ(MergePositions(target, DeletedPositions {1, 9}), 0);
	EXPECT_EQ(target.size(), 5u);
}

TEST(PendingDeletes, MergePositionsIntoAScanFilesPositionsTakesEitherKind) {
	std::vector<int64_t> scan_file_positions {3, 7};
	EXPECT_EQ(MergePositions(scan_file_positions, DeletedPositions {1, 7}), 1);
	EXPECT_EQ(MergePositions(scan_file_positions, std::vector<int64_t> {8}), 1);
	EXPECT_EQ(scan_file_positions, (std::vector<int64_t> {1, 3, 7, 8}));
}

TEST(PendingDeletes, SortPositionsMergesAscendingRunsAndDropsDuplicates) {
	DeletedPositions positions {2, 5, 9, 1, 5, 8, 0, 3, 4, 4, 10};
	SortPositions(positions);
	EXPECT_EQ(positions, (DeletedPositions {0, 1, 2, 3, 4, 5, 8, 9, 10}));
	DeletedPositions empty;
	SortPositions(empty);
	EXPECT_TRUE(empty.empty());
}

TEST(PendingDeletes, SortPositionsSortsInputOfManyRuns) {
	DeletedPositions positions;
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
	std::vector<DeletedPositions> runs {{0, 1, 2, 20, 21, 40}, {30, 31, 10, 11, 12}, {}};
	EXPECT_EQ(MergeSortedRuns(runs), (DeletedPositions {0, 1, 2, 10, 11, 12, 20, 21, 30, 31, 40}));
	EXPECT_EQ(MergeSortedRuns({{5, 7}, {5, 6, 7}}), (DeletedPositions {5, 6, 7}));
	EXPECT_EQ(MergeSortedRuns({{3, 1, 3}}), (DeletedPositions {1, 3}));
	EXPECT_TRUE(MergeSortedRuns({}).empty());
	std::vector<DeletedPositions> many;
	DeletedPositions expected;
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

TEST(PendingDeletes, PositionsOfHasAllFilesAndInlinedPositionsOfOnlyInlinedRows) {
	PendingDeletes deletes;
	const std::string inlined = std::string(inlined_data_path_prefix) + "ducklake_inlined_data_7_1";
	deletes.Add(7, "dir/", "dir/a.parquet", {4, 2});
	deletes.Add(7, "dir/", inlined, {1});
	auto all = deletes.PositionsOf(7);
	ASSERT_EQ(all.size(), 2u);
	EXPECT_EQ(*all["dir/a.parquet"], (DeletedPositions {2, 4}));
	EXPECT_EQ(*all[inlined], (DeletedPositions {1}));
	auto only_inlined = deletes.InlinedPositionsOf(7);
	ASSERT_EQ(only_inlined.size(), 1u);
	EXPECT_EQ(only_inlined[inlined], (std::vector<int64_t> {1}));
	EXPECT_TRUE(deletes.PositionsOf(8).empty());
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
