#include "variable_environment.hpp"

#include "duckdb/common/file_system.hpp"
#include "duckdb/common/types/uuid.hpp"

namespace ducklake::sqllogic {

namespace {

void ReplaceAll(std::string &text, const std::string &from, const std::string &to) {
	std::string::size_type pos = 0;
	while ((pos = text.find(from, pos)) != std::string::npos) {
		text.replace(pos, from.size(), to);
		pos += to.size();
	}
}

} // namespace

VariableEnvironment::VariableEnvironment(std::string test_dir_p, std::string base_test_name_p)
    : test_dir(std::move(test_dir_p)), base_test_name(std::move(base_test_name_p)) {
}

VariableEnvironment::Variable *VariableEnvironment::Find(const std::string &name) {
	for (auto &variable : variables) {
		if (variable.name == name) {
			return &variable;
		}
	}
	return nullptr;
}

const VariableEnvironment::Variable *VariableEnvironment::Find(const std::string &name) const {
	for (auto &variable : variables) {
		if (variable.name == name) {
			return &variable;
		}
	}
	return nullptr;
}

void VariableEnvironment::DefineFromConfig(const std::string &name, const std::string &value) {
	auto resolved = ReplaceKeywords(value);
	if (auto existing = Find(name)) {
		existing->value = resolved;
		existing->from_config = true;
		return;
	}
	variables.push_back(Variable {name, resolved, true});
}

bool VariableEnvironment::DefineTestDefault(const std::string &name, const std::string &value) {
	auto existing = Find(name);
	if (existing && existing->from_config) {
		return false;
	}
	auto resolved = ReplaceKeywords(value);
	if (existing) {
		existing->value = resolved;
	} else {
		variables.push_back(Variable {name, resolved, false});
	}
	return true;
}

void VariableEnvironment::DefineFromProcess(const std::string &name, const std::string &value) {
	DefineTestDefault(name, value);
}

std::string VariableEnvironment::ReplaceKeywords(const std::string &input) const {
	std::string output = input;
	ReplaceAll(output, "__TEST_DIR__", test_dir);
	if (output.find("__WORKING_DIRECTORY__") != std::string::npos) {
		ReplaceAll(output, "__WORKING_DIRECTORY__", duckdb::FileSystem::GetWorkingDirectory());
	}
	static const std::string uuid_keyword = "{UUID}";
	std::string::size_type pos = 0;
	while ((pos = output.find(uuid_keyword, pos)) != std::string::npos) {
		auto uuid = duckdb::UUID::ToString(duckdb::UUID::GenerateRandomUUID());
		output.replace(pos, uuid_keyword.size(), uuid);
		pos += uuid.size();
	}
	return output;
}

std::string VariableEnvironment::DefinedNames(const LoopBindings &loops) const {
	std::string names;
	for (auto &binding : loops) {
		names += names.empty() ? "" : ", ";
		names += binding.first;
	}
	for (auto &variable : variables) {
		names += names.empty() ? "" : ", ";
		names += variable.name;
	}
	return names.empty() ? "(none)" : names;
}

const std::string *VariableEnvironment::Lookup(const std::string &name, const LoopBindings &loops) const {
	for (auto binding = loops.rbegin(); binding != loops.rend(); ++binding) {
		if (binding->first == name) {
			return &binding->second;
		}
	}
	if (auto variable = Find(name)) {
		return &variable->value;
	}
	if (name == "TEST_DIR") {
		return &test_dir;
	}
	if (name == "BASE_TEST_NAME") {
		return &base_test_name;
	}
	return nullptr;
}

bool VariableEnvironment::Substitute(const std::string &input, const LoopBindings &loops, std::string &output,
                                     std::string &error) const {
	std::string result;
	result.reserve(input.size());
	std::string::size_type pos = 0;
	while (pos < input.size()) {
		auto brace = input.find('{', pos);
		if (brace == std::string::npos) {
			result.append(input, pos, std::string::npos);
			break;
		}
		bool dollar = brace > pos && input[brace - 1] == '$';
		auto start = dollar ? brace - 1 : brace;
		result.append(input, pos, start - pos);
		auto end = input.find('}', brace + 1);
		if (end == std::string::npos) {
			if (dollar) {
				error = "unterminated '${' in: " + input;
				return false;
			}
			result.append(input, start, std::string::npos);
			break;
		}
		auto name = input.substr(brace + 1, end - brace - 1);
		auto value = Lookup(name, loops);
		if (!value && dollar) {
			error = "undefined variable ${" + name + "}; defined here: " + DefinedNames(loops) +
			        " (set it with test-env, require-env, a loop, or a --config NAME=VALUE line)";
			return false;
		}
		if (!value) {
			// `{...}` that names nothing we know is SQL (a struct literal, JSON, {UUID}): keep it.
			result += '{';
			pos = brace + 1;
			continue;
		}
		result += *value;
		pos = end + 1;
	}
	output = ReplaceKeywords(result);
	return true;
}

} // namespace ducklake::sqllogic
