#include "cli/stack_state.hpp"

#include <gtest/gtest.h>

namespace ducklake {

TEST(StackState, ConfRoundTrips) {
	StackState state;
	state.pg_port = 15432;
	state.s3_port = 19000;
	state.s3_pid = 4242;
	state.access_key_id = "ducklake";
	state.secret_access_key = "0123abcd";
	StackState parsed;
	ASSERT_EQ(ParseStackConf(RenderStackConf(state), parsed), "");
	EXPECT_EQ(parsed.pg_port, 15432);
	EXPECT_EQ(parsed.s3_port, 19000);
	EXPECT_EQ(parsed.s3_pid, 4242);
	EXPECT_EQ(parsed.access_key_id, "ducklake");
	EXPECT_EQ(parsed.secret_access_key, "0123abcd");
}

TEST(StackState, BadLinesNameTheLine) {
	StackState state;
	EXPECT_EQ(ParseStackConf("# c\npg_port=99999\n", state),
	          "stack.conf line 2: pg_port must be a port 0-65535, got \"99999\"");
	EXPECT_EQ(ParseStackConf("s3_pid=-1", state), "stack.conf line 1: s3_pid must be a process id, got \"-1\"");
	EXPECT_EQ(ParseStackConf("garbage", state), "stack.conf line 1 is not key=value: \"garbage\"");
	EXPECT_EQ(ParseStackConf("future_key=1\n", state), "");
	EXPECT_NE(ParseStackConf(std::string(5000, '#'), state).find("larger than 4096 bytes"), std::string::npos);
}

TEST(StackState, StatementsConnectToTheStack) {
	StackState state;
	state.pg_port = 15432;
	state.s3_port = 19000;
	state.access_key_id = "ducklake";
	state.secret_access_key = "s'cret";
	EXPECT_EQ(state.CatalogUri(), "postgres:dbname=lake host=127.0.0.1 port=15432 user=ducklake");
	EXPECT_EQ(state.AttachSql(),
	          "ATTACH 'ducklake:postgres:dbname=lake host=127.0.0.1 port=15432 user=ducklake' AS lake "
	          "(DATA_PATH 's3://lake/data/')");
	EXPECT_EQ(state.CreateSecretSql(),
	          "CREATE OR REPLACE SECRET ducklake_stack (TYPE s3, KEY_ID 'ducklake', SECRET 's''cret', ENDPOINT "
	          "'127.0.0.1:19000', URL_STYLE 'path', USE_SSL false, REGION 'us-east-1')");
}

} // namespace ducklake
