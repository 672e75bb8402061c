#include "cli/dot_commands.hpp"

#include <gtest/gtest.h>

using ducklake::IsDotCommand;
using ducklake::SplitDotCommand;

TEST(DotCommands, RecognisedByLeadingDot) {
	EXPECT_TRUE(IsDotCommand(".help"));
	EXPECT_TRUE(IsDotCommand("  .mode csv"));
	EXPECT_FALSE(IsDotCommand("SELECT .5"));
	EXPECT_FALSE(IsDotCommand(""));
	EXPECT_FALSE(IsDotCommand("   "));
}

TEST(DotCommands, SplitHonoursQuotes) {
	auto words = SplitDotCommand(".read 'my file.sql'");
	ASSERT_EQ(words.size(), 2u);
	EXPECT_EQ(words[0], ".read");
	EXPECT_EQ(words[1], "my file.sql");

	words = SplitDotCommand("  .timer   on  ");
	ASSERT_EQ(words.size(), 2u);
	EXPECT_EQ(words[1], "on");

	words = SplitDotCommand(".read \"unterminated name");
	ASSERT_EQ(words.size(), 2u);
	EXPECT_EQ(words[1], "unterminated name");
}

TEST(DotCommands, HelpListsEveryCommand) {
	auto help = ducklake::DotCommandHelp();
	for (auto command : {".help", ".quit", ".exit", ".read", ".timer", ".mode", ".maxrows"}) {
		EXPECT_NE(help.find(command), std::string::npos) << command;
	}
}
