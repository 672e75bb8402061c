#include "catalog/commit_conflicts.hpp"

#include "duckdb/common/string_util.hpp"

#include <cstring>

namespace ducklake {

namespace {

//! Which of their change kinds contradict one of ours on the same target.
struct ConflictRule {
	const char *ours;
	std::vector<const char *> theirs;
};

const std::vector<ConflictRule> &IdRules() {
	static const std::vector<const char *> any_table_change = {
	    "dropped_table",  "altered_table",  "inserted_into_table", "deleted_from_table",
	    "inlined_insert", "inlined_delete", "compacted_table",     "flushed_inlined"};
	static const std::vector<ConflictRule> rules = {
	    {"inserted_into_table", {"dropped_table", "altered_table"}},
	    {"inlined_insert", {"dropped_table", "altered_table"}},
	    {"deleted_from_table", {"dropped_table", "altered_table", "compacted_table"}},
	    {"inlined_delete", {"dropped_table", "altered_table", "inlined_delete", "flushed_inlined"}},
	    {"altered_table", any_table_change},
	    {"dropped_table", any_table_change},
	    {"altered_view", {"dropped_view", "altered_view"}},
	    {"dropped_view", {"dropped_view", "altered_view"}},
	    {"dropped_schema", {"dropped_schema"}},
	};
	return rules;
}

bool IsCreation(const std::string &kind) {
	return kind == "created_table" || kind == "created_view";
}

//! The numeric target of an id change, or -1 when it is not a number.
int64_t TargetId(const std::string &target) {
	if (target.empty() || target.size() > 18) {
		return -1;
	}
	int64_t id = 0;
	for (char c : target) {
		if (c < '0' || c > '9') {
			return -1;
		}
		id = id * 10 + (c - '0');
	}
	return id;
}

bool Contradicts(const CommitChange &ours, const SnapshotChange &theirs) {
	if (ours.kind == "created_schema") {
		return theirs.kind == "created_schema" && duckdb::StringUtil::CIEquals(ours.name, theirs.target);
	}
	if (IsCreation(ours.kind)) {
		return IsCreation(theirs.kind) && duckdb::StringUtil::CIEquals(ours.name, theirs.target);
	}
	for (auto &rule : IdRules()) {
		if (ours.kind != rule.ours) {
			continue;
		}
		for (auto their_kind : rule.theirs) {
			if (theirs.kind == their_kind && TargetId(theirs.target) == ours.id) {
				return true;
			}
		}
	}
	return false;
}

std::string OurVerb(const std::string &kind) {
	if (kind == "inserted_into_table" || kind == "inlined_insert") {
		return "insert into";
	}
	if (kind == "deleted_from_table" || kind == "inlined_delete") {
		return "delete from";
	}
	if (kind.compare(0, 8, "created_") == 0) {
		return "create";
	}
	if (kind.compare(0, 8, "dropped_") == 0) {
		return "drop";
	}
	if (kind.compare(0, 8, "altered_") == 0) {
		return "alter";
	}
	return kind;
}

std::string TheirVerb(const std::string &kind) {
	static const char *const verbs[][2] = {
	    {"inserted_into_table", "inserted into"}, {"inlined_insert", "inserted into"},
	    {"deleted_from_table", "deleted from"},   {"inlined_delete", "deleted from"},
	    {"compacted_table", "compacted"},         {"flushed_inlined", "flushed the inlined data of"}};
	for (auto &verb : verbs) {
		if (kind == verb[0]) {
			return verb[1];
		}
	}
	auto underscore = kind.find('_');
	return underscore == std::string::npos ? kind : kind.substr(0, underscore);
}

//! "table", "view" or "schema" from a change kind.
std::string ObjectKind(const std::string &kind) {
	if (kind.find("view") != std::string::npos) {
		return "view";
	}
	if (kind.find("schema") != std::string::npos) {
		return "schema";
	}
	return "table";
}

} // namespace

CommitConflict FindCommitConflict(const std::vector<CommitChange> &ours, const std::vector<ConcurrentCommit> &theirs) {
	CommitConflict result;
	for (auto &change : ours) {
		for (auto &commit : theirs) {
			for (auto &their_change : commit.changes) {
				if (Contradicts(change, their_change)) {
					result.found = true;
					result.ours = change;
					result.theirs = their_change;
					result.snapshot_id = commit.snapshot_id;
					return result;
				}
			}
		}
	}
	return result;
}

std::string DescribeCommitConflict(const CommitConflict &conflict,
                                   const std::function<std::string(const std::string &kind, int64_t id)> &describe_id) {
	auto &ours = conflict.ours;
	auto object = ObjectKind(ours.kind);
	std::string target = ours.name.empty() ? describe_id(object, ours.id) : object + " " + ours.name;
	std::string text = "cannot " + OurVerb(ours.kind) + " " + target + ": another transaction ";
	if (conflict.theirs.kind.compare(0, 8, "created_") == 0) {
		text += "created " + ObjectKind(conflict.theirs.kind) + " " + conflict.theirs.target;
	} else {
		text += TheirVerb(conflict.theirs.kind) + " it";
	}
	return text + " in snapshot " + std::to_string(conflict.snapshot_id);
}

} // namespace ducklake
