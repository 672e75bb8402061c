//===----------------------------------------------------------------------===//
// CheckRequirement: decides whether a `require <name> [argument]` line is met by this build.
//
// Extensions are met when DuckDB reports them loaded in the test's database (ducklake is ours,
// parquet, json, icu and core_functions are built into the prebuilt library); nothing is ever
// installed or downloaded. Build features follow DuckDB's runner:
//   vector_size N        met when the vector size (2048) is at least N
//   exact_vector_size N  met when it is exactly N
//   block_size N         met when the default block allocation size (262144) is N
//   64bit, notwindows, skip_reload, noforcestorage, no_alternative_verify, noalternativeverify
//                        always met (we run none of DuckDB's alternative verification modes)
//   windows, longdouble, no_extension_autoloading
//                        never met
// Anything else is looked up as an extension name. When unmet, reason says why in one sentence.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb.hpp"

#include <string>
#include <vector>

namespace ducklake::sqllogic {

//! parameters are the substituted tokens after `require`. Returns true when met; otherwise sets
//! reason.
bool CheckRequirement(duckdb::Connection &connection, const std::vector<std::string> &parameters, std::string &reason);

} // namespace ducklake::sqllogic
