#include "loop_values.hpp"

namespace ducklake::sqllogic {

namespace {

std::vector<std::string> ExpandForeachValue(const std::string &value) {
	static const std::vector<std::string> signed_types = {"tinyint", "smallint", "integer", "bigint", "hugeint"};
	static const std::vector<std::string> unsigned_types = {"utinyint", "usmallint", "uinteger", "ubigint", "uhugeint"};
	std::vector<std::string> integral = signed_types;
	integral.insert(integral.end(), unsigned_types.begin(), unsigned_types.end());
	std::vector<std::string> numeric = integral;
	numeric.push_back("float");
	numeric.push_back("double");
	if (value == "<signed>") {
		return signed_types;
	}
	if (value == "<unsigned>") {
		return unsigned_types;
	}
	if (value == "<integral>") {
		return integral;
	}
	if (value == "<numeric>") {
		return numeric;
	}
	if (value == "<alltypes>") {
		auto all = numeric;
		all.insert(all.end(), {"bool", "interval", "varchar", "json"});
		return all;
	}
	if (value == "<compression>") {
		return {"none", "uncompressed", "rle", "bitpacking", "dictionary", "fsst", "alp", "alprd"};
	}
	return {value};
}

bool ParseInteger(const std::string &text, int64_t &value) {
	try {
		size_t used = 0;
		value = std::stoll(text, &used);
		return used == text.size();
	} catch (std::exception &) {
		return false;
	}
}

} // namespace

bool LoopValues(RecordType type, const std::vector<std::string> &parameters, std::vector<std::string> &values,
                std::string &error) {
	values.clear();
	if (type == RecordType::FOREACH || type == RecordType::CONCURRENT_FOREACH) {
		for (uint64_t value_idx = 1; value_idx < parameters.size(); value_idx++) {
			for (auto &value : ExpandForeachValue(parameters[value_idx])) {
				values.push_back(value);
			}
		}
		return true;
	}
	int64_t start = 0;
	int64_t end = 0;
	if (parameters.size() != 3 || !ParseInteger(parameters[1], start) || !ParseInteger(parameters[2], end)) {
		error = "loop bounds must be two integers, got '" + (parameters.size() > 1 ? parameters[1] : "") + "' and '" +
		        (parameters.size() > 2 ? parameters[2] : "") + "'";
		return false;
	}
	if (end > start &&
	    static_cast<uint64_t>(end) - static_cast<uint64_t>(start) > static_cast<uint64_t>(LOOP_ITERATIONS_MAX)) {
		error = "loop from " + parameters[1] + " to " + parameters[2] + " has more than " +
		        std::to_string(LOOP_ITERATIONS_MAX) + " iterations";
		return false;
	}
	for (int64_t value = start; value < end; value++) {
		values.push_back(std::to_string(value));
	}
	return true;
}

} // namespace ducklake::sqllogic
