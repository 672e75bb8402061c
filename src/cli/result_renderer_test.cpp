#include "cli/result_renderer.hpp"

#include <gtest/gtest.h>
#include <sstream>

using ducklake::OutputMode;

namespace {

// Runs `sql` on a fresh in-memory database and renders it in `mode`.
std::string Render(const std::string &sql, OutputMode mode, ducklake::BoxLimits limits = ducklake::BoxLimits()) {
	duckdb::DuckDB db(nullptr);
	duckdb::Connection connection(db);
	auto pending = connection.PendingQuery(sql, !ducklake::OutputModeNeedsMaterializedResult(mode));
	auto result = pending->Execute();
	EXPECT_FALSE(result->HasError()) << result->GetError();
	std::ostringstream out;
	EXPECT_TRUE(ducklake::RenderResult(*result, *connection.context, mode, limits, out));
	return out.str();
}

const char *two_rows = "SELECT * FROM (VALUES (1, 'a,b', NULL), (2, 'say \"hi\"', 2.5)) t(n, s, d) ORDER BY n";

} // namespace

TEST(ResultRenderer, CsvQuotesFieldsWithDelimiterQuoteOrLineBreak) {
	EXPECT_EQ(ducklake::CsvField("plain", ','), "plain");
	EXPECT_EQ(ducklake::CsvField("a,b", ','), "\"a,b\"");
	EXPECT_EQ(ducklake::CsvField("say \"hi\"", ','), "\"say \"\"hi\"\"\"");
	EXPECT_EQ(ducklake::CsvField("two\nlines", ','), "\"two\nlines\"");
	EXPECT_EQ(ducklake::CsvField("a,b", '\t'), "a,b");
	EXPECT_EQ(ducklake::CsvField("a\tb", '\t'), "\"a\tb\"");
}

TEST(ResultRenderer, CsvModeHasHeaderAndEmptyNulls) {
	EXPECT_EQ(Render(two_rows, OutputMode::CSV), "n,s,d\n1,\"a,b\",\n2,\"say \"\"hi\"\"\",2.5\n");
}

TEST(ResultRenderer, TsvMode) {
	EXPECT_EQ(Render(two_rows, OutputMode::TSV), "n\ts\td\n1\ta,b\t\n2\t\"say \"\"hi\"\"\"\t2.5\n");
}

TEST(ResultRenderer, JsonModeTypesNumbersBooleansAndNulls) {
	EXPECT_EQ(Render(two_rows, OutputMode::JSON),
	          "[\n{\"n\":1,\"s\":\"a,b\",\"d\":null},\n{\"n\":2,\"s\":\"say \\\"hi\\\"\",\"d\":2.5}\n]\n");
	EXPECT_EQ(Render("SELECT true AS t, 'x' AS s, 'nan'::DOUBLE AS f", OutputMode::JSON),
	          "[\n{\"t\":true,\"s\":\"x\",\"f\":\"nan\"}\n]\n");
}

TEST(ResultRenderer, JsonModeOfEmptyResultIsAnEmptyArray) {
	EXPECT_EQ(Render("SELECT 1 AS a WHERE false", OutputMode::JSON), "[]\n");
}

TEST(ResultRenderer, JsonStringEscapesControlCharacters) {
	EXPECT_EQ(ducklake::JsonString("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
}

TEST(ResultRenderer, MarkdownModeEscapesPipes) {
	EXPECT_EQ(Render("SELECT 'a|b' AS x, NULL AS y", OutputMode::MARKDOWN), "| x | y |\n|---|---|\n| a\\|b | NULL |\n");
}

TEST(ResultRenderer, LineModeAlignsNamesAndSeparatesRows) {
	EXPECT_EQ(Render("SELECT * FROM (VALUES (1, 'x'), (2, 'y')) t(n, long_name) ORDER BY n", OutputMode::LINE),
	          "        n = 1\nlong_name = x\n\n        n = 2\nlong_name = y\n");
}

TEST(ResultRenderer, BoxModeIsDuckdbsBoxTable) {
	auto box = Render("SELECT 42 AS answer", OutputMode::BOX);
	EXPECT_NE(box.find("┌"), std::string::npos) << box;
	EXPECT_NE(box.find("answer"), std::string::npos) << box;
	EXPECT_NE(box.find("int32"), std::string::npos) << box;
	EXPECT_NE(box.find("42"), std::string::npos) << box;
}

TEST(ResultRenderer, BoxModeElidesLongResultsToMaxRows) {
	ducklake::BoxLimits limits;
	limits.max_rows = 10;
	auto box = Render("SELECT range AS i FROM range(1000)", OutputMode::BOX, limits);
	EXPECT_NE(box.find("1000 rows"), std::string::npos) << box;
	EXPECT_NE(box.find("10 shown"), std::string::npos) << box;
	EXPECT_EQ(box.find(" 500 "), std::string::npos) << box;
}

TEST(ResultRenderer, BoxModeFitsWideResultsIntoMaxWidth) {
	ducklake::BoxLimits limits;
	// DuckDB's box renderer never goes below 80 columns.
	limits.max_width = 80;
	auto box = Render("SELECT repeat('x', 40) AS c1, repeat('y', 40) AS c2, repeat('z', 40) AS c3, "
	                  "repeat('w', 40) AS c4, repeat('v', 40) AS c5",
	                  OutputMode::BOX, limits);
	EXPECT_NE(box.find("5 columns"), std::string::npos) << box;
	std::istringstream lines(box);
	std::string line;
	while (std::getline(lines, line)) {
		// Box characters are 3 bytes each; count code points.
		size_t width = 0;
		for (unsigned char c : line) {
			width += (c & 0xC0) != 0x80;
		}
		EXPECT_LE(width, 80u) << line;
	}
}

TEST(ResultRenderer, StreamingErrorIsReported) {
	duckdb::DuckDB db(nullptr);
	duckdb::Connection connection(db);
	auto result = connection
	                  .PendingQuery("SELECT CASE WHEN range < 5000 THEN range ELSE error('boom') END "
	                                "FROM range(10000)",
	                                true)
	                  ->Execute();
	std::ostringstream out;
	bool ok = !result->HasError() &&
	          ducklake::RenderResult(*result, *connection.context, OutputMode::CSV, ducklake::BoxLimits(), out);
	EXPECT_FALSE(ok);
	EXPECT_NE(result->GetError().find("boom"), std::string::npos) << result->GetError();
}

TEST(ResultRenderer, ModeNamesRoundTrip) {
	for (auto mode : {OutputMode::BOX, OutputMode::CSV, OutputMode::TSV, OutputMode::JSON, OutputMode::MARKDOWN,
	                  OutputMode::LINE}) {
		OutputMode parsed;
		ASSERT_TRUE(ducklake::ParseOutputMode(ducklake::OutputModeName(mode), parsed));
		EXPECT_EQ(parsed, mode);
	}
	OutputMode parsed;
	EXPECT_FALSE(ducklake::ParseOutputMode("BOX", parsed));
}
