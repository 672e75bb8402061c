#include "test_config.hpp"

#include <cctype>
#include <fnmatch.h>
#include <fstream>
#include <sstream>

namespace ducklake::sqllogic {

namespace {

bool IsVariableName(const std::string &name) {
	if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) {
		return false;
	}
	for (char c : name) {
		if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
			return false;
		}
	}
	return true;
}

std::string Trim(const std::string &text) {
	auto begin = text.find_first_not_of(" \t\r");
	if (begin == std::string::npos) {
		return std::string();
	}
	auto end = text.find_last_not_of(" \t\r");
	return text.substr(begin, end - begin + 1);
}

//! Splits "keyword rest of line" at the first space or tab.
std::pair<std::string, std::string> SplitKeyword(const std::string &line) {
	auto space = line.find_first_of(" \t");
	if (space == std::string::npos) {
		return {line, std::string()};
	}
	return {line.substr(0, space), Trim(line.substr(space + 1))};
}

} // namespace

const ConfigSkip *TestConfig::FindSkip(const std::string &relative_path) const {
	for (auto &skip : skips) {
		if (fnmatch(skip.pattern.c_str(), relative_path.c_str(), 0) == 0) {
			return &skip;
		}
	}
	return nullptr;
}

TestConfigResult ParseTestConfig(const std::string &name, const std::string &contents) {
	TestConfigResult result;
	result.config.name = name;
	std::istringstream stream(contents);
	std::string raw_line;
	uint64_t line_number = 0;
	auto fail = [&](const std::string &message) {
		result.ok = false;
		result.error = "config '" + name + "' line " + std::to_string(line_number) + ": " + message;
		return result;
	};
	while (std::getline(stream, raw_line)) {
		line_number++;
		auto line = Trim(raw_line);
		if (line.empty() || line[0] == '#') {
			continue;
		}
		auto keyword_and_rest = SplitKeyword(line);
		auto &keyword = keyword_and_rest.first;
		auto &rest = keyword_and_rest.second;
		if (keyword == "description") {
			result.config.description = rest;
		} else if (keyword == "init") {
			if (rest.empty()) {
				return fail("'init' needs SQL on the same line");
			}
			result.config.init_sql.push_back(rest);
		} else if (keyword == "skip") {
			auto pattern_and_reason = SplitKeyword(rest);
			if (pattern_and_reason.first.empty() || pattern_and_reason.second.empty()) {
				return fail("expected 'skip <glob> <reason>'; every skip needs a written reason");
			}
			result.config.skips.push_back(ConfigSkip {pattern_and_reason.first, pattern_and_reason.second});
		} else if (line.find('=') != std::string::npos) {
			auto equals = line.find('=');
			auto variable = Trim(line.substr(0, equals));
			if (!IsVariableName(variable)) {
				return fail("'" + variable +
				            "' is not a variable name (letters, digits and _, not starting with a digit)");
			}
			result.config.variables.emplace_back(variable, Trim(line.substr(equals + 1)));
		} else {
			return fail("cannot read '" + line +
			            "'; expected 'NAME=VALUE', 'init <SQL>', 'skip <glob> <reason>' or "
			            "'description <text>'");
		}
	}
	return result;
}

TestConfigResult LoadTestConfig(const std::string &path) {
	std::ifstream file(path, std::ios::binary);
	if (!file) {
		TestConfigResult result;
		result.ok = false;
		result.error = "cannot read configuration file '" + path + "'";
		return result;
	}
	std::stringstream contents;
	contents << file.rdbuf();
	auto slash = path.find_last_of('/');
	auto name = slash == std::string::npos ? path : path.substr(slash + 1);
	static const std::string suffix = ".conf";
	if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
		name = name.substr(0, name.size() - suffix.size());
	}
	return ParseTestConfig(name, contents.str());
}

} // namespace ducklake::sqllogic
