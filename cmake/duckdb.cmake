# Imported target for the prebuilt DuckDB 1.4.4 (library from @duckdb/node-bindings-linux-x64,
# headers from the duckdb npm package). scripts/bootstrap.sh puts both under .deps/.
set(DUCKDB_LIBRARY_DIR "${DUCKLAKE_DEPS_DIR}/duckdb-lib")
set(DUCKDB_LIBRARY "${DUCKDB_LIBRARY_DIR}/libduckdb.so")
set(DUCKDB_SOURCE_DIR "${DUCKLAKE_DEPS_DIR}/duckdb-src/src/duckdb")
if(NOT EXISTS "${DUCKDB_LIBRARY}" OR NOT EXISTS "${DUCKDB_SOURCE_DIR}/src/include/duckdb.hpp")
	message(FATAL_ERROR "DuckDB is missing under ${DUCKLAKE_DEPS_DIR}: run scripts/bootstrap.sh (or just `make`).")
endif()

add_library(duckdb SHARED IMPORTED GLOBAL)
set_target_properties(duckdb PROPERTIES IMPORTED_LOCATION "${DUCKDB_LIBRARY}" IMPORTED_NO_SONAME TRUE)
# SYSTEM: DuckDB's headers are not held to our warning flags.
target_include_directories(duckdb SYSTEM INTERFACE "${DUCKDB_SOURCE_DIR}/src/include")

# Parquet internals, for code that needs the reader/writer classes themselves.
add_library(duckdb_parquet_headers INTERFACE)
target_include_directories(duckdb_parquet_headers SYSTEM INTERFACE
	"${DUCKDB_SOURCE_DIR}/extension/parquet/include"
	"${DUCKDB_SOURCE_DIR}/third_party/parquet"
	"${DUCKDB_SOURCE_DIR}/third_party/thrift"
	"${DUCKDB_SOURCE_DIR}/third_party/mbedtls/include"
	"${DUCKDB_SOURCE_DIR}/third_party/snappy"
	"${DUCKDB_SOURCE_DIR}/third_party/zstd/include"
	"${DUCKDB_SOURCE_DIR}/third_party/lz4"
	"${DUCKDB_SOURCE_DIR}/third_party/brotli/include"
	"${DUCKDB_SOURCE_DIR}/third_party/fastpforlib"
	"${DUCKDB_SOURCE_DIR}/third_party/fast_float"
	"${DUCKDB_SOURCE_DIR}/third_party/miniz")
target_link_libraries(duckdb_parquet_headers INTERFACE duckdb)

# One precompiled duckdb.hpp shared by every target that includes DuckDB: a TU with the full
# header costs ~9 s to parse, the PCH brings that to about one. Targets opt in with
# ducklake_use_duckdb(<target>), which links DuckDB and reuses this one PCH (the flags must
# match, hence the same warning flags here).
add_library(duckdb_pch STATIC "${CMAKE_CURRENT_LIST_DIR}/duckdb_pch.cpp")
target_link_libraries(duckdb_pch PUBLIC duckdb PRIVATE project_warnings)
target_precompile_headers(duckdb_pch PRIVATE "${DUCKDB_SOURCE_DIR}/src/include/duckdb.hpp")

function(ducklake_use_duckdb target)
	target_link_libraries(${target} PUBLIC duckdb)
	target_precompile_headers(${target} REUSE_FROM duckdb_pch)
endfunction()
