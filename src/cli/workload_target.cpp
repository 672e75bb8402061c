#include "cli/workload_target.hpp"

#include "extension/ducklake_extension.hpp"
#include "extension/huge_page_allocator.hpp"
#include "workload/table_name.hpp"

#include <chrono>
#include <filesystem>
#include <thread>

namespace ducklake {

std::string TaxiArgumentsHelp(uint64_t rows_per_month_default) {
	return std::string(
	           "  --months RANGE        YYYY-MM, YYYY-MM..YYYY-MM or a comma list (default 2024-01..2024-03)\n") +
	       "  --source DIR|URL      load real TLC files yellow_tripdata_YYYY-MM.parquet from a directory,\n"
	       "                        s3://bucket/prefix or https://host/path (default: generate trips)\n"
	       "  --rows-per-month N    generated trips per month, 1 to 100000000 (default " +
	       std::to_string(rows_per_month_default) +
	       ")\n"
	       "  --seed N              generator seed (default 20240101)\n"
	       "  --table NAME          [catalog.][schema.]table to load into (default lake.trips)\n"
	       "  --lake URI            DuckLake catalog, e.g. postgres:dbname=lake host=127.0.0.1\n"
	       "                        (default: the embedded lake in ./lake/)\n"
	       "  --data PATH           data path for the lake, e.g. s3://lake/data/\n"
	       "  --s3-endpoint H:P     S3-compatible server for an s3:// --data (keys from AWS_ACCESS_KEY_ID and\n"
	       "                        AWS_SECRET_ACCESS_KEY); the bucket is created when missing\n";
}

static bool ParseCount(const std::string &text, uint64_t max, uint64_t &value) {
	if (text.empty() || text.size() > 20 || text.find_first_not_of("0123456789") != std::string::npos) {
		return false;
	}
	value = std::stoull(text);
	return value >= 1 && value <= max;
}

std::string ParseTaxiArguments(int argc, char **argv, int first_idx, TaxiArguments &arguments) {
	for (int arg_idx = first_idx; arg_idx < argc; arg_idx++) {
		std::string arg = argv[arg_idx];
		if (arg == "--help" || arg == "-h") {
			arguments.help = true;
			continue;
		}
		if (arg == "--stack") {
			arguments.stack = true;
			continue;
		}
		if (arg == "--no-lake") {
			arguments.lake.enabled = false;
			continue;
		}
		static const char *valued[] = {"--months", "--source", "--rows-per-month", "--seed",
		                               "--table",  "--lake",   "--data",           "--s3-endpoint"};
		bool known = false;
		for (auto name : valued) {
			known = known || arg == name;
		}
		if (!known) {
			return "unknown argument '" + arg + "'; see --help";
		}
		if (arg_idx + 1 >= argc) {
			return arg + " needs a value; see --help";
		}
		std::string value = argv[++arg_idx];
		if (arg == "--months") {
			arguments.months = value;
		} else if (arg == "--source") {
			arguments.source = value;
		} else if (arg == "--table") {
			arguments.table = value;
		} else if (arg == "--lake") {
			arguments.lake.uri = value;
		} else if (arg == "--data") {
			arguments.lake.data_path = value;
		} else if (arg == "--s3-endpoint") {
			arguments.s3_endpoint = value;
		} else if (arg == "--rows-per-month") {
			if (!ParseCount(value, taxi_generator_rows_per_month_max, arguments.rows_per_month)) {
				return "--rows-per-month must be a whole number from 1 to " +
				       std::to_string(taxi_generator_rows_per_month_max) + ", got '" + value + "'";
			}
		} else if (!ParseCount(value, UINT64_MAX, arguments.seed)) {
			return "--seed must be a whole number from 1 to " + std::to_string(UINT64_MAX) + ", got '" + value + "'";
		}
	}
	if (arguments.stack && (arguments.lake.IsExplicit() || !arguments.s3_endpoint.empty())) {
		return "--stack picks the lake, data path and endpoint itself; drop --lake/--data/--s3-endpoint or --stack";
	}
	if (!arguments.s3_endpoint.empty() && arguments.lake.data_path.compare(0, 5, "s3://") != 0) {
		return "--s3-endpoint needs an s3:// --data path, e.g. --data s3://lake/data/";
	}
	return "";
}

WorkloadTarget OpenWorkloadTarget(const TaxiArguments &arguments, const std::vector<std::string> &setup_sql) {
	WorkloadTarget target;
	target.table = arguments.table;
	if (!arguments.lake.enabled && arguments.table == TaxiArguments().table) {
		target.table = "trips";
	}
	try {
		duckdb::DBConfig config;
		UseHugePageAllocator(config);
		target.database = duckdb::make_uniq<duckdb::DuckDB>(nullptr, &config);
		target.database->LoadStaticExtension<DucklakeExtension>();
		target.connection = duckdb::make_uniq<duckdb::Connection>(*target.database);
	} catch (std::exception &error) {
		target.error = std::string("cannot start DuckDB: ") + error.what();
		return target;
	}
	for (auto &sql : setup_sql) {
		auto result = target.connection->Query(sql);
		if (result->HasError()) {
			target.error = "cannot prepare the connection: " + result->GetError();
			return target;
		}
	}
	// A PostgreSQL catalog may still be starting (a fresh pod, a port-forward): retry a while.
	bool postgres = arguments.lake.uri.find("postgres:") != std::string::npos;
	auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(postgres_wait_seconds_max);
	auto outcome = AttachLake(*target.database->instance, *target.connection, arguments.lake);
	while (postgres && outcome.status == LakeAttachOutcome::Status::FAILED &&
	       std::chrono::steady_clock::now() < deadline) {
		std::this_thread::sleep_for(std::chrono::seconds(1));
		outcome = AttachLake(*target.database->instance, *target.connection, arguments.lake);
	}
	if (postgres && outcome.status == LakeAttachOutcome::Status::FAILED) {
		outcome.message += " (retried for " + std::to_string(postgres_wait_seconds_max) + " s)";
	}
	using Status = LakeAttachOutcome::Status;
	switch (outcome.status) {
	case Status::ATTACHED:
		target.is_ducklake = true;
		target.description = outcome.message;
		return target;
	case Status::FAILED:
		target.error = outcome.message;
		return target;
	case Status::DISABLED:
		target.description = "no lake (--no-lake): an in-memory DuckDB database";
		return target;
	case Status::UNAVAILABLE:
		break;
	}
	std::error_code code;
	std::filesystem::create_directories(std::filesystem::path(workload_fallback_database).parent_path(), code);
	auto attached =
	    target.connection->Query(std::string("ATTACH ") + QuoteSqlString(workload_fallback_database) + " AS lake");
	if (attached->HasError()) {
		target.error = std::string("cannot open ") + workload_fallback_database + ": " + attached->GetError() +
		               " (remove the file or run from a writable directory)";
		return target;
	}
	target.description = std::string("lake: the DuckLake catalog is not in this build yet, so a plain DuckDB file (") +
	                     workload_fallback_database + ") stands in";
	return target;
}

} // namespace ducklake
