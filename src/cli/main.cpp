#include "duckdb.hpp"
#include "extension/ducklake_extension.hpp"

#include <iostream>

int main(int argc, char **argv) {
	duckdb::DuckDB db(nullptr);
	db.LoadStaticExtension<ducklake::DucklakeExtension>();
	duckdb::Connection con(db);
	auto result = con.Query(argc > 1 ? argv[1] : "SELECT ducklake_cpp_version()");
	std::cout << result->ToString() << std::endl;
	return result->HasError() ? 1 : 0;
}
