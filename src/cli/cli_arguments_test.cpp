#include "cli/cli_arguments.hpp"

#include <gtest/gtest.h>

using ducklake::CliArguments;
using ducklake::OutputMode;
using ducklake::ParseCliArguments;
using ducklake::ScriptSource;

TEST(CliArguments, NoArgumentsMeansStdinInMemoryDefaultLakeBox) {
	auto parsed = ParseCliArguments({});
	ASSERT_TRUE(parsed.ok) << parsed.error;
	EXPECT_TRUE(parsed.arguments.database_path.empty());
	EXPECT_TRUE(parsed.arguments.scripts.empty());
	EXPECT_EQ(parsed.arguments.mode, OutputMode::BOX);
	EXPECT_TRUE(parsed.arguments.lake.enabled);
	EXPECT_FALSE(parsed.arguments.lake.IsExplicit());
}

TEST(CliArguments, CommandsAndFilesKeepCommandLineOrder) {
	auto parsed = ParseCliArguments({"-c", "SELECT 1", "-f", "a.sql", "--command", "SELECT 2", "--file=b.sql"});
	ASSERT_TRUE(parsed.ok) << parsed.error;
	auto &scripts = parsed.arguments.scripts;
	ASSERT_EQ(scripts.size(), 4u);
	EXPECT_EQ(scripts[0].kind, ScriptSource::Kind::SQL);
	EXPECT_EQ(scripts[0].text, "SELECT 1");
	EXPECT_EQ(scripts[1].kind, ScriptSource::Kind::FILE);
	EXPECT_EQ(scripts[1].text, "a.sql");
	EXPECT_EQ(scripts[2].text, "SELECT 2");
	EXPECT_EQ(scripts[3].kind, ScriptSource::Kind::FILE);
	EXPECT_EQ(scripts[3].text, "b.sql");
}

TEST(CliArguments, DatabaseMayComeBeforeOrAfterOptions) {
	auto before = ParseCliArguments({"my.duckdb", "-c", "SELECT 1"});
	auto after = ParseCliArguments({"-c", "SELECT 1", "my.duckdb"});
	ASSERT_TRUE(before.ok && after.ok);
	EXPECT_EQ(before.arguments.database_path, "my.duckdb");
	EXPECT_EQ(after.arguments.database_path, "my.duckdb");
}

TEST(CliArguments, DoubleDashMakesTheNextArgumentADatabase) {
	auto parsed = ParseCliArguments({"--", "-odd.duckdb"});
	ASSERT_TRUE(parsed.ok) << parsed.error;
	EXPECT_EQ(parsed.arguments.database_path, "-odd.duckdb");
}

TEST(CliArguments, EveryModeParses) {
	for (auto name : {"box", "csv", "tsv", "json", "markdown", "line"}) {
		auto parsed = ParseCliArguments({"-m", name});
		ASSERT_TRUE(parsed.ok) << name << ": " << parsed.error;
		EXPECT_STREQ(ducklake::OutputModeName(parsed.arguments.mode), name);
	}
}

TEST(CliArguments, UnknownModeNamesTheValueAndTheChoices) {
	auto parsed = ParseCliArguments({"--mode", "xml"});
	ASSERT_FALSE(parsed.ok);
	EXPECT_NE(parsed.error.find("'xml'"), std::string::npos) << parsed.error;
	EXPECT_NE(parsed.error.find("box, csv, tsv, json, markdown, line"), std::string::npos) << parsed.error;
}

TEST(CliArguments, MissingValuesAreErrors) {
	for (auto option : {"-c", "-f", "-m", "--lake", "--data"}) {
		auto parsed = ParseCliArguments({option});
		EXPECT_FALSE(parsed.ok) << option;
		EXPECT_NE(parsed.error.find(option), std::string::npos) << parsed.error;
	}
}

TEST(CliArguments, UnknownOptionIsNamed) {
	auto parsed = ParseCliArguments({"--frobnicate"});
	ASSERT_FALSE(parsed.ok);
	EXPECT_NE(parsed.error.find("'--frobnicate'"), std::string::npos) << parsed.error;
}

TEST(CliArguments, TwoDatabasesAreAnError) {
	auto parsed = ParseCliArguments({"a.duckdb", "b.duckdb"});
	ASSERT_FALSE(parsed.ok);
	EXPECT_NE(parsed.error.find("'a.duckdb' and 'b.duckdb'"), std::string::npos) << parsed.error;
}

TEST(CliArguments, LakeOptions) {
	auto parsed = ParseCliArguments({"--lake", "ducklake:x.ducklake", "--data=/tmp/d/"});
	ASSERT_TRUE(parsed.ok) << parsed.error;
	EXPECT_EQ(parsed.arguments.lake.uri, "ducklake:x.ducklake");
	EXPECT_EQ(parsed.arguments.lake.data_path, "/tmp/d/");
	EXPECT_TRUE(parsed.arguments.lake.IsExplicit());

	auto no_lake = ParseCliArguments({"--no-lake"});
	ASSERT_TRUE(no_lake.ok);
	EXPECT_FALSE(no_lake.arguments.lake.enabled);
}

TEST(CliArguments, NoLakeConflictsWithLakeAndData) {
	EXPECT_FALSE(ParseCliArguments({"--no-lake", "--lake", "x"}).ok);
	EXPECT_FALSE(ParseCliArguments({"--data", "d/", "--no-lake"}).ok);
}

TEST(CliArguments, HelpTeachesByExampleAndListsEveryModeAndSubcommand) {
	auto help = ducklake::CliHelpText();
	EXPECT_NE(help.find("ducklake -c \"SELECT 42\""), std::string::npos);
	EXPECT_NE(help.find("Examples:"), std::string::npos);
	EXPECT_NE(help.find(ducklake::OutputModeNames()), std::string::npos);
	EXPECT_NE(help.find("ducklake demo"), std::string::npos);
	EXPECT_NE(help.find(".timer on|off"), std::string::npos);
	EXPECT_NE(help.find("DUCKLAKE_HISTORY"), std::string::npos);
}

TEST(CliArguments, VersionNamesBothVersions) {
	auto text = ducklake::CliVersionText("v9.8.7", "abc123");
	EXPECT_EQ(text.rfind("ducklake ", 0), 0u);
	EXPECT_NE(text.find("DuckDB v9.8.7 (source id abc123)"), std::string::npos) << text;
}
