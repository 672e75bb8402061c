#include "workload/taxi_loader.hpp"

#include "duckdb.hpp"
#include "workload/http_download.hpp"
#include "workload/table_name.hpp"
#include "workload/taxi_schema.hpp"
#include "workload/taxi_source.hpp"

#include <chrono>
#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace ducklake {

uint64_t TaxiLoadReport::RowsLoaded() const {
	uint64_t total = 0;
	for (auto &month : months) {
		total += month.already_loaded ? 0 : month.rows;
	}
	return total;
}

namespace {

//! Runs one statement; on failure fills `error` and returns nullptr.
duckdb::unique_ptr<duckdb::MaterializedQueryResult> Run(duckdb::Connection &connection, const std::string &sql,
                                                        std::string &error) {
	auto result = connection.Query(sql);
	if (result->HasError()) {
		error = result->GetError();
		return nullptr;
	}
	return result;
}

//! The attached database the table lives in, for DuckLake-only calls like set_commit_message.
std::string CatalogOf(duckdb::Connection &connection, const TableName &name) {
	if (name.parts.size() == 3) {
		return name.parts[0];
	}
	std::string error;
	if (name.parts.size() == 2) {
		auto attached =
		    Run(connection,
		        "SELECT count(*) FROM duckdb_databases() WHERE database_name = " + QuoteLiteral(name.parts[0]), error);
		if (attached && attached->GetValue(0, 0).GetValue<int64_t>() > 0) {
			return name.parts[0];
		}
	}
	auto current = Run(connection, "SELECT current_database()", error);
	return current ? current->GetValue(0, 0).ToString() : std::string();
}

//! Whether `CALL <catalog>.set_commit_message(...)` exists. Probed outside any transaction
//! (a failed statement would abort the month's transaction); in autocommit it only labels an
//! empty transaction, which writes no snapshot. Only a missing function (a Catalog error)
//! counts as "unsupported"; other errors surface later, inside the month's transaction.
bool SupportsCommitMessage(duckdb::Connection &connection, const std::string &catalog) {
	auto result = connection.Query("CALL " + QuoteIdentifier(catalog) + ".set_commit_message('probe', 'probe')");
	return !result->HasError() || result->GetErrorObject().Type() != duckdb::ExceptionType::CATALOG;
}

bool IsDuckLakeCatalog(duckdb::Connection &connection, const std::string &catalog) {
	std::string error;
	auto type =
	    Run(connection, "SELECT type FROM duckdb_databases() WHERE database_name = " + QuoteLiteral(catalog), error);
	return type && type->RowCount() == 1 && type->GetValue(0, 0).ToString() == "ducklake";
}

struct MonthPlan {
	std::string origin;
	//! The SELECT of each chunk to insert, already projected onto the 2024 schema
	std::vector<std::string> chunk_queries;
	std::vector<uint64_t> chunk_rows;
	//! A downloaded file to delete once the month is done
	std::string staged_file;
};

class MonthLoader {
public:
	MonthLoader(duckdb::Connection &connection, const TaxiLoadOptions &options, const TableName &table,
	            const TaxiSource &source, bool commit_messages, const std::string &catalog)
	    : connection(connection), options(options), table(table), source(source), commit_messages(commit_messages),
	      catalog(catalog) {
	}

	//! Loads one month; returns an error message or "".
	std::string Load(size_t month_idx, TaxiMonthLoad &load, const TaxiLoadProgressCallback &progress) {
		TaxiLoadProgress state;
		state.month_idx = month_idx;
		state.months_total = options.months.size();
		state.month = load.month;
		auto report = [&](const std::string &stage) {
			state.stage = stage;
			if (progress) {
				progress(state);
			}
		};
		std::string error;
		auto logged = Run(connection,
		                  "SELECT row_count, origin FROM " + table.QuotedSibling("_loads") +
		                      " WHERE month = " + QuoteLiteral(load.month.ToString()),
		                  error);
		if (!logged) {
			return "reading the load log failed: " + error;
		}
		if (logged->RowCount() > 0) {
			load.already_loaded = true;
			load.rows = logged->GetValue(0, 0).GetValue<uint64_t>();
			load.origin = logged->GetValue(1, 0).ToString();
			state.rows_done = state.rows_total = load.rows;
			report("skipped");
			return "";
		}
		MonthPlan plan;
		if (source.kind == TaxiSourceKind::HTTP) {
			report("downloading");
		}
		error = Plan(load.month, plan);
		if (error.empty()) {
			load.origin = plan.origin;
			for (auto rows : plan.chunk_rows) {
				state.rows_total += rows;
			}
			report("loading");
			error = Commit(load, plan, [&](uint64_t rows_done) {
				state.rows_done = rows_done;
				report("loading");
			});
		}
		if (!plan.staged_file.empty()) {
			std::error_code ignored;
			std::filesystem::remove(plan.staged_file, ignored);
		}
		if (error.empty()) {
			report("committed");
		}
		return error;
	}

private:
	std::string Plan(const YearMonth &month, MonthPlan &plan) {
		if (source.kind == TaxiSourceKind::GENERATOR) {
			plan.origin = "generated (seed " + std::to_string(options.seed) + ")";
			for (uint64_t first = 0; first < options.rows_per_month; first += taxi_generator_chunk_rows) {
				TaxiGeneratorSpec spec;
				spec.month = month;
				spec.seed = options.seed;
				spec.first_row = first;
				spec.row_count = std::min(taxi_generator_chunk_rows, options.rows_per_month - first);
				plan.chunk_queries.push_back(TaxiGeneratorQuery(spec));
				plan.chunk_rows.push_back(spec.row_count);
			}
			return "";
		}
		plan.origin = source.FileFor(month);
		auto file = plan.origin;
		if (source.kind == TaxiSourceKind::LOCAL_DIRECTORY && !std::filesystem::is_regular_file(file)) {
			return file + " does not exist; the directory must hold the TLC's " + TaxiFileName(month) +
			       " (download it from https://www.nyc.gov/site/tlc/about/tlc-trip-record-data.page)";
		}
		if (source.kind == TaxiSourceKind::HTTP) {
			std::error_code code;
			auto directory = options.download_directory.empty() ? std::filesystem::temp_directory_path(code).string()
			                                                    : options.download_directory;
			plan.staged_file = (std::filesystem::path(directory) /
			                    ("ducklake-" + std::to_string(::getpid()) + "-" + TaxiFileName(month)))
			                       .string();
			auto download = HttpDownload(plan.origin, plan.staged_file);
			if (download.status != HttpDownloadStatus::OK) {
				plan.staged_file.clear();
				return download.error;
			}
			file = plan.staged_file;
		}
		std::string error;
		auto parquet = "read_parquet(" + QuoteLiteral(file) + ")";
		auto described = Run(connection, "DESCRIBE SELECT * FROM " + parquet, error);
		if (!described) {
			return "cannot read " + plan.origin + " as Parquet: " + error;
		}
		std::vector<std::string> columns;
		for (idx_t row_idx = 0; row_idx < described->RowCount(); row_idx++) {
			columns.push_back(described->GetValue(0, row_idx).ToString());
		}
		auto missing = MissingRequiredTaxiColumns(columns);
		if (!missing.empty()) {
			return plan.origin + " is not a yellow-taxi trip file: it has no column " + missing[0];
		}
		auto counted = Run(connection, "SELECT count(*) FROM " + parquet, error);
		if (!counted) {
			return "cannot read " + plan.origin + " as Parquet: " + error;
		}
		plan.chunk_rows.push_back(counted->GetValue(0, 0).GetValue<uint64_t>());
		plan.chunk_queries.push_back("SELECT " + TaxiNormalizingSelectList(columns) + " FROM " + parquet);
		return "";
	}

	std::string Commit(TaxiMonthLoad &load, const MonthPlan &plan, const std::function<void(uint64_t)> &on_chunk) {
		std::string error;
		if (!Run(connection, "BEGIN TRANSACTION", error)) {
			return "cannot start a transaction: " + error;
		}
		auto fail = [&](const std::string &what) {
			std::string ignored;
			Run(connection, "ROLLBACK", ignored);
			return what + ": " + error;
		};
		if (commit_messages) {
			auto message = "nyc-taxi " + load.month.ToString() + " from " + plan.origin;
			if (!Run(connection,
			         "CALL " + QuoteIdentifier(catalog) + ".set_commit_message(" + QuoteLiteral(options.author) + ", " +
			             QuoteLiteral(message) + ")",
			         error)) {
				return fail("setting the commit message failed");
			}
		}
		uint64_t rows_done = 0;
		for (size_t chunk_idx = 0; chunk_idx < plan.chunk_queries.size(); chunk_idx++) {
			auto inserted =
			    Run(connection, "INSERT INTO " + table.Quoted() + " " + plan.chunk_queries[chunk_idx], error);
			if (!inserted) {
				return fail("inserting into " + table.Quoted() + " failed");
			}
			rows_done += inserted->GetValue(0, 0).GetValue<uint64_t>();
			on_chunk(rows_done);
		}
		if (!Run(connection,
		         "INSERT INTO " + table.QuotedSibling("_loads") + " VALUES (" + QuoteLiteral(load.month.ToString()) +
		             ", " + QuoteLiteral(plan.origin) + ", " + std::to_string(rows_done) +
		             ", CAST(now() AS TIMESTAMP))",
		         error)) {
			return fail("recording the month in the load log failed");
		}
		if (!Run(connection, "COMMIT", error)) {
			return fail("committing failed");
		}
		load.rows = rows_done;
		return "";
	}

	duckdb::Connection &connection;
	const TaxiLoadOptions &options;
	const TableName &table;
	const TaxiSource &source;
	bool commit_messages;
	std::string catalog;
};

} // namespace

TaxiLoadReport LoadTaxiMonths(duckdb::Connection &connection, const TaxiLoadOptions &options,
                              const TaxiLoadProgressCallback &progress) {
	TaxiLoadReport report;
	auto table = ParseTableName(options.table);
	auto source = ParseTaxiSource(options.source);
	if (!table.error.empty()) {
		report.error = table.error;
		return report;
	}
	if (!source.error.empty()) {
		report.error = source.error;
		return report;
	}
	if (options.months.empty()) {
		report.error = "no months to load: give --months, e.g. 2024-01..2024-03";
		return report;
	}
	if (source.kind == TaxiSourceKind::GENERATOR &&
	    (options.rows_per_month == 0 || options.rows_per_month > taxi_generator_rows_per_month_max)) {
		report.error = "invalid --rows-per-month " + std::to_string(options.rows_per_month) + ": expected 1 to " +
		               std::to_string(taxi_generator_rows_per_month_max);
		return report;
	}
	std::string error;
	if (!Run(connection, "CREATE TABLE IF NOT EXISTS " + table.Quoted() + " (" + TaxiColumnDefinitions() + ")",
	         error) ||
	    !Run(connection,
	         "CREATE TABLE IF NOT EXISTS " + table.QuotedSibling("_loads") +
	             " (month VARCHAR, origin VARCHAR, row_count BIGINT, loaded_at TIMESTAMP)",
	         error)) {
		report.error = "cannot create " + table.Quoted() + " and its load log: " + error;
		return report;
	}
	auto catalog = CatalogOf(connection, table);
	report.ducklake_catalog = IsDuckLakeCatalog(connection, catalog);
	report.commit_messages = report.ducklake_catalog && SupportsCommitMessage(connection, catalog);
	MonthLoader loader(connection, options, table, source, report.commit_messages, catalog);
	for (size_t month_idx = 0; month_idx < options.months.size(); month_idx++) {
		TaxiMonthLoad load;
		load.month = options.months[month_idx];
		auto start = std::chrono::steady_clock::now();
		error = loader.Load(month_idx, load, progress);
		load.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
		if (!error.empty()) {
			report.error = "loading " + load.month.ToString() + " failed: " + error;
			return report;
		}
		report.months.push_back(load);
	}
	return report;
}

} // namespace ducklake
