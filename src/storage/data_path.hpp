//===----------------------------------------------------------------------===//
// Data paths: where DuckLake puts and finds its files.
//
// A data file lives at <data_path><schema path><table path><file path> when each part is
// relative (path_is_relative = true, the default); an absolute part replaces everything before
// it. data_path always ends with '/', schema and table paths are "<name>/". New files are named
// ducklake-<uuidv7>.parquet. Pure functions over strings; the separator is always '/'.
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

namespace ducklake {

//! `path` with a trailing '/' added when missing ("" stays "").
std::string WithTrailingSlash(const std::string &path);

//! The default DATA_PATH of a metadata file: "<metadata path>.files/".
std::string DefaultDataPath(const std::string &metadata_path);

//! Join a possibly relative child onto its parent directory (which ends with '/').
std::string ResolvePath(const std::string &parent, const std::string &child, bool child_is_relative);

//! The directory of a table: data_path + schema path + table path, honouring relativity.
std::string TableDirectory(const std::string &data_path, const std::string &schema_path, bool schema_relative,
                           const std::string &table_path, bool table_relative);

//! The "<name>/" path of a new schema or table. Names that would escape the directory ('/',
//! '\\', "." or "..") are refused with InvalidInputException naming the object.
std::string ObjectPath(const std::string &name, const std::string &kind);

//! "ducklake-<uuid>.parquet" for a uuid text (callers pass a fresh uuidv7).
std::string DataFileName(const std::string &uuid);

} // namespace ducklake
