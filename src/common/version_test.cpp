#include "common/version.hpp"

#include <gtest/gtest.h>
#include <regex>

TEST(ProjectVersion, IsSemanticVersion) {
	EXPECT_TRUE(std::regex_match(ducklake::ProjectVersion(), std::regex(R"(\d+\.\d+\.\d+)")));
}
