//===----------------------------------------------------------------------===//
// TestConfig: one configuration of the SQL suite (test/configs/<name>.conf).
//
// A configuration reruns the same .test files against another metadata store or storage target
// by defining variables the suites use (`${DUCKLAKE_METADATA}`, ...). The format, line by line
// (blank lines and lines starting with `#` are ignored):
//
//     description <free text>           what this configuration runs against
//     NAME=VALUE                        a variable; NAME is [A-Za-z_][A-Za-z0-9_]*; the value may
//                                       use __TEST_DIR__ and {UUID}; it overrides `test-env NAME`
//     init <SQL>                        run on every database the runner opens, after the
//                                       ducklake extension is loaded (in file order)
//     skip <glob> <reason>              files whose path relative to the suite root (e.g.
//                                       `basic/parquet.test`, glob with * ? [..]) are skipped
//                                       under this configuration; the reason is required
//
// The configuration name is the file name without `.conf`. Parsing is pure and reports the first
// bad line with what is allowed.
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ducklake::sqllogic {

struct ConfigSkip {
	std::string pattern;
	std::string reason;
};

struct TestConfig {
	std::string name;
	std::string description;
	std::vector<std::pair<std::string, std::string>> variables;
	std::vector<std::string> init_sql;
	std::vector<ConfigSkip> skips;

	//! The skip entry matching a suite-relative path, or nullptr.
	const ConfigSkip *FindSkip(const std::string &relative_path) const;
};

struct TestConfigResult {
	bool ok = true;
	std::string error;
	TestConfig config;
};

//! Parses configuration text; name is used in messages and becomes config.name.
TestConfigResult ParseTestConfig(const std::string &name, const std::string &contents);

//! Reads and parses a configuration file; the name is the file name without its `.conf`.
TestConfigResult LoadTestConfig(const std::string &path);

} // namespace ducklake::sqllogic
