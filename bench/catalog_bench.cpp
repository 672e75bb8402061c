// catalog_bench: DuckLake catalog performance, each number a ratio against a baseline measured in
// the same run on the same machine (plain DuckDB COPY / read_parquet over the same files).
//
//   catalog_bench [rows=10000000] [pruning_files=100] [snapshots=1000] [files=10000]
//
// Cases (the bars of the catalog issue):
//   ctas      CREATE TABLE lake.t AS <query>  vs  COPY (<query>) TO 'x.parquet'      (<= 1.10x)
//   scan      aggregate over lake.t           vs  read_parquet(<the same files>)     (<= 1.05x)
//   pruning   filter on one of N ranges       vs  the full scan of the same table    (>= 20x faster, 1 file read)
//             run once per file size in CATALOG_BENCH_PRUNING_ROWS_PER_FILE (default 100000,1000000)
//   attach    ATTACH + first query on a catalog with many snapshots and files          (< 50 ms)
//
// Environment:
//   CATALOG_BENCH_CASES  comma-separated subset of "ctas,scan,pruning,attach" (default: all;
//                        scan needs ctas)
//   CATALOG_BENCH_PRUNING_ROWS_PER_FILE  comma-separated rows per file of the pruning tables (default
//                        100000,1000000: below one Parquet row group, and eight row groups)
//   CATALOG_BENCH_DIR    work directory, kept afterwards; an existing many-snapshot catalog in it
//                        is reused, so the attach case can be rerun alone (default: a temporary
//                        directory, removed)
// Every timed statement runs `default_repetitions` times; the median is reported, and the minimum too.
#include "extension/ducklake_extension.hpp"
#include "support/query_timing.hpp"

#include "duckdb.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using namespace ducklake::bench; // NOLINT: the timing helpers of every bench

bool CaseEnabled(const std::string &name) {
	auto cases = std::getenv("CATALOG_BENCH_CASES");
	if (!cases || !*cases) {
		return true;
	}
	return ("," + std::string(cases) + ",").find("," + name + ",") != std::string::npos;
}

std::vector<long long> PruningRowsPerFile() {
	auto list = std::getenv("CATALOG_BENCH_PRUNING_ROWS_PER_FILE");
	std::string text = list && *list ? list : "100000,1000000";
	std::vector<long long> sizes;
	size_t start = 0;
	while (start <= text.size()) {
		auto end = text.find(',', start);
		end = end == std::string::npos ? text.size() : end;
		auto size = std::atoll(text.substr(start, end - start).c_str());
		if (size <= 0) {
			std::fprintf(stderr, "CATALOG_BENCH_PRUNING_ROWS_PER_FILE: '%s' is not a list of positive row counts\n",
			             text.c_str());
			std::exit(2);
		}
		sizes.push_back(size);
		start = end + 1;
	}
	return sizes;
}

//! One table of `files` files of `per_file` rows each, file i holding ids [i * per_file, (i + 1) * per_file).
//! A filter on half of the middle file's range against the full scan, and against plain read_parquet of that one
//! file with the same filter (the floor: what reading the one file costs without the lake).
void PruningCase(duckdb::Connection &con, int files, long long per_file) {
	auto table = "lake.ranges_" + std::to_string(per_file);
	Check(con.Query("CREATE TABLE " + table + "(id BIGINT, payload DOUBLE)"), "create ranges");
	for (int file_idx = 0; file_idx < files; file_idx++) {
		auto sql = "INSERT INTO " + table + " SELECT range, range * 0.5 FROM range(" +
		           std::to_string(file_idx * per_file) + ", " + std::to_string((file_idx + 1) * per_file) + ")";
		Check(con.Query(sql), sql);
	}
	auto low = per_file * (files / 2);
	auto filter = " WHERE id BETWEEN " + std::to_string(low) + " AND " + std::to_string(low + per_file / 2);
	auto probe = "SELECT count(*), sum(payload) FROM " + table + filter;
	auto full = "SELECT count(*), sum(payload) FROM " + table;
	auto one_file = con.Query("SELECT data_file FROM ducklake_list_files('lake', 'ranges_" + std::to_string(per_file) +
	                          "') ORDER BY data_file LIMIT 1 OFFSET " + std::to_string(files / 2));
	auto floor =
	    "SELECT count(*), sum(payload) FROM read_parquet('" + one_file->GetValue(0, 0).ToString() + "')" + filter;
	auto times = AlternatedTimes(con, "", probe, "", full);
	auto floor_times = AlternatedTimes(con, "", floor, "", probe);
	std::printf("pruning  files=%d rows/file=%lld  filtered %.2f ms (min %.2f, files read %s)  full %.2f ms (min %.2f, "
	            "files read %s)  speedup %.1fx of medians (bar >= 20x); read_parquet of the one file %.2f ms "
	            "(lake/read_parquet %.2f)\n",
	            files, per_file, times.first.median, times.first.min, FilesRead(con, probe).c_str(),
	            times.second.median, times.second.min, FilesRead(con, full).c_str(),
	            times.second.median / times.first.median, floor_times.first.median,
	            floor_times.second.median / floor_times.first.median);
}

} // namespace

int main(int argc, char **argv) {
	long long rows = argc > 1 ? std::atoll(argv[1]) : 10000000LL;
	int pruning_files = argc > 2 ? std::atoi(argv[2]) : 100;
	int snapshots = argc > 3 ? std::atoi(argv[3]) : 1000;
	int files = argc > 4 ? std::atoi(argv[4]) : 10000;
	auto kept_dir = std::getenv("CATALOG_BENCH_DIR");
	bool keep = kept_dir && *kept_dir;
	auto dir = keep ? std::filesystem::path(kept_dir)
	                : std::filesystem::temp_directory_path() / ("ducklake-bench-" + std::to_string(::getpid()));
	std::filesystem::create_directories(dir);
	auto d = std::filesystem::absolute(dir).string() + "/";
	if (CaseEnabled("ctas") || CaseEnabled("scan") || CaseEnabled("pruning")) {
		std::filesystem::remove_all(d + "data");
		std::filesystem::remove(d + "meta.ducklake");
		std::filesystem::remove(d + "meta.ducklake.wal");
		duckdb::DuckDB db(nullptr);
		db.LoadStaticExtension<ducklake::DucklakeExtension>();
		duckdb::Connection con(db);
		Check(con.Query("ATTACH 'ducklake:" + d + "meta.ducklake' AS lake (DATA_PATH '" + d + "data/')"), "attach");
		auto query = "SELECT range AS id, range % 265 AS zone, (range * 7 % 10000) / 100.0 AS fare, "
		             "TIMESTAMP '2024-01-01' + INTERVAL (range % 86400) SECOND AS pickup FROM range(" +
		             std::to_string(rows) + ")";

		if (CaseEnabled("ctas") || CaseEnabled("scan")) {
			// ctas vs copy, alternated
			auto times = AlternatedTimes(con, "DROP TABLE IF EXISTS lake.t", "CREATE TABLE lake.t AS " + query, "",
			                             "COPY (" + query + ") TO '" + d + "copy.parquet' (FORMAT parquet)");
			std::printf("ctas     rows=%lld  lake %.1f ms (min %.1f)  copy %.1f ms (min %.1f)  ratio %.3f of medians "
			            "(bar <= 1.10)\n",
			            rows, times.first.median, times.first.min, times.second.median, times.second.min,
			            times.first.median / times.second.median);
		}
		if (CaseEnabled("scan")) {
			// scan vs read_parquet over the same files
			auto list_sql =
			    std::string("SELECT string_agg('''' || data_file || '''', ', ') FROM ducklake_list_files('lake', 't')");
			auto list = con.Query(list_sql);
			if (list->HasError()) {
				Check(std::move(list), list_sql);
			}
			auto file_list = "[" + list->GetValue(0, 0).ToString() + "]";
			auto aggregate = std::string("SELECT zone, count(*), sum(fare), max(pickup) FROM ");
			auto times = AlternatedTimes(con, "", aggregate + "lake.t GROUP BY zone", "",
			                             aggregate + "read_parquet(" + file_list + ") GROUP BY zone");
			std::printf("scan     rows=%lld  lake %.1f ms (min %.1f)  read_parquet %.1f ms (min %.1f)  ratio %.3f of "
			            "medians (bar <= 1.05)\n",
			            rows, times.first.median, times.first.min, times.second.median, times.second.min,
			            times.first.median / times.second.median);
		}

		if (CaseEnabled("pruning")) {
			// pruning: N files with distinct id ranges, once per file size
			for (auto per_file : PruningRowsPerFile()) {
				PruningCase(con, pruning_files, per_file);
			}
		}
	}
	if (CaseEnabled("attach")) {
		auto many = d + "many.ducklake";
		if (!keep || !std::filesystem::exists(many)) {
			// a catalog with many snapshots and files, written directly through the lake
			std::filesystem::remove_all(d + "many");
			std::filesystem::remove(many);
			duckdb::DuckDB db(nullptr);
			db.LoadStaticExtension<ducklake::DucklakeExtension>();
			duckdb::Connection con(db);
			Check(con.Query("ATTACH 'ducklake:" + many + "' AS lake (DATA_PATH '" + d + "many/')"), "attach");
			Check(con.Query("CREATE TABLE lake.m(id BIGINT)"), "create");
			int files_per_snapshot = std::max(1, files / std::max(1, snapshots));
			for (int snapshot_idx = 0; snapshot_idx < snapshots; snapshot_idx++) {
				Check(con.Query("BEGIN"), "begin");
				for (int file_idx = 0; file_idx < files_per_snapshot; file_idx++) {
					Check(con.Query("INSERT INTO lake.m VALUES (" + std::to_string(snapshot_idx) + ")"), "insert");
				}
				Check(con.Query("COMMIT"), "commit");
			}
		}
		// Each repetition is a new database instance: nothing cached between them.
		std::vector<double> attach_times, query_times, total_times;
		for (int repetition = 0; repetition < default_repetitions; repetition++) {
			duckdb::DuckDB db(nullptr);
			db.LoadStaticExtension<ducklake::DucklakeExtension>();
			duckdb::Connection con(db);
			auto start = Clock::now();
			Check(con.Query("ATTACH 'ducklake:" + many + "' AS lake (DATA_PATH '" + d + "many/')"), "attach");
			auto attached = Clock::now();
			Check(con.Query("SELECT count(*) FROM lake.m WHERE id = 3"), "first query");
			auto done = Clock::now();
			attach_times.push_back(std::chrono::duration<double, std::milli>(attached - start).count());
			query_times.push_back(std::chrono::duration<double, std::milli>(done - attached).count());
			total_times.push_back(std::chrono::duration<double, std::milli>(done - start).count());
		}
		auto attach_time = Summarize(attach_times);
		auto query_time = Summarize(query_times);
		auto total_time = Summarize(total_times);
		std::printf("attach   snapshots=%d files=%d  attach %.1f ms  first query %.1f ms  total %.1f ms (min %.1f) "
		            "(medians; bar < 50)\n",
		            snapshots, files, attach_time.median, query_time.median, total_time.median, total_time.min);
	}
	if (!keep) {
		std::filesystem::remove_all(dir);
	}
	return 0;
}
