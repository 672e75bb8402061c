//===----------------------------------------------------------------------===//
// Glob matching of object keys, for s3:// globs over a flat namespace.
//
// Pure. In a pattern, `*` matches any run of characters except '/', `**` (a whole path segment)
// matches any number of segments including none, `?` one character except '/', and `[abc]`,
// `[a-z]`, `[!a]` one character from (or not from) a set. Anything else matches itself. The
// matcher is iterative with a bounded amount of backtracking state, so hostile patterns cannot blow
// the stack.
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

namespace ducklake {

//! True when `text` contains *, ? or [.
bool HasGlobCharacters(const std::string &text);

//! The part of `pattern` before its first glob character: the key prefix to list.
std::string GlobLiteralPrefix(const std::string &pattern);

//! Whether `key` matches `pattern` as described above.
bool GlobMatch(const std::string &pattern, const std::string &key);

} // namespace ducklake
