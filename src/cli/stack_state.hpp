//===----------------------------------------------------------------------===//
// What `ducklake stack up` records in ./.stack/stack.conf and what it prints.
//
// stack.conf is `key=value` lines: the ports, the pid of the ducklake-s3d that `up` started and
// the generated S3 credentials, so that a second `up` reuses them, `down` stops exactly that
// process and `ducklake demo --stack` finds the stack. Everything here is pure: parsing,
// rendering and the SQL statements that connect a DuckDB session to the stack.
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>

namespace ducklake {

struct StackState {
	int32_t pg_port = 0;
	int32_t s3_port = 0;
	//! 0 when no s3d was started (or it was stopped)
	int64_t s3_pid = 0;
	std::string access_key_id;
	std::string secret_access_key;

	static constexpr const char *pg_user = "ducklake";
	static constexpr const char *pg_database = "lake";
	static constexpr const char *bucket = "lake";
	static constexpr const char *data_path = "s3://lake/data/";
	static constexpr const char *secret_name = "ducklake_stack";

	//! `postgres:dbname=lake host=127.0.0.1 port=P user=ducklake`: the catalog part of the ATTACH
	std::string CatalogUri() const;
	//! `127.0.0.1:P`
	std::string S3Endpoint() const;
	//! CREATE OR REPLACE SECRET for the stack's s3d (path style, plain http on loopback)
	std::string CreateSecretSql() const;
	//! ATTACH 'ducklake:postgres:...' AS lake (DATA_PATH 's3://lake/data/')
	std::string AttachSql() const;
};

constexpr size_t stack_conf_bytes_max = 4096;

//! Renders stack.conf.
std::string RenderStackConf(const StackState &state);

//! Parses stack.conf; unknown keys are ignored (newer versions may add some). Returns "" or an
//! error naming the line and what is allowed.
std::string ParseStackConf(const std::string &text, StackState &state);

} // namespace ducklake
