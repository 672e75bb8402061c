// dml_bench: DuckLake DELETE and merge-on-read performance, each number a ratio against a
// baseline measured in the same run on the same machine.
//
//   dml_bench [rows=10000000]
//
// Cases (the bars of the row-level changes issue):
//   delete    DELETE of 1% of the rows (autocommit, delete files included)  vs  a full scan   (<= 2x)
//   scan      full-scan aggregate with 10% of the rows deleted              vs  no deletes   (<= 1.2x)
#include "extension/ducklake_extension.hpp"
#include "extension/huge_page_allocator.hpp"

#include "duckdb.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

//! Repetitions per measurement; the minimum is reported (least disturbed by other load).
constexpr int repetitions_max = 3;

void Check(duckdb::unique_ptr<duckdb::MaterializedQueryResult> result, const std::string &sql) {
	if (result->HasError()) {
		std::fprintf(stderr, "query failed: %s\n%s\n", sql.c_str(), result->GetError().c_str());
		std::exit(1);
	}
}

double TimeQuery(duckdb::Connection &con, const std::string &sql) {
	auto start = Clock::now();
	Check(con.Query(sql), sql);
	return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double MinTime(duckdb::Connection &con, const std::string &sql) {
	double best = 1e300;
	for (int repetition = 0; repetition < repetitions_max; repetition++) {
		best = std::min(best, TimeQuery(con, sql));
	}
	return best;
}

} // namespace

int main(int argc, char **argv) {
	long long rows = argc > 1 ? std::atoll(argv[1]) : 10000000LL;
	auto dir = std::filesystem::temp_directory_path() / ("ducklake-dml-bench-" + std::to_string(::getpid()));
	std::filesystem::create_directories(dir);
	auto d = dir.string() + "/";
	{
		duckdb::DBConfig config;
		ducklake::UseHugePageAllocator(config);
		duckdb::DuckDB db(nullptr, &config);
		db.LoadStaticExtension<ducklake::DucklakeExtension>();
		duckdb::Connection con(db);
		Check(con.Query("ATTACH 'ducklake:" + d + "meta.ducklake' AS lake (DATA_PATH '" + d + "data/')"), "attach");
		auto query = "SELECT range AS id, range % 265 AS zone, (range * 7 % 10000) / 100.0 AS fare FROM range(" +
		             std::to_string(rows) + ")";
		for (auto table : {"plain", "deleted1", "deleted10"}) {
			auto sql = std::string("CREATE TABLE lake.") + table + " AS " + query;
			Check(con.Query(sql), sql);
		}
		auto scan = [&](const std::string &table) {
			return "SELECT count(*), sum(fare), max(zone) FROM lake." + table;
		};

		// delete: 1% of the rows, each repetition another 1% (the later ones merge with the
		// previous delete files, as a real workload does)
		auto full_scan = MinTime(con, scan("deleted1"));
		auto filter_scan = MinTime(con, "SELECT count(*) FROM lake.deleted1 WHERE id % 100 = 42");
		double delete_best = 1e300;
		double statement_best = 1e300;
		double commit_best = 1e300;
		for (int repetition = 0; repetition < repetitions_max; repetition++) {
			Check(con.Query("BEGIN"), "BEGIN");
			auto statement = TimeQuery(con, "DELETE FROM lake.deleted1 WHERE id % 100 = " + std::to_string(repetition));
			auto commit = TimeQuery(con, "COMMIT");
			statement_best = std::min(statement_best, statement);
			commit_best = std::min(commit_best, commit);
			delete_best = std::min(delete_best, statement + commit);
		}
		std::printf("delete   1%% of %lld rows: %.1f ms (statement %.1f ms, commit %.1f ms; the filter alone %.1f ms), "
		            "full scan %.1f ms, ratio %.2fx (bar <= 2x)\n",
		            rows, delete_best, statement_best, commit_best, filter_scan, full_scan, delete_best / full_scan);

		// scan: 10% deleted vs none
		Check(con.Query("DELETE FROM lake.deleted10 WHERE id % 10 = 3"), "delete 10%");
		auto plain = MinTime(con, scan("plain"));
		auto deleted = MinTime(con, scan("deleted10"));
		std::printf("scan     %lld rows, 10%% deleted: %.1f ms, no deletes %.1f ms, ratio %.2fx (bar <= 1.2x)\n", rows,
		            deleted, plain, deleted / plain);
	}
	std::filesystem::remove_all(dir);
	return 0;
}
