//===----------------------------------------------------------------------===//
// SQL completion for the interactive shell (Tab)
//
// Candidates are DuckDB's SQL keywords plus the names the connection can see right now:
// databases, schemas, tables, views, columns and functions (at most completion_names_max
// names, so a huge catalog cannot stall the prompt). CompleteWord is pure: it picks the
// candidates that start with the typed prefix, ignoring case, and writes keywords in the case
// the user is typing in.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb.hpp"

#include <string>
#include <vector>

namespace ducklake {

struct CompletionCandidates {
	//! Lower case, as DuckDB lists them
	std::vector<std::string> keywords;
	//! As stored in the catalog
	std::vector<std::string> names;
};

//! Keywords and the catalog names visible to `connection`. A failing catalog query gives keywords only.
CompletionCandidates LoadCompletionCandidates(duckdb::Connection &connection);

//! Sorted, distinct completions of `prefix`; empty prefix gives nothing.
std::vector<std::string> CompleteWord(const std::string &prefix, const CompletionCandidates &candidates);

} // namespace ducklake
