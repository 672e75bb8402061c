#include "extension/ducklake_extension.hpp"

#include "catalog/commit_retry.hpp"
#include "catalog/ducklake_functions.hpp"
#include "catalog/ducklake_storage_extension.hpp"
#include "common/version.hpp"
#include "duckdb/main/config.hpp"
#include "s3fs/object_storage_registration.hpp"
#include "duckdb/main/extension/extension_loader.hpp"
#include "duckdb/function/scalar_function.hpp"

namespace ducklake {

namespace {

void DucklakeVersionFunction(duckdb::DataChunk &args, duckdb::ExpressionState &state, duckdb::Vector &result) {
	result.Reference(duckdb::Value(ProjectVersion()));
}

} // namespace

void DucklakeExtension::Load(duckdb::ExtensionLoader &loader) {
	loader.SetDescription("ducklake-cpp: the DuckLake catalog, s3:// storage and ducklake_* functions");
	// First: an s3:// or http(s):// path that no file system claims makes DuckDB try to autoload httpfs.
	RegisterObjectStorage(loader);
	loader.RegisterFunction(
	    duckdb::ScalarFunction("ducklake_cpp_version", {}, duckdb::LogicalType::VARCHAR, DucklakeVersionFunction));
	// The storage type of ATTACH 'ducklake:...': exactly this name, so the CLI finds it.
	auto &config = duckdb::DBConfig::GetConfig(loader.GetDatabaseInstance());
	config.storage_extensions["ducklake"] = duckdb::make_uniq<DucklakeStorageExtension>();
	RegisterCommitRetrySettings(config);
	RegisterDucklakeFunctions(loader);
}

std::string DucklakeExtension::Name() {
	return "ducklake";
}

std::string DucklakeExtension::Version() const {
	return ProjectVersion();
}

} // namespace ducklake
