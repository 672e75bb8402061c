// catalog_bench: DuckLake catalog performance, each number a ratio against a baseline measured in
// the same run on the same machine (plain DuckDB COPY / read_parquet over the same files).
//
//   catalog_bench [rows=10000000] [pruning_files=100] [snapshots=1000] [files=10000]
//
// Cases (the bars of the catalog issue):
//   ctas      CREATE TABLE lake.t AS <query>  vs  COPY (<query>) TO 'x.parquet'      (<= 1.10x)
//   scan      aggregate over lake.t           vs  read_parquet(<the same files>)     (<= 1.05x)
//   pruning   filter on one of N ranges       vs  the full scan of the same table    (>= 20x faster, 1 file read)
//   attach    ATTACH + first query on a catalog with many snapshots and files          (< 50 ms)
#include "extension/ducklake_extension.hpp"

#include "duckdb.hpp"

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

double MinTime(duckdb::Connection &con, const std::string &setup, const std::string &sql) {
	double best = 1e300;
	for (int repetition = 0; repetition < repetitions_max; repetition++) {
		if (!setup.empty()) {
			Check(con.Query(setup), setup);
		}
		best = std::min(best, TimeQuery(con, sql));
	}
	return best;
}

std::string FilesRead(duckdb::Connection &con, const std::string &sql) {
	auto result = con.Query("EXPLAIN ANALYZE " + sql);
	Check(con.Query("SELECT 1"), "SELECT 1");
	auto text = result->GetValue(1, 0).ToString();
	auto pos = text.find("Total Files Read: ");
	if (pos == std::string::npos) {
		return "?";
	}
	auto end = text.find_first_not_of("0123456789", pos + 18);
	return text.substr(pos + 18, end - pos - 18);
}

} // namespace

int main(int argc, char **argv) {
	long long rows = argc > 1 ? std::atoll(argv[1]) : 10000000LL;
	int pruning_files = argc > 2 ? std::atoi(argv[2]) : 100;
	int snapshots = argc > 3 ? std::atoi(argv[3]) : 1000;
	int files = argc > 4 ? std::atoi(argv[4]) : 10000;
	auto dir = std::filesystem::temp_directory_path() / ("ducklake-bench-" + std::to_string(::getpid()));
	std::filesystem::create_directories(dir);
	auto d = dir.string() + "/";
	{
		duckdb::DuckDB db(nullptr);
		db.LoadStaticExtension<ducklake::DucklakeExtension>();
		duckdb::Connection con(db);
		Check(con.Query("ATTACH 'ducklake:" + d + "meta.ducklake' AS lake (DATA_PATH '" + d + "data/')"), "attach");
		auto query = "SELECT range AS id, range % 265 AS zone, (range * 7 % 10000) / 100.0 AS fare, "
		             "TIMESTAMP '2024-01-01' + INTERVAL (range % 86400) SECOND AS pickup FROM range(" +
		             std::to_string(rows) + ")";

		// ctas vs copy
		auto copy_ms = MinTime(con, "", "COPY (" + query + ") TO '" + d + "copy.parquet' (FORMAT parquet)");
		auto ctas_ms = MinTime(con, "DROP TABLE IF EXISTS lake.t", "CREATE TABLE lake.t AS " + query);
		std::printf("ctas     rows=%lld  lake %.1f ms  copy %.1f ms  ratio %.3f (bar <= 1.10)\n", rows, ctas_ms,
		            copy_ms, ctas_ms / copy_ms);

		// scan vs read_parquet over the same files
		auto list =
		    con.Query("SELECT string_agg('''' || data_file || '''', ', ') FROM ducklake_list_files('lake', 't')");
		auto file_list = "[" + list->GetValue(0, 0).ToString() + "]";
		auto aggregate = "SELECT zone, count(*), sum(fare), max(pickup) FROM ";
		auto lake_scan = MinTime(con, "", std::string(aggregate) + "lake.t GROUP BY zone");
		auto raw_scan = MinTime(con, "", std::string(aggregate) + "read_parquet(" + file_list + ") GROUP BY zone");
		std::printf("scan     rows=%lld  lake %.1f ms  read_parquet %.1f ms  ratio %.3f (bar <= 1.05)\n", rows,
		            lake_scan, raw_scan, lake_scan / raw_scan);

		// pruning: N files with distinct id ranges
		Check(con.Query("CREATE TABLE lake.ranges(id BIGINT, payload DOUBLE)"), "create ranges");
		long long per_file = std::max(1LL, rows / pruning_files);
		for (int file_idx = 0; file_idx < pruning_files; file_idx++) {
			auto sql = "INSERT INTO lake.ranges SELECT range, range * 0.5 FROM range(" +
			           std::to_string(file_idx * per_file) + ", " + std::to_string((file_idx + 1) * per_file) + ")";
			Check(con.Query(sql), sql);
		}
		auto probe = "SELECT count(*), sum(payload) FROM lake.ranges WHERE id BETWEEN " +
		             std::to_string(per_file * (pruning_files / 2)) + " AND " +
		             std::to_string(per_file * (pruning_files / 2) + per_file / 2);
		auto full = std::string("SELECT count(*), sum(payload) FROM lake.ranges");
		auto pruned_ms = MinTime(con, "", probe);
		auto full_ms = MinTime(con, "", full);
		std::printf("pruning  files=%d  filtered %.2f ms (files read %s)  full %.2f ms (files read %s)  speedup %.1fx "
		            "(bar >= 20x)\n",
		            pruning_files, pruned_ms, FilesRead(con, probe).c_str(), full_ms, FilesRead(con, full).c_str(),
		            full_ms / pruned_ms);
	}
	{
		// a catalog with many snapshots and files, written directly through the lake
		duckdb::DuckDB db(nullptr);
		db.LoadStaticExtension<ducklake::DucklakeExtension>();
		duckdb::Connection con(db);
		Check(con.Query("ATTACH 'ducklake:" + d + "many.ducklake' AS lake (DATA_PATH '" + d + "many/')"), "attach");
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
	{
		duckdb::DuckDB db(nullptr);
		db.LoadStaticExtension<ducklake::DucklakeExtension>();
		duckdb::Connection con(db);
		auto start = Clock::now();
		Check(con.Query("ATTACH 'ducklake:" + d + "many.ducklake' AS lake (DATA_PATH '" + d + "many/')"), "attach");
		auto attached = Clock::now();
		Check(con.Query("SELECT count(*) FROM lake.m WHERE id = 3"), "first query");
		auto done = Clock::now();
		std::printf("attach   snapshots=%d files=%d  attach %.1f ms  first query %.1f ms  total %.1f ms (bar < 50)\n",
		            snapshots, files, std::chrono::duration<double, std::milli>(attached - start).count(),
		            std::chrono::duration<double, std::milli>(done - attached).count(),
		            std::chrono::duration<double, std::milli>(done - start).count());
	}
	std::filesystem::remove_all(dir);
	return 0;
}
