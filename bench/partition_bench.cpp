// partition_bench: writing and reading a partitioned DuckLake table, each number a ratio against a
// baseline measured in the same run on the same machine.
//
//   partition_bench [rows=5000000] [regions=20]
//
// Cases:
//   write     INSERT INTO a table partitioned by (region, year(pickup), month(pickup))
//             vs  COPY (<same query>) TO dir (PARTITION_BY (region, year, month))   (same files)
//   pruning   WHERE region = 'r7'  vs  the full scan of the same table (files read, time)
//
// Statements are timed alternately (a, b, a, b, ...) so load changes hit both alike; the median of
// `default_repetitions` runs is reported with the minimum.
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

} // namespace

int main(int argc, char **argv) {
	long long rows = argc > 1 ? std::atoll(argv[1]) : 5000000LL;
	int regions = argc > 2 ? std::atoi(argv[2]) : 20;
	auto dir = std::filesystem::temp_directory_path() / ("ducklake-partition-bench-" + std::to_string(::getpid()));
	std::filesystem::create_directories(dir);
	auto d = std::filesystem::absolute(dir).string() + "/";
	{
		duckdb::DuckDB db(nullptr);
		db.LoadStaticExtension<ducklake::DucklakeExtension>();
		duckdb::Connection con(db);
		Check(con.Query("ATTACH 'ducklake:" + d + "meta.ducklake' AS lake (DATA_PATH '" + d + "data/')"), "attach");
		auto query =
		    "SELECT TIMESTAMP '2024-01-01' + INTERVAL (range * 7919 % 31536000) SECOND AS pickup, 'r' || (range % " +
		    std::to_string(regions) + ") AS region, range AS id, (range * 7 % 10000) / 100.0 AS fare FROM range(" +
		    std::to_string(rows) + ")";
		auto create = std::string("DROP TABLE IF EXISTS lake.t; CREATE TABLE lake.t(pickup TIMESTAMP, region VARCHAR, "
		                          "id BIGINT, fare DOUBLE); ALTER TABLE lake.t SET PARTITIONED BY (region, "
		                          "year(pickup), month(pickup))");
		auto copy_query = "SELECT *, year(pickup) AS year, month(pickup) AS month FROM (" + query + ")";
		auto times = AlternatedTimes(con, create, "INSERT INTO lake.t " + query, "SELECT 1",
		                             "COPY (" + copy_query + ") TO '" + d +
		                                 "copy' (FORMAT parquet, PARTITION_BY (region, year, month), "
		                                 "OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'f{uuidv7}')");
		auto files = con.Query("SELECT count(*) FROM ducklake_list_files('lake', 't')");
		std::printf("write    rows=%lld partitions=%d files=%s  lake %.1f ms (min %.1f)  copy %.1f ms (min %.1f)  "
		            "ratio %.3f of medians\n",
		            rows, regions * 12, files->GetValue(0, 0).ToString().c_str(), times.first.median, times.first.min,
		            times.second.median, times.second.min, times.first.median / times.second.median);
		auto filtered = std::string("SELECT count(*), sum(fare) FROM lake.t WHERE region = 'r7'");
		auto full = std::string("SELECT count(*), sum(fare) FROM lake.t");
		auto scan = AlternatedTimes(con, "", filtered, "", full);
		std::printf("pruning  files read %s of %s  filtered %.1f ms (min %.1f)  full %.1f ms (min %.1f)  "
		            "full/filtered %.1fx\n",
		            FilesRead(con, filtered).c_str(), FilesRead(con, full).c_str(), scan.first.median, scan.first.min,
		            scan.second.median, scan.second.min, scan.second.median / scan.first.median);
	}
	std::filesystem::remove_all(dir);
	return 0;
}
