//===----------------------------------------------------------------------===//
// The ducklake_* table functions: snapshot listing, table info, file listing, commit
// messages and options of an attached DuckLake catalog (first argument: the catalog name).
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/main/extension/extension_loader.hpp"

namespace ducklake {

void RegisterDucklakeFunctions(duckdb::ExtensionLoader &loader);

} // namespace ducklake
