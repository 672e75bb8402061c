#include "cli/statement_buffer.hpp"

#include <gtest/gtest.h>

using ducklake::EndsWithStatementTerminator;
using ducklake::StatementBuffer;

TEST(StatementBuffer, SemicolonEndsAStatement) {
	EXPECT_TRUE(EndsWithStatementTerminator("SELECT 1;"));
	EXPECT_TRUE(EndsWithStatementTerminator("SELECT 1 ;  \n"));
	EXPECT_FALSE(EndsWithStatementTerminator("SELECT 1"));
	EXPECT_FALSE(EndsWithStatementTerminator(""));
}

TEST(StatementBuffer, SemicolonInsideStringsIdentifiersAndCommentsDoesNotEnd) {
	EXPECT_FALSE(EndsWithStatementTerminator("SELECT 'a;"));
	EXPECT_FALSE(EndsWithStatementTerminator("SELECT 'a;b'"));
	EXPECT_FALSE(EndsWithStatementTerminator("SELECT \"x;"));
	EXPECT_FALSE(EndsWithStatementTerminator("SELECT 1 /* ; */"));
	EXPECT_FALSE(EndsWithStatementTerminator("SELECT 1 /* unterminated ;"));
	EXPECT_FALSE(EndsWithStatementTerminator("SELECT 1 -- ;"));
	EXPECT_TRUE(EndsWithStatementTerminator("SELECT 'a;b';"));
	EXPECT_TRUE(EndsWithStatementTerminator("SELECT $$a;b$$;"));
}

TEST(StatementBuffer, TrailingCommentAfterTerminatorStillEnds) {
	EXPECT_TRUE(EndsWithStatementTerminator("SELECT 1; -- done"));
}

TEST(StatementBuffer, TwoStatementsWithoutFinalTerminatorWait) {
	EXPECT_FALSE(EndsWithStatementTerminator("SELECT 1; SELECT 2"));
	EXPECT_TRUE(EndsWithStatementTerminator("SELECT 1; SELECT 2;"));
}

TEST(StatementBuffer, MultiLineStatementCompletesOnTheTerminatingLine) {
	StatementBuffer buffer;
	EXPECT_TRUE(buffer.IsBlank());
	buffer.AddLine("SELECT 'first;");
	EXPECT_FALSE(buffer.IsComplete());
	buffer.AddLine("second' AS s,");
	EXPECT_FALSE(buffer.IsComplete());
	buffer.AddLine("  2 AS n;");
	ASSERT_TRUE(buffer.IsComplete());
	EXPECT_EQ(buffer.Take(), "SELECT 'first;\nsecond' AS s,\n  2 AS n;");
	EXPECT_TRUE(buffer.IsBlank());
	EXPECT_FALSE(buffer.IsComplete());
}

TEST(StatementBuffer, WhitespaceOnlyIsBlank) {
	StatementBuffer buffer;
	buffer.AddLine("   ");
	buffer.AddLine("\t");
	EXPECT_TRUE(buffer.IsBlank());
	buffer.AddLine("SELECT");
	EXPECT_FALSE(buffer.IsBlank());
	buffer.Clear();
	EXPECT_TRUE(buffer.IsBlank());
}
