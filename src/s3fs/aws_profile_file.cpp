#include "s3fs/aws_profile_file.hpp"

#include <algorithm>
#include <sstream>

namespace ducklake {

namespace {

std::string Trim(const std::string &text) {
	auto begin = text.find_first_not_of(" \t\r");
	if (begin == std::string::npos) {
		return std::string();
	}
	auto end = text.find_last_not_of(" \t\r");
	return text.substr(begin, end - begin + 1);
}

} // namespace

AwsIniSections ParseAwsIni(const std::string &text) {
	AwsIniSections sections;
	std::istringstream lines(text);
	std::string line;
	std::string section;
	bool in_section = false;
	while (std::getline(lines, line)) {
		if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
			continue; // continuation of a nested setting
		}
		auto trimmed = Trim(line);
		if (trimmed.empty() || trimmed[0] == '#' || trimmed[0] == ';') {
			continue;
		}
		if (trimmed[0] == '[') {
			auto close = trimmed.find(']');
			if (close == std::string::npos) {
				in_section = false;
				continue;
			}
			// Collapse inner blanks so "[profile   dev]" names "profile dev".
			std::istringstream words(trimmed.substr(1, close - 1));
			std::string word;
			section.clear();
			while (words >> word) {
				section += section.empty() ? word : " " + word;
			}
			in_section = true;
			sections[section];
			continue;
		}
		auto equals = trimmed.find('=');
		if (!in_section || equals == std::string::npos) {
			continue;
		}
		auto key = Trim(trimmed.substr(0, equals));
		std::transform(key.begin(), key.end(), key.begin(), ::tolower);
		if (!key.empty()) {
			sections[section][key] = Trim(trimmed.substr(equals + 1));
		}
	}
	return sections;
}

std::map<std::string, std::string> FindAwsProfile(const AwsIniSections &sections, AwsProfileFileKind kind,
                                                  const std::string &profile) {
	std::string section = profile;
	if (kind == AwsProfileFileKind::CONFIG && profile != "default") {
		section = "profile " + profile;
	}
	auto entry = sections.find(section);
	if (entry == sections.end() && kind == AwsProfileFileKind::CONFIG && profile == "default") {
		entry = sections.find("profile default");
	}
	return entry == sections.end() ? std::map<std::string, std::string>() : entry->second;
}

} // namespace ducklake
