#include "loop_values.hpp"

#include <gtest/gtest.h>

namespace ducklake::sqllogic {
namespace {

std::vector<std::string> Values(RecordType type, const std::vector<std::string> &parameters) {
	std::vector<std::string> values;
	std::string error;
	EXPECT_TRUE(LoopValues(type, parameters, values, error)) << error;
	return values;
}

TEST(LoopValues, LoopEndIsExclusive) {
	EXPECT_EQ(Values(RecordType::LOOP, {"i", "2", "5"}), (std::vector<std::string> {"2", "3", "4"}));
	EXPECT_EQ(Values(RecordType::CONCURRENT_LOOP, {"i", "-1", "1"}), (std::vector<std::string> {"-1", "0"}));
	EXPECT_TRUE(Values(RecordType::LOOP, {"i", "5", "5"}).empty());
	EXPECT_TRUE(Values(RecordType::LOOP, {"i", "5", "2"}).empty());
}

TEST(LoopValues, BadOrHugeBoundsAreErrors) {
	std::vector<std::string> values;
	std::string error;
	EXPECT_FALSE(LoopValues(RecordType::LOOP, {"i", "0", "ten"}, values, error));
	EXPECT_NE(error.find("'0' and 'ten'"), std::string::npos) << error;
	EXPECT_FALSE(LoopValues(RecordType::LOOP, {"i", "1x", "3"}, values, error));
	EXPECT_FALSE(LoopValues(RecordType::LOOP, {"i", "0", "1000001"}, values, error));
	EXPECT_NE(error.find("more than 1000000 iterations"), std::string::npos) << error;
	EXPECT_FALSE(LoopValues(RecordType::LOOP, {"i", "-9223372036854775807", "9223372036854775807"}, values, error));
	EXPECT_TRUE(LoopValues(RecordType::LOOP, {"i", "0", "1000000"}, values, error));
	EXPECT_EQ(values.size(), 1000000u);
}

TEST(LoopValues, ForeachExpandsTypeLists) {
	EXPECT_EQ(Values(RecordType::FOREACH, {"x", "a", "b"}), (std::vector<std::string> {"a", "b"}));
	EXPECT_EQ(Values(RecordType::FOREACH, {"t", "<signed>"}),
	          (std::vector<std::string> {"tinyint", "smallint", "integer", "bigint", "hugeint"}));
	EXPECT_EQ(Values(RecordType::CONCURRENT_FOREACH, {"t", "x", "<numeric>"}).size(), 13u);
	EXPECT_EQ(Values(RecordType::FOREACH, {"t", "<alltypes>"}).back(), "json");
}

} // namespace
} // namespace ducklake::sqllogic
