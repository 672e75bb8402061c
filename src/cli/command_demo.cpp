#include "cli/command_demo.hpp"

#include "cli/command_load.hpp"
#include "cli/command_stack.hpp"
#include "cli/result_renderer.hpp"
#include "workload/bar_chart.hpp"
#include "workload/table_name.hpp"
#include "workload/taxi_queries.hpp"
#include "workload/taxi_schema.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace ducklake {

namespace {

constexpr int demo_steps = 4;
//! Three months of this many trips load in about 5 s on an idle 2-core machine (15-25 s when it
//! is busy), so a first `make demo` finishes well under a minute; `ducklake load` keeps the
//! generator's 1,000,000 per month.
constexpr uint64_t demo_rows_per_month_default = 250000;

double SecondsSince(std::chrono::steady_clock::time_point start) {
	return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string Seconds(double seconds) {
	char text[32];
	std::snprintf(text, sizeof(text), "%.2f s", seconds);
	return text;
}

void Step(int number, const std::string &title) {
	std::cout << "\n[" << number << "/" << demo_steps << "] " << title << "\n" << std::flush;
}

int Fail(int number, const std::string &what, const std::string &error, const std::string &fix) {
	std::cout << std::flush;
	std::cerr << "\nducklake demo: step " << number << "/" << demo_steps << " (" << what << ") failed:\n  " << error
	          << "\n  how to fix: " << fix << "\n";
	return 1;
}

} // namespace

int RunDemoCommand(int argc, char **argv) {
	TaxiArguments arguments;
	arguments.rows_per_month = demo_rows_per_month_default;
	auto error = ParseTaxiArguments(argc, argv, 1, arguments);
	if (!error.empty()) {
		std::cerr << "ducklake demo: " << error << "\n";
		return 2;
	}
	if (arguments.help) {
		std::cout << "usage: ducklake demo [options]\n"
		          << TaxiArgumentsHelp(demo_rows_per_month_default)
		          << "  --stack               run against `ducklake stack up` (PostgreSQL catalog, s3d storage)\n"
		          << "  --no-lake             use an in-memory DuckDB database instead of the lake\n";
		return 0;
	}
	auto months = ParseMonthRange(arguments.months);
	if (!months.error.empty()) {
		std::cerr << "ducklake demo: " << months.error << "\n";
		return 2;
	}
	auto table = ParseTableName(arguments.table);
	if (!table.error.empty()) {
		std::cerr << "ducklake demo: " << table.error << "\n";
		return 2;
	}
	auto demo_start = std::chrono::steady_clock::now();
	std::cout << "ducklake demo: NYC yellow-taxi trips, " << arguments.months << ", "
	          << (arguments.source.empty() ? FormatCount(arguments.rows_per_month) + " generated trips per month"
	                                       : "real TLC files from " + arguments.source)
	          << "\n";

	Step(1, arguments.stack ? "Open the lake on the local stack" : "Open the lake");
	auto step_start = std::chrono::steady_clock::now();
	std::vector<std::string> setup_sql;
	S3BucketTarget bucket;
	if (arguments.stack) {
		error = StackLakeOptions(arguments.lake, setup_sql, bucket);
		if (!error.empty()) {
			return Fail(1, "open the lake", error,
			            "start the stack with `ducklake stack up` and check `ducklake stack status`");
		}
	} else if (!arguments.s3_endpoint.empty()) {
		auto key_id = std::getenv("AWS_ACCESS_KEY_ID");
		auto secret = std::getenv("AWS_SECRET_ACCESS_KEY");
		if (!key_id || !secret) {
			return Fail(1, "open the lake", "--s3-endpoint needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
			            "export both with the server's credentials");
		}
		bucket.endpoint = arguments.s3_endpoint;
		bucket.bucket = S3BucketOf(arguments.lake.data_path);
		bucket.access_key_id = key_id;
		bucket.secret_access_key = secret;
		setup_sql.push_back("CREATE OR REPLACE SECRET ducklake_demo (TYPE s3, KEY_ID " + QuoteLiteral(key_id) +
		                    ", SECRET " + QuoteLiteral(secret) + ", ENDPOINT " + QuoteLiteral(arguments.s3_endpoint) +
		                    ", URL_STYLE 'path', USE_SSL false, REGION 'us-east-1')");
	}
	if (!bucket.endpoint.empty()) {
		auto ensured = EnsureS3Bucket(bucket);
		if (ensured.outcome == S3BucketOutcome::FAILED) {
			return Fail(1, "open the lake", ensured.error, "check the endpoint and credentials of the S3 server");
		}
		std::cout << "  bucket " << bucket.bucket << " at " << bucket.endpoint
		          << (ensured.outcome == S3BucketOutcome::CREATED ? " created\n" : " exists\n");
	}
	auto target = OpenWorkloadTarget(arguments, setup_sql);
	if (!target.error.empty()) {
		return Fail(1, "open the lake", target.error,
		            arguments.lake.IsExplicit() || arguments.stack
		                ? "check that the catalog is reachable and the data path writable; `ducklake stack status` "
		                  "shows the local stack"
		                : "the embedded lake lives in ./lake/: run from a writable directory");
	}
	std::cout << "  " << target.description << " (" << Seconds(SecondsSince(step_start)) << ")\n";

	Step(2, "Load " + arguments.months + " into " + target.table);
	step_start = std::chrono::steady_clock::now();
	TaxiLoadOptions options;
	options.months = months.months;
	options.source = arguments.source;
	options.rows_per_month = arguments.rows_per_month;
	options.seed = arguments.seed;
	options.table = target.table;
	options.author = "ducklake demo";
	auto report = LoadWithProgress(*target.connection, options, isatty(STDOUT_FILENO), std::cout);
	if (!report.error.empty()) {
		return Fail(2, "load", report.error,
		            arguments.source.empty()
		                ? "months loaded before the failure are kept; re-run `ducklake demo` to continue"
		                : "check that --source holds yellow_tripdata_YYYY-MM.parquet for every month, then re-run");
	}
	auto load_seconds = SecondsSince(step_start);
	std::cout << "  " << FormatCount(report.RowsLoaded()) << " new rows in " << Seconds(load_seconds);
	if (report.RowsLoaded() > 0 && load_seconds > 0) {
		std::cout << " (" << FormatCount(uint64_t(double(report.RowsLoaded()) / load_seconds)) << " rows/s)";
	}
	std::cout << "\n";
	if (report.ducklake_catalog) {
		std::cout << "  one DuckLake snapshot per month"
		          << (report.commit_messages ? ", each with a commit message\n"
		                                     : " (this catalog has no set_commit_message yet)\n");
	}

	Step(3, "Run the queries");
	step_start = std::chrono::steady_clock::now();
	std::vector<BarChartRow> by_hour;
	for (auto &query : TaxiQueries(ParseTableName(target.table).Quoted())) {
		auto query_start = std::chrono::steady_clock::now();
		auto result = target.connection->Query(query.sql);
		if (result->HasError()) {
			return Fail(3, "query " + query.name, result->GetError(),
			            "the table may hold rows of another shape: load into a fresh table with --table");
		}
		std::cout << "\n  " << query.title << " (" << Seconds(SecondsSince(query_start)) << ")\n";
		if (query.name == taxi_query_by_hour) {
			for (idx_t row_idx = 0; row_idx < result->RowCount(); row_idx++) {
				auto hour = result->GetValue(0, row_idx).ToString();
				by_hour.push_back(
				    {(hour.size() < 2 ? "0" : "") + hour + ":00", result->GetValue(1, row_idx).GetValue<uint64_t>()});
			}
		}
		RenderResult(*result, *target.connection->context, OutputMode::BOX, BoxLimits(), std::cout);
	}
	auto query_seconds = SecondsSince(step_start);

	Step(4, "Trips by hour of day");
	std::cout << RenderBarChart(by_hour, 40);

	std::cout << "\ndone in " << Seconds(SecondsSince(demo_start)) << ": load " << Seconds(load_seconds) << ", "
	          << TaxiQueries("t").size() << " queries " << Seconds(query_seconds) << ". The trips stay in "
	          << target.table << "; `ducklake` opens the lake for your own queries.\n";
	return 0;
}

} // namespace ducklake
