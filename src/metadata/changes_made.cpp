#include "metadata/changes_made.hpp"

namespace ducklake {

std::string QuoteChangeIdentifier(const std::string &name) {
	std::string result = "\"";
	for (char c : name) {
		if (c == '"') {
			result += "\"\"";
		} else {
			result += c;
		}
	}
	return result + "\"";
}

std::string FormatCreatedSchema(const std::string &schema_name) {
	return "created_schema:" + QuoteChangeIdentifier(schema_name);
}

std::string FormatCreatedTable(const std::string &schema_name, const std::string &table_name) {
	return "created_table:" + QuoteChangeIdentifier(schema_name) + "." + QuoteChangeIdentifier(table_name);
}

std::string FormatCreatedView(const std::string &schema_name, const std::string &view_name) {
	return "created_view:" + QuoteChangeIdentifier(schema_name) + "." + QuoteChangeIdentifier(view_name);
}

std::string FormatIdChange(const std::string &kind, int64_t id) {
	return kind + ":" + std::to_string(id);
}

std::string JoinChanges(const std::vector<std::string> &entries) {
	std::string result;
	for (size_t entry_idx = 0; entry_idx < entries.size(); entry_idx++) {
		if (entry_idx > 0) {
			result += ",";
		}
		result += entries[entry_idx];
	}
	return result;
}

bool ParseChanges(const std::string &text, std::vector<SnapshotChange> &result, std::string &error) {
	result.clear();
	if (text.empty()) {
		return true;
	}
	size_t pos = 0;
	while (pos <= text.size()) {
		auto colon = text.find(':', pos);
		if (colon == std::string::npos) {
			error = "changes_made entry without ':' at offset " + std::to_string(pos) + " in \"" + text + "\"";
			return false;
		}
		SnapshotChange change;
		change.kind = text.substr(pos, colon - pos);
		size_t cursor = colon + 1;
		bool in_quotes = false;
		while (cursor < text.size()) {
			char c = text[cursor];
			if (c == '"') {
				if (in_quotes && cursor + 1 < text.size() && text[cursor + 1] == '"') {
					cursor += 2;
					continue;
				}
				in_quotes = !in_quotes;
			} else if (c == ',' && !in_quotes) {
				break;
			}
			cursor++;
		}
		if (in_quotes) {
			error = "unterminated quoted name in changes_made \"" + text + "\"";
			return false;
		}
		change.target = text.substr(colon + 1, cursor - colon - 1);
		result.push_back(std::move(change));
		if (cursor >= text.size()) {
			break;
		}
		pos = cursor + 1;
	}
	return true;
}

std::string ChangeSummaryKey(const std::string &kind) {
	static const std::pair<const char *, const char *> summary_keys[] = {
	    {"created_schema", "schemas_created"},
	    {"dropped_schema", "schemas_dropped"},
	    {"created_table", "tables_created"},
	    {"dropped_table", "tables_dropped"},
	    {"altered_table", "tables_altered"},
	    {"inserted_into_table", "tables_inserted_into"},
	    {"deleted_from_table", "tables_deleted_from"},
	    {"created_view", "views_created"},
	    {"dropped_view", "views_dropped"},
	    {"altered_view", "views_altered"},
	    {"compacted_table", "tables_compacted"}};
	for (auto &entry : summary_keys) {
		if (kind == entry.first) {
			return entry.second;
		}
	}
	return kind;
}

std::string ChangeSummaryValue(const std::string &target) {
	if (target.empty() || target[0] != '"') {
		return target;
	}
	std::string result;
	bool in_quotes = false;
	for (size_t pos = 0; pos < target.size(); pos++) {
		char c = target[pos];
		if (c == '"') {
			if (in_quotes && pos + 1 < target.size() && target[pos + 1] == '"') {
				result += '"';
				pos++;
				continue;
			}
			in_quotes = !in_quotes;
			continue;
		}
		result += c;
	}
	return result;
}

std::vector<std::pair<std::string, std::vector<std::string>>>
SummarizeChanges(const std::vector<SnapshotChange> &changes) {
	std::vector<std::pair<std::string, std::vector<std::string>>> result;
	for (auto &change : changes) {
		auto key = ChangeSummaryKey(change.kind);
		auto value = ChangeSummaryValue(change.target);
		bool found = false;
		for (auto &entry : result) {
			if (entry.first == key) {
				entry.second.push_back(value);
				found = true;
				break;
			}
		}
		if (!found) {
			result.emplace_back(key, std::vector<std::string> {value});
		}
	}
	return result;
}

} // namespace ducklake
