#include "requirement_check.hpp"

#include "duckdb/storage/storage_info.hpp"

namespace ducklake::sqllogic {

namespace {

bool ParseCount(const std::vector<std::string> &parameters, uint64_t &count, std::string &reason) {
	if (parameters.size() != 2) {
		reason = "'require " + parameters[0] + "' needs one number";
		return false;
	}
	try {
		size_t used = 0;
		count = std::stoull(parameters[1], &used);
		if (used != parameters[1].size()) {
			throw std::invalid_argument(parameters[1]);
		}
	} catch (std::exception &) {
		reason = "'require " + parameters[0] + "' needs a number, got '" + parameters[1] + "'";
		return false;
	}
	return true;
}

} // namespace

bool CheckRequirement(duckdb::Connection &connection, const std::vector<std::string> &parameters, std::string &reason) {
	auto &name = parameters[0];
	static const char *const always_met[] = {
	    "64bit", "notwindows", "skip_reload", "noforcestorage", "no_alternative_verify", "noalternativeverify"};
	for (auto feature : always_met) {
		if (name == feature) {
			return true;
		}
	}
	if (name == "windows") {
		reason = "this test runs only on Windows";
		return false;
	}
	if (name == "longdouble") {
		reason = "this build has no long double support";
		return false;
	}
	if (name == "no_extension_autoloading") {
		reason = "this build autoloads its built-in extensions";
		return false;
	}
	if (name == "vector_size" || name == "exact_vector_size" || name == "block_size") {
		uint64_t wanted = 0;
		if (!ParseCount(parameters, wanted, reason)) {
			return false;
		}
		if (name == "vector_size" && STANDARD_VECTOR_SIZE < wanted) {
			reason = "the vector size is " + std::to_string(STANDARD_VECTOR_SIZE) + ", the test needs at least " +
			         parameters[1];
			return false;
		}
		if (name == "exact_vector_size" && STANDARD_VECTOR_SIZE != wanted) {
			reason = "the vector size is " + std::to_string(STANDARD_VECTOR_SIZE) + ", the test needs exactly " +
			         parameters[1];
			return false;
		}
		if (name == "block_size" && DEFAULT_BLOCK_ALLOC_SIZE != wanted) {
			reason =
			    "the block size is " + std::to_string(DEFAULT_BLOCK_ALLOC_SIZE) + ", the test needs " + parameters[1];
			return false;
		}
		return true;
	}
	auto statement = connection.Prepare("SELECT loaded FROM duckdb_extensions() WHERE extension_name = $1");
	if (statement->HasError()) {
		reason = "cannot list extensions: " + statement->GetError();
		return false;
	}
	duckdb::vector<duckdb::Value> arguments {duckdb::Value(name)};
	auto result = statement->Execute(arguments, false);
	if (result->HasError()) {
		reason = "cannot list extensions: " + result->GetError();
		return false;
	}
	auto &rows = result->Cast<duckdb::MaterializedQueryResult>();
	if (rows.RowCount() == 0) {
		reason = "extension '" + name + "' is not part of this build";
		return false;
	}
	auto loaded = rows.GetValue(0, 0);
	if (loaded.IsNull() || !loaded.GetValue<bool>()) {
		reason = "extension '" + name + "' is not loaded in this build (the runner never installs extensions)";
		return false;
	}
	return true;
}

} // namespace ducklake::sqllogic
