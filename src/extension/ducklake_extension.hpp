//===----------------------------------------------------------------------===//
// DucklakeExtension: the DuckDB extension entry point of ducklake-cpp.
//
// Load it statically right after constructing the database and before any ATTACH:
//
//     duckdb::DuckDB db(path);
//     db.LoadStaticExtension<ducklake::DucklakeExtension>();
//
// The extension is named "ducklake" on purpose: while an extension of that name is loaded,
// DuckDB never auto-installs the official one for `ducklake_*` functions or `ATTACH 'ducklake:'`.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/main/extension.hpp"

namespace ducklake {

class DucklakeExtension : public duckdb::Extension {
public:
	void Load(duckdb::ExtensionLoader &loader) override;
	std::string Name() override;
	std::string Version() const override;
};

} // namespace ducklake
