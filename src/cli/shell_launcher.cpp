#include "cli/shell_launcher.hpp"

#include "duckdb.hpp"
#include "extension/ducklake_extension.hpp"

#include <iostream>

namespace ducklake {

int RunShell(int argc, char **argv) {
	duckdb::DuckDB db(nullptr);
	db.LoadStaticExtension<DucklakeExtension>();
	duckdb::Connection con(db);
	auto result = con.Query(argc > 1 ? argv[1] : "SELECT ducklake_cpp_version()");
	std::cout << result->ToString() << std::endl;
	return result->HasError() ? 1 : 0;
}

} // namespace ducklake
