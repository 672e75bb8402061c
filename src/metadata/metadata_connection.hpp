//===----------------------------------------------------------------------===//
// MetadataConnection: the one seam between the DuckLake catalog and the SQL database holding
// its metadata tables.
//
// A connection runs SQL text against the metadata database and returns materialized rows as
// duckdb::Values. Each backend (DuckDB file now; SQLite, PostgreSQL later) is a small subclass;
// the SQL it receives is produced by the readers/writers of this folder, which ask the
// connection for the dialect facts they need (TableName()).
//
// Ownership and threads: one connection serves one DuckLake transaction and is used by one
// thread at a time. Begin/Commit/Rollback bracket one metadata transaction; Query outside of
// Begin runs in autocommit. Every failure throws duckdb::IOException naming the metadata store
// and the failing statement; after a failed Commit the metadata is unchanged.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb/common/types/value.hpp"
#include "duckdb/parser/keyword_helper.hpp"

#include <string>
#include <vector>

namespace ducklake {

//! The rows of one metadata query.
struct MetadataRows {
	std::vector<std::string> names;
	//! One per name: the type the store declared for the column, or INVALID when the store does
	//! not say (SQLite expressions, PostgreSQL numeric) and the values' own types decide.
	std::vector<duckdb::LogicalType> types;
	std::vector<std::vector<duckdb::Value>> rows;

	size_t size() const {
		return rows.size();
	}
	const duckdb::Value &Get(size_t row_idx, size_t column_idx) const {
		return rows[row_idx][column_idx];
	}
};

class MetadataConnection {
public:
	virtual ~MetadataConnection() = default;

	//! Run one statement (or several separated by ';') and return the rows of the last one.
	virtual MetadataRows Query(const std::string &sql) = 0;
	//! Run one read-only query with the catalog tables reachable by their plain names
	//! (`SELECT * FROM ducklake_snapshot`), for inspection (ducklake_metadata_query). The store is
	//! never changed: a statement that would write, or more than one statement, throws
	//! InvalidInputException naming it; a failing query throws like Query(). Must not be called
	//! inside Begin()/Commit().
	virtual MetadataRows QueryReadOnly(const std::string &sql) = 0;
	virtual void Begin() = 0;
	virtual void Commit() = 0;
	virtual void Rollback() = 0;
	//! The fully qualified, quoted name of a catalog table (e.g. "db"."main"."ducklake_snapshot").
	virtual std::string TableName(const std::string &table) const = 0;
	//! A short description of the store for error messages ("DuckDB file 'x.ducklake'").
	virtual std::string Describe() const = 0;

	// Dialect facts: what differs between the SQL databases holding the catalog.

	//! Names of all tables (and views) in the metadata schema, to tell an empty database from a
	//! DuckLake catalog or a foreign one. Never writes.
	virtual std::vector<std::string> ListTableNames() = 0;
	//! A timestamp-with-time-zone literal for comparisons with snapshot_time.
	virtual std::string TimestampLiteral(const std::string &text) const {
		return "'" + EscapeQuotes(text) + "'::TIMESTAMPTZ";
	}
	//! Statements run first in the transaction that creates a catalog (e.g. CREATE SCHEMA).
	virtual std::string CatalogPreambleSQL() const {
		return std::string();
	}
	//! Statements run after the catalog tables are created, in the same transaction (indexes).
	virtual std::string CatalogIndexSQL() const {
		return std::string();
	}
	//! The store's column type for values of `type` in an inlined data table; "" when the store
	//! cannot hold them (such tables are not inlined). Default: DuckDB's own type names.
	virtual std::string InlinedColumnType(const duckdb::LogicalType &type) const;
	//! A literal for a non-NULL `value` in an inlined data table's column of its type.
	virtual std::string InlinedValueLiteral(const duckdb::Value &value) const;

protected:
	static std::string EscapeQuotes(const std::string &text) {
		return duckdb::KeywordHelper::EscapeQuotes(text, '\'');
	}
};

} // namespace ducklake
