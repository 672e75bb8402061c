#include "support/query_timing.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace ducklake {
namespace bench {

Percentiles Measure(int64_t count, const std::function<void(int64_t)> &action) {
	std::vector<double> samples;
	for (int64_t idx = 0; idx < count; idx++) {
		auto start = std::chrono::steady_clock::now();
		action(idx);
		samples.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
	}
	std::sort(samples.begin(), samples.end());
	Percentiles result;
	result.p50 = samples[samples.size() / 2];
	result.p99 = samples[std::min(samples.size() - 1, samples.size() * 99 / 100)];
	return result;
}

Timing Summarize(std::vector<double> times_ms) {
	std::sort(times_ms.begin(), times_ms.end());
	Timing timing;
	timing.min = times_ms.front();
	timing.median = times_ms[times_ms.size() / 2];
	return timing;
}

void Check(duckdb::unique_ptr<duckdb::MaterializedQueryResult> result, const std::string &sql) {
	if (result->HasError()) {
		std::fprintf(stderr, "query failed: %s\n%s\n", sql.c_str(), result->GetError().c_str());
		std::exit(1);
	}
}

double TimeQuery(duckdb::Connection &con, const std::string &sql) {
	auto start = std::chrono::steady_clock::now();
	Check(con.Query(sql), sql);
	return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

std::pair<Timing, Timing> AlternatedTimes(duckdb::Connection &con, const std::string &setup_a, const std::string &sql_a,
                                          const std::string &setup_b, const std::string &sql_b, int repetitions) {
	std::vector<double> times_a, times_b;
	for (int repetition = 0; repetition < repetitions; repetition++) {
		for (int side = 0; side < 2; side++) {
			auto &setup = side == 0 ? setup_a : setup_b;
			if (!setup.empty()) {
				Check(con.Query(setup), setup);
			}
			(side == 0 ? times_a : times_b).push_back(TimeQuery(con, side == 0 ? sql_a : sql_b));
		}
	}
	return {Summarize(times_a), Summarize(times_b)};
}

std::string FilesRead(duckdb::Connection &con, const std::string &sql) {
	auto result = con.Query("EXPLAIN ANALYZE " + sql);
	if (result->HasError()) {
		return "?";
	}
	auto text = result->GetValue(1, 0).ToString();
	const std::string label = "Total Files Read: ";
	auto pos = text.find(label);
	if (pos == std::string::npos) {
		return "?";
	}
	auto start = pos + label.size();
	auto end = text.find_first_not_of("0123456789", start);
	return text.substr(start, end - start);
}

} // namespace bench
} // namespace ducklake
