#include "workload/progress_bar.hpp"

#include <gtest/gtest.h>

namespace ducklake {

TEST(ProgressBar, ShowsFractionPercentAndCounts) {
	EXPECT_EQ(RenderProgressBar(5, 10, 10), "[#####.....]  50% 5/10 rows");
	EXPECT_EQ(RenderProgressBar(10, 10, 4), "[####] 100% 10/10 rows");
}

TEST(ProgressBar, ClampsDoneAndHandlesZeroTotal) {
	EXPECT_EQ(RenderProgressBar(20, 10, 4), "[####] 100% 10/10 rows");
	EXPECT_EQ(RenderProgressBar(0, 0, 4), "[....]   0% 0/0 rows");
}

} // namespace ducklake
