//===----------------------------------------------------------------------===//
// ducklake-cpp version
//
// The project's own version, fixed at configure time from CMakeLists.txt. The DuckDB version
// is asked of the linked library at run time (DuckDB::LibraryVersion), never hard-coded.
//===----------------------------------------------------------------------===//
#pragma once

namespace ducklake {

//! The version of ducklake-cpp, e.g. "0.1.0".
const char *ProjectVersion();

} // namespace ducklake
