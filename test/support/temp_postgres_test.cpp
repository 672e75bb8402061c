#include "support/temp_postgres.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <filesystem>

namespace ducklake {
namespace test {
namespace {

//! Connect with `conninfo` and return the first value of `sql`, or the error text prefixed by "error: ".
std::string QueryOne(const std::string &conninfo, const std::string &sql) {
	PGconn *connection = PQconnectdb((conninfo + " connect_timeout=5").c_str());
	if (PQstatus(connection) != CONNECTION_OK) {
		std::string message = "error: " + std::string(PQerrorMessage(connection));
		PQfinish(connection);
		return message;
	}
	PGresult *result = PQexec(connection, sql.c_str());
	std::string value = PQresultStatus(result) == PGRES_TUPLES_OK
	                        ? PQgetvalue(result, 0, 0)
	                        : "error: " + std::string(PQresultErrorMessage(result));
	PQclear(result);
	PQfinish(connection);
	return value;
}

TEST(TempPostgresTest, ServesTcpWithPasswordAndTheUnixSocket) {
	auto server = TempPostgres::Start();
	EXPECT_EQ(QueryOne(server->ConnInfo(), "SELECT 40 + 2"), "42");
	EXPECT_EQ(QueryOne(server->SocketConnInfo(), "SELECT current_user"), "ducklake");
	EXPECT_EQ(QueryOne(server->ConnInfo(), "SHOW server_version_num").substr(0, 2), "15");
	EXPECT_EQ(QueryOne(server->ConnInfo(), "SHOW port"), std::to_string(server->Port()));
}

TEST(TempPostgresTest, TcpRefusesAWrongPassword) {
	auto server = TempPostgres::Start();
	auto conninfo = "host=127.0.0.1 port=" + std::to_string(server->Port()) + " user=ducklake password=wrong";
	auto answer = QueryOne(conninfo, "SELECT 1");
	EXPECT_NE(answer.find("password authentication failed"), std::string::npos) << answer;
}

TEST(TempPostgresTest, RestartKeepsPortAndData) {
	auto server = TempPostgres::Start();
	server->Execute("CREATE TABLE kept(v int); INSERT INTO kept VALUES (7)");
	auto port = server->Port();
	server->Restart();
	EXPECT_EQ(server->Port(), port);
	EXPECT_EQ(QueryOne(server->ConnInfo(), "SELECT v FROM kept"), "7");
}

TEST(TempPostgresTest, StoppedServerRefusesConnections) {
	auto server = TempPostgres::Start();
	server->Stop();
	EXPECT_FALSE(server->Running());
	auto answer = QueryOne(server->ConnInfo(), "SELECT 1");
	EXPECT_EQ(answer.rfind("error: ", 0), 0u) << answer;
}

TEST(TempPostgresTest, DestructorRemovesTheDirectory) {
	std::string directory;
	{
		auto server = TempPostgres::Start();
		directory = server->Directory();
		ASSERT_TRUE(std::filesystem::exists(directory + "/data/PG_VERSION"));
	}
	EXPECT_FALSE(std::filesystem::exists(directory));
}

TEST(TempPostgresTest, TwoServersRunSideBySide) {
	auto first = TempPostgres::Start();
	auto second = TempPostgres::Start();
	EXPECT_NE(first->Port(), second->Port());
	first->Execute("CREATE TABLE only_in_first(v int)");
	EXPECT_EQ(QueryOne(second->ConnInfo(), "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"), "0");
}

} // namespace
} // namespace test
} // namespace ducklake
