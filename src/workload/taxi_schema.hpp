//===----------------------------------------------------------------------===//
// The NYC TLC yellow-taxi trip schema as published in the 2024 Parquet files, and the
// normalisation that maps any year's file onto it.
//
// The TLC changed its files over the years: 2023 and earlier store VendorID/PULocationID as
// BIGINT and passenger_count/RatecodeID as DOUBLE, the airport fee column is `airport_fee` in
// some years and `Airport_fee` in others, congestion_surcharge appears in 2019, Airport_fee in
// 2022, and 2025 adds cbd_congestion_fee. Every loaded month is projected onto the 2024 columns
// and types below: names match case-insensitively, values are cast, missing columns become NULL
// and columns the 2024 schema does not have are dropped. All functions here are pure.
//===----------------------------------------------------------------------===//

#pragma once

#include <string>
#include <vector>

namespace ducklake {

struct TaxiColumn {
	//! Column name with the 2024 file's spelling
	const char *name;
	//! DuckDB type of the 2024 file's Parquet column
	const char *type;
};

//! The 19 columns of a 2024 yellow_tripdata file, in file order.
const std::vector<TaxiColumn> &TaxiColumns();

//! `"VendorID" INTEGER, "tpep_pickup_datetime" TIMESTAMP, ...`: the column list of a CREATE TABLE.
std::string TaxiColumnDefinitions();

//! Quotes an identifier for DuckDB SQL ("a""b" for a"b).
std::string QuoteIdentifier(const std::string &identifier);

//! Quotes a string literal for DuckDB SQL ('it''s' for it's).
std::string QuoteLiteral(const std::string &value);

//! A SELECT list that projects a source with the given column names onto the 2024 schema:
//! `CAST("vendorid" AS INTEGER) AS "VendorID", ..., CAST(NULL AS DOUBLE) AS "Airport_fee"`.
//! `source_columns` are the source's names in any case; duplicates (ignoring case) resolve to
//! the first. Never fails: a source with none of the columns yields all NULLs, which the loader
//! rejects separately (see MissingRequiredTaxiColumns).
std::string TaxiNormalizingSelectList(const std::vector<std::string> &source_columns);

//! The columns without which a file is not a yellow-taxi file (pickup/dropoff time, distance,
//! fare, total), compared case-insensitively; empty when all are present.
std::vector<std::string> MissingRequiredTaxiColumns(const std::vector<std::string> &source_columns);

} // namespace ducklake
