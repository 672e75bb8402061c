// metadata_scale_bench: a large catalog on each metadata store (DuckDB file, SQLite, PostgreSQL):
// how long ATTACH and the first query take, and how long each filtered query's planning reads
// take (the bars of the metadata stores issue: attach <= 500 ms, planning <= 20 ms).
//
//   metadata_scale_bench [--tables 5000] [--columns 20] [--files 100000] [--stores duckdb,sqlite,postgres]
//
// The catalog is written straight into the store's tables (one SQL statement per table, the same
// rows on every store): `--tables` tables of `--columns` BIGINT columns in schema main,
// `--files` data files spread round-robin over the tables, and one ducklake_file_column_stats
// row per file and column (file f holds the values f*10 .. f*10+9 in every column). The data
// files do not exist: queries filter on values no file holds, so the pruned file list is empty
// and no file is opened.
//
// Reported per store, each the median of `repetitions` runs (p99 for the per-query numbers):
//   load       SnapshotReader::LoadCatalog at the newest snapshot, with every table's columns, on
//              a fresh connection (the store's queries and their conversion to values, no DuckDB
//              catalog entries; ATTACH reads the columns of a table only when it is first used)
//   attach     a new DuckDB instance: ATTACH, then the first query on one table (this loads the
//              catalog and builds its DuckDB entries), end to end
//   planning   the reads that plan one filtered query: the newest snapshot, then the table's
//              files pruned by an integer bound in the listing query (one file matches), each
//              on a different table, over one connection
//   query      an end-to-end filtered query through DuckDB on an attached lake, each on a
//              different table (DuckDB binding and planning included; no file matches)
// PostgreSQL runs on a private server started here; DuckDB and SQLite files go to a temporary
// directory that is removed afterwards.
#include "extension/ducklake_extension.hpp"
#include "support/query_timing.hpp"
#include "metadata/duckdb/duckdb_metadata_connection.hpp"
#include "metadata/file_lister.hpp"
#include "metadata/postgres/postgres_metadata_connection.hpp"
#include "metadata/snapshot_reader.hpp"
#include "metadata/sqlite/sqlite_metadata_connection.hpp"
#include "support/temp_postgres.hpp"

#include "duckdb.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using ducklake::bench::Measure;
using ducklake::bench::Percentiles;

constexpr int repetitions = 5;
constexpr int planning_queries = 50;

double ElapsedMs(Clock::time_point start) {
	return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Scale {
	int64_t tables = 5000;
	int64_t columns = 20;
	int64_t files = 100000;
};

void Check(duckdb::unique_ptr<duckdb::MaterializedQueryResult> result, const std::string &sql) {
	if (result->HasError()) {
		std::fprintf(stderr, "query failed: %s\n%s\n", sql.c_str(), result->GetError().c_str());
		std::exit(1);
	}
}

//! One store under test: how to reach it from DuckDB and from a MetadataConnection, and the
//! dialect bits the populating SQL needs.
struct Store {
	std::string name;
	std::string attach_path; // after "ducklake:"
	std::string data_path;
	//! A number series 1..n as a FROM item with column `alias`.
	std::function<std::string(int64_t n, const std::string &alias)> series;
	//! A UUID value for row number `expression`.
	std::function<std::string(const std::string &expression)> uuid;
	//! A connection for the store-level measurements (SnapshotReader, FileLister); `db` has the
	//! lake attached (the DuckDB store is read through it: one process opens a file once).
	std::function<std::unique_ptr<ducklake::MetadataConnection>(duckdb::DatabaseInstance &db)> connect;
	//! Runs the populating SQL, with `{}` in it replaced by the qualified table prefix.
	std::function<void(const std::string &sql)> execute;
};

std::string Series(const Store &store, int64_t n, const std::string &alias) {
	return store.series(n, alias);
}

//! The catalog rows, written in one go; `prefix` qualifies the table names.
std::vector<std::string> PopulateStatements(const Store &store, const Scale &scale, const std::string &prefix) {
	auto n = [](int64_t value) {
		return std::to_string(value);
	};
	return {
	    "INSERT INTO " + prefix + "ducklake_snapshot SELECT 1, snapshot_time, 1, " + n(scale.tables + 1) + ", " +
	        n(scale.files + 1) + " FROM " + prefix + "ducklake_snapshot WHERE snapshot_id = 0",
	    "INSERT INTO " + prefix + "ducklake_table SELECT t, " + store.uuid("t") +
	        ", 1, NULL, 0, 'table_' || t, 'table_' || t || '/', true FROM " + Series(store, scale.tables, "t"),
	    "INSERT INTO " + prefix +
	        "ducklake_column SELECT c, 1, NULL, t, c, 'c' || c, 'int64', NULL, NULL, true, NULL "
	        "FROM " +
	        Series(store, scale.tables, "t") + ", " + Series(store, scale.columns, "c"),
	    "INSERT INTO " + prefix + "ducklake_data_file SELECT f, 1 + f % " + n(scale.tables) +
	        ", 1, NULL, NULL, 'ducklake-' || f || '.parquet', true, 'parquet', 1000, 100000, 1000, 0, NULL, NULL, "
	        "NULL, NULL FROM " +
	        Series(store, scale.files, "f"),
	    "INSERT INTO " + prefix + "ducklake_table_stats SELECT t, 1000 * " + n(scale.files / scale.tables) +
	        ", 1000 * " + n(scale.files / scale.tables) + ", 100000 FROM " + Series(store, scale.tables, "t"),
	    "INSERT INTO " + prefix + "ducklake_file_column_stats SELECT f, 1 + f % " + n(scale.tables) +
	        ", c, 1000, 1000, 0, CAST(f * 10 AS VARCHAR), CAST(f * 10 + 9 AS VARCHAR), NULL, NULL FROM " +
	        Series(store, scale.files, "f") + ", " + Series(store, scale.columns, "c"),
	};
}

struct StoreNumbers {
	Percentiles load, attach_only, attach, first_query, planning, query;
};

StoreNumbers RunStore(Store &store, const Scale &scale) {
	StoreNumbers numbers;
	auto attach_sql = "ATTACH 'ducklake:" + store.attach_path + "' AS lake (DATA_PATH '" + store.data_path + "')";
	{
		// Create the catalog through the lake, then fill its tables directly.
		duckdb::DuckDB db(nullptr);
		db.LoadStaticExtension<ducklake::DucklakeExtension>();
		duckdb::Connection con(db);
		Check(con.Query(attach_sql), attach_sql);
		if (store.name == "duckdb") {
			auto start = Clock::now();
			for (auto &sql : PopulateStatements(store, scale, "__ducklake_metadata_lake.main.")) {
				Check(con.Query(sql), sql);
			}
			std::printf("%-9s populated in %.1f s\n", store.name.c_str(), ElapsedMs(start) / 1000);
		}
	}
	if (store.name != "duckdb") {
		auto start = Clock::now();
		for (auto &sql : PopulateStatements(store, scale, "")) {
			store.execute(sql);
		}
		std::printf("%-9s populated in %.1f s\n", store.name.c_str(), ElapsedMs(start) / 1000);
	}

	duckdb::DuckDB reader_db(nullptr);
	reader_db.LoadStaticExtension<ducklake::DucklakeExtension>();
	{
		duckdb::Connection con(reader_db);
		Check(con.Query(attach_sql), attach_sql);
	}
	numbers.load = Measure(repetitions, [&](int64_t) {
		auto connection = store.connect(*reader_db.instance);
		ducklake::SnapshotReader reader(*connection);
		auto records = reader.LoadCatalog(reader.LatestSnapshot());
		if (static_cast<int64_t>(records.tables.size()) != scale.tables) {
			std::fprintf(stderr, "%s: loaded %zu tables, expected %lld\n", store.name.c_str(), records.tables.size(),
			             static_cast<long long>(scale.tables));
			std::exit(1);
		}
	});

	{
		auto connection = store.connect(*reader_db.instance);
		size_t files_listed = 0;
		numbers.planning = Measure(planning_queries, [&](int64_t idx) {
			auto snapshot = ducklake::SnapshotReader(*connection).LatestSnapshot();
			auto table_id = 1 + idx * 97 % scale.tables;
			// File table_id - 1 + tables belongs to the table and holds (that id) * 10 .. * 10 + 9.
			ducklake::ScanFileQuery query;
			ducklake::StatsBound bound;
			bound.column_id = 1;
			bound.value = (table_id - 1 + scale.tables) * 10 + 5;
			query.bounds.push_back(bound);
			auto files = ducklake::FileLister(*connection).ListScanFiles(table_id, snapshot.snapshot_id, query);
			files_listed = files.size();
		});
		if (files_listed != 1) {
			std::fprintf(stderr, "%s: the pruned listing returned %zu files, expected 1\n", store.name.c_str(),
			             files_listed);
			std::exit(1);
		}
	}
	reader_db.instance.reset();
	// A value no file holds: every file's stats rule it out, so nothing is opened.
	auto no_match = [&](int64_t idx) {
		return "SELECT count(*) FROM lake.table_" + std::to_string(1 + idx * 97 % scale.tables) + " WHERE c1 = -" +
		       std::to_string(idx + 1);
	};
	std::vector<double> attach_samples, first_samples, total_samples;
	for (int repetition = 0; repetition < repetitions; repetition++) {
		duckdb::DuckDB db(nullptr);
		db.LoadStaticExtension<ducklake::DucklakeExtension>();
		duckdb::Connection con(db);
		auto start = Clock::now();
		Check(con.Query(attach_sql), attach_sql);
		auto attached = Clock::now();
		Check(con.Query(no_match(repetition)), no_match(repetition));
		attach_samples.push_back(std::chrono::duration<double, std::milli>(attached - start).count());
		first_samples.push_back(ElapsedMs(attached));
		total_samples.push_back(ElapsedMs(start));
	}
	auto median = [](std::vector<double> samples) {
		std::sort(samples.begin(), samples.end());
		Percentiles result;
		result.p50 = samples[samples.size() / 2];
		result.p99 = samples.back();
		return result;
	};
	numbers.attach_only = median(attach_samples);
	numbers.attach = median(total_samples);
	numbers.first_query = median(first_samples);

	{
		duckdb::DuckDB db(nullptr);
		db.LoadStaticExtension<ducklake::DucklakeExtension>();
		duckdb::Connection con(db);
		Check(con.Query(attach_sql), attach_sql);
		Check(con.Query(no_match(0)), no_match(0));
		numbers.query =
		    Measure(planning_queries, [&](int64_t idx) { Check(con.Query(no_match(idx + 1)), no_match(idx + 1)); });
	}
	std::printf("%-9s load %.1f ms; attach + first query %.1f ms (max %.1f; ATTACH %.1f ms, first query %.1f ms); "
	            "planning reads p50 %.2f ms, p99 %.2f ms; filtered query p50 %.2f ms, p99 %.2f ms\n",
	            store.name.c_str(), numbers.load.p50, numbers.attach.p50, numbers.attach.p99, numbers.attach_only.p50,
	            numbers.first_query.p50, numbers.planning.p50, numbers.planning.p99, numbers.query.p50,
	            numbers.query.p99);
	// The bars of the metadata stores issue, against this run's numbers.
	auto verdict = [](bool met) {
		return met ? "met" : "MISSED";
	};
	std::printf("%-9s bars: attach + first query p50 %.1f ms <= 500 ms %s; planning reads p50 %.2f ms <= 20 ms %s\n",
	            store.name.c_str(), numbers.attach.p50, verdict(numbers.attach.p50 <= 500), numbers.planning.p50,
	            verdict(numbers.planning.p50 <= 20));
	std::fflush(stdout);
	return numbers;
}

bool Wanted(const std::string &stores, const std::string &name) {
	return ("," + stores + ",").find("," + name + ",") != std::string::npos;
}

} // namespace

int main(int argc, char **argv) {
	Scale scale;
	std::string stores = "duckdb,sqlite,postgres";
	for (int arg_idx = 1; arg_idx + 1 < argc; arg_idx += 2) {
		if (std::strcmp(argv[arg_idx], "--tables") == 0) {
			scale.tables = std::atoll(argv[arg_idx + 1]);
		} else if (std::strcmp(argv[arg_idx], "--columns") == 0) {
			scale.columns = std::atoll(argv[arg_idx + 1]);
		} else if (std::strcmp(argv[arg_idx], "--files") == 0) {
			scale.files = std::atoll(argv[arg_idx + 1]);
		} else if (std::strcmp(argv[arg_idx], "--stores") == 0) {
			stores = argv[arg_idx + 1];
		}
	}
	if (scale.tables < 1 || scale.columns < 1 || scale.files < 2 * scale.tables || argc % 2 == 0) {
		std::fprintf(stderr,
		             "usage: %s [--tables N>=1] [--columns N>=1] [--files N>=2*tables] [--stores "
		             "duckdb,sqlite,postgres]\n",
		             argv[0]);
		return 2;
	}
	std::printf("catalog: %lld tables x %lld columns, %lld data files, %lld file column stats rows\n",
	            static_cast<long long>(scale.tables), static_cast<long long>(scale.columns),
	            static_cast<long long>(scale.files), static_cast<long long>(scale.files * scale.columns));
	std::string pattern = (std::filesystem::temp_directory_path() / "ducklake-scale-XXXXXX").string();
	if (!mkdtemp(&pattern[0])) {
		return 1;
	}
	auto native_series = [](const std::string &function) {
		return [function](int64_t n, const std::string &alias) {
			return function + "(1, " + std::to_string(n) + ") AS " + alias + "_series(" + alias + ")";
		};
	};
	if (Wanted(stores, "duckdb")) {
		Store store;
		store.name = "duckdb";
		store.attach_path = pattern + "/scale.ducklake";
		store.data_path = pattern + "/duckdb_data/";
		store.series = [](int64_t n, const std::string &alias) {
			return "range(1, " + std::to_string(n + 1) + ") AS " + alias + "_series(" + alias + ")";
		};
		store.uuid = [](const std::string &) {
			return std::string("uuid()");
		};
		store.connect = [&store](duckdb::DatabaseInstance &db) {
			return std::unique_ptr<ducklake::MetadataConnection>(
			    new ducklake::DuckdbMetadataConnection(db, "__ducklake_metadata_lake", "main", store.attach_path));
		};
		RunStore(store, scale);
	}
	if (Wanted(stores, "sqlite")) {
		Store store;
		store.name = "sqlite";
		auto path = pattern + "/scale.sqlite";
		store.attach_path = "sqlite:" + path;
		store.data_path = pattern + "/sqlite_data/";
		store.series = [](int64_t n, const std::string &alias) {
			return "(WITH RECURSIVE s(" + alias + ") AS (SELECT 1 UNION ALL SELECT " + alias + " + 1 FROM s WHERE " +
			       alias + " < " + std::to_string(n) + ") SELECT " + alias + " FROM s) AS " + alias + "_series";
		};
		store.uuid = [](const std::string &expression) {
			return "printf('00000000-0000-4000-8000-%012d', " + expression + ")";
		};
		store.connect = [path](duckdb::DatabaseInstance &) {
			return std::unique_ptr<ducklake::MetadataConnection>(new ducklake::SqliteMetadataConnection(path));
		};
		store.execute = [path](const std::string &sql) {
			ducklake::SqliteMetadataConnection(path).Query(sql);
		};
		RunStore(store, scale);
	}
	if (Wanted(stores, "postgres")) {
		auto server = ducklake::test::TempPostgres::Start();
		server->Execute("CREATE DATABASE scale");
		auto conninfo = server->ConnInfo("scale");
		Store store;
		store.name = "postgres";
		store.attach_path = "postgres:" + conninfo;
		store.data_path = pattern + "/postgres_data/";
		store.series = native_series("generate_series");
		store.uuid = [](const std::string &) {
			return std::string("gen_random_uuid()");
		};
		store.connect = [conninfo](duckdb::DatabaseInstance &) {
			return std::unique_ptr<ducklake::MetadataConnection>(new ducklake::PostgresMetadataConnection(conninfo));
		};
		store.execute = [conninfo](const std::string &sql) {
			ducklake::PostgresMetadataConnection connection(conninfo);
			connection.Query(sql);
			connection.Query("ANALYZE");
		};
		RunStore(store, scale);
	}
	std::error_code error;
	std::filesystem::remove_all(pattern, error);
	return 0;
}
