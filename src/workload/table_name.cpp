#include "workload/table_name.hpp"

#include "workload/taxi_schema.hpp"

#include <cctype>

namespace ducklake {

static bool IsIdentifier(const std::string &part) {
	if (part.empty() || part.size() > table_name_part_bytes_max || std::isdigit(static_cast<unsigned char>(part[0]))) {
		return false;
	}
	for (char character : part) {
		if (!std::isalnum(static_cast<unsigned char>(character)) && character != '_') {
			return false;
		}
	}
	return true;
}

TableName ParseTableName(const std::string &text) {
	TableName result;
	size_t start = 0;
	while (true) {
		auto dot = text.find('.', start);
		result.parts.push_back(text.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
		if (dot == std::string::npos) {
			break;
		}
		start = dot + 1;
	}
	bool valid = result.parts.size() <= 3;
	for (auto &part : result.parts) {
		valid = valid && IsIdentifier(part);
	}
	if (!valid) {
		result.parts.clear();
		result.error = "invalid table name \"" + text +
		               "\": expected [catalog.][schema.]table, each part letters, digits and underscores (at most " +
		               std::to_string(table_name_part_bytes_max) + " bytes, not starting with a digit)";
	}
	return result;
}

std::string TableName::QualifierPrefix() const {
	std::string result;
	for (size_t part_idx = 0; part_idx + 1 < parts.size(); part_idx++) {
		result += QuoteIdentifier(parts[part_idx]) + ".";
	}
	return result;
}

std::string TableName::Quoted() const {
	return QualifierPrefix() + QuoteIdentifier(Table());
}

std::string TableName::QuotedSibling(const std::string &suffix) const {
	return QualifierPrefix() + QuoteIdentifier(Table() + suffix);
}

} // namespace ducklake
