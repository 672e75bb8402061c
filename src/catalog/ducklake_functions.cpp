#include "catalog/ducklake_functions.hpp"

namespace ducklake {

void RegisterDucklakeFunctions(duckdb::ExtensionLoader &loader) {
}

} // namespace ducklake
