// Translation unit that owns the precompiled DuckDB header (see duckdb.cmake).
