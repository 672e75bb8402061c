//===----------------------------------------------------------------------===//
// Result rendering: box, csv, tsv, json, markdown and line output of a query result
//
// Box is DuckDB's own BoxRenderer (the duckbox tables of the DuckDB shell): it needs the whole
// result, truncates to `max_rows` rows (first and last rows kept) and `max_width` columns of
// text (middle columns elided). The materialized result lives in DuckDB's buffer pool, so it is
// held to DuckDB's memory_limit and spills to the temp directory beyond it. Every other mode
// streams the result chunk by chunk, so an arbitrarily long result prints in constant memory and
// nothing is truncated.
//
// Text modes print every value with DuckDB's own cast to VARCHAR (Value::ToString):
//   csv, tsv   a header line, then one line per row; a field that holds the delimiter, a quote,
//              or a line break is quoted as RFC 4180 says ("" for a quote); NULL is empty.
//   json       one JSON array of objects per result; numbers and booleans as JSON numbers and
//              booleans (NaN and infinities as strings), NULL as null, everything else a string.
//   markdown   a GitHub table; '|' in values is escaped as '\|' and line breaks become spaces.
//   line       one "name = value" line per column, rows separated by a blank line.
//
// RenderResult reports a failure while fetching (e.g. an interrupted streaming query) by
// returning false with the error left on the result; rows printed before it stay printed.
//===----------------------------------------------------------------------===//
#pragma once

#include "duckdb.hpp"

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace ducklake {

enum class OutputMode : uint8_t { BOX, CSV, TSV, JSON, MARKDOWN, LINE };

//! Parses a mode name ("box", "csv", ...; lower case). Returns false for anything else.
bool ParseOutputMode(const std::string &name, OutputMode &mode);
const char *OutputModeName(OutputMode mode);
//! "box, csv, tsv, json, markdown, line": for help and error messages.
std::string OutputModeNames();

//! Whether a mode needs the whole result before printing (only box does).
bool OutputModeNeedsMaterializedResult(OutputMode mode);

struct BoxLimits {
	//! Rows shown before the middle of the result is elided
	uint64_t max_rows = 40;
	//! Width in characters the table must fit into
	uint64_t max_width = 120;
};

//! Prints `result` to `out` in `mode`. `context` is the connection's context (box needs it).
bool RenderResult(duckdb::QueryResult &result, duckdb::ClientContext &context, OutputMode mode,
                  const BoxLimits &box_limits, std::ostream &out);

//! One value as text (DuckDB's cast to VARCHAR); `text` is valid only while the row is rendered.
struct CellText {
	bool is_null = true;
	std::string_view text;
};

//! Pure pieces of the text modes, exposed for tests.
std::string CsvField(const std::string &text, char delimiter);
std::string JsonString(const std::string &text);
std::string MarkdownCell(const std::string &text);
//! A value of `type` as a JSON token: null, true/false, a number, or a string.
std::string JsonValue(const CellText &cell, const duckdb::LogicalType &type);

} // namespace ducklake
