#include "storage/data_path.hpp"

#include "duckdb/common/exception.hpp"

namespace ducklake {

std::string WithTrailingSlash(const std::string &path) {
	if (path.empty() || path.back() == '/') {
		return path;
	}
	return path + "/";
}

std::string DefaultDataPath(const std::string &metadata_path) {
	return metadata_path + ".files/";
}

std::string ResolvePath(const std::string &parent, const std::string &child, bool child_is_relative) {
	if (!child_is_relative) {
		return child;
	}
	return WithTrailingSlash(parent) + child;
}

std::string TableDirectory(const std::string &data_path, const std::string &schema_path, bool schema_relative,
                           const std::string &table_path, bool table_relative) {
	auto schema_dir = WithTrailingSlash(ResolvePath(data_path, schema_path, schema_relative));
	return WithTrailingSlash(ResolvePath(schema_dir, table_path, table_relative));
}

std::string ObjectPath(const std::string &name, const std::string &kind) {
	if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
	    name.find('\\') != std::string::npos) {
		throw duckdb::InvalidInputException(
		    "%s name \"%s\" cannot be used as a DuckLake directory name: it must not be empty, \".\" or \"..\" and "
		    "must not contain '/' or '\\'",
		    kind, name);
	}
	return name + "/";
}

std::string DataFileName(const std::string &uuid) {
	return "ducklake-" + uuid + ".parquet";
}

} // namespace ducklake
