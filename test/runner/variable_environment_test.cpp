#include "variable_environment.hpp"

#include <gtest/gtest.h>

namespace ducklake::sqllogic {
namespace {

std::string Substituted(const VariableEnvironment &environment, const std::string &input,
                        const LoopBindings &loops = LoopBindings()) {
	std::string output;
	std::string error;
	EXPECT_TRUE(environment.Substitute(input, loops, output, error)) << error;
	return output;
}

TEST(VariableEnvironment, ConfigurationOverridesTestEnv) {
	VariableEnvironment environment("/tmp/t", "name");
	environment.DefineFromConfig("STORE", "config_value");
	EXPECT_FALSE(environment.DefineTestDefault("STORE", "test_value"));
	EXPECT_TRUE(environment.DefineTestDefault("OTHER", "test_value"));
	EXPECT_EQ(Substituted(environment, "${STORE} ${OTHER}"), "config_value test_value");
}

TEST(VariableEnvironment, InnermostLoopVariableWins) {
	VariableEnvironment environment("/tmp/t", "name");
	environment.DefineTestDefault("i", "variable");
	LoopBindings loops {{"i", "outer"}, {"j", "2"}, {"i", "inner"}};
	EXPECT_EQ(Substituted(environment, "${i}-${j}", loops), "inner-2");
}

TEST(VariableEnvironment, UndefinedDollarVariableIsAnError) {
	VariableEnvironment environment("/tmp/t", "name");
	environment.DefineTestDefault("KNOWN", "1");
	std::string output;
	std::string error;
	EXPECT_FALSE(environment.Substitute("SELECT '${UNKNOWN}'", LoopBindings(), output, error));
	EXPECT_NE(error.find("undefined variable ${UNKNOWN}"), std::string::npos) << error;
	EXPECT_NE(error.find("KNOWN"), std::string::npos) << error;
	EXPECT_FALSE(environment.Substitute("SELECT '${UNTERMINATED", LoopBindings(), output, error));
}

TEST(VariableEnvironment, BraceFormReplacesOnlyKnownNames) {
	VariableEnvironment environment("/tmp/t", "my_test");
	environment.DefineTestDefault("CONN", "lake.db");
	LoopBindings loops {{"k", "3"}};
	EXPECT_EQ(Substituted(environment, "{TEST_DIR}/{BASE_TEST_NAME}/{CONN}/{k}", loops), "/tmp/t/my_test/lake.db/3");
	EXPECT_EQ(Substituted(environment, "SELECT {'a': {k}}, {unknown}, '{\"j\": 1}'", loops),
	          "SELECT {'a': 3}, {unknown}, '{\"j\": 1}'");
}

TEST(VariableEnvironment, KeywordsAndUuids) {
	VariableEnvironment environment("/tmp/t", "name");
	EXPECT_EQ(Substituted(environment, "__TEST_DIR__/x"), "/tmp/t/x");
	auto two = Substituted(environment, "{UUID} {UUID}");
	auto space = two.find(' ');
	ASSERT_NE(space, std::string::npos);
	EXPECT_EQ(space, 36u);
	EXPECT_NE(two.substr(0, space), two.substr(space + 1));
	// A variable's {UUID} is drawn once, when it is defined.
	environment.DefineTestDefault("DB", "__TEST_DIR__/{UUID}.db");
	auto first = Substituted(environment, "${DB}");
	EXPECT_EQ(first, Substituted(environment, "${DB}"));
	EXPECT_EQ(first.rfind("/tmp/t/", 0), 0u);
}

} // namespace
} // namespace ducklake::sqllogic
