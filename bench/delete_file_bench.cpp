// delete_file_bench: writing one DuckLake delete file with the encoder vs DuckDB's Parquet COPY
// writer (the path it replaces), both in the same process on the same positions, so the ratio
// holds whatever the machine's load.
//
//   delete_file_bench [positions=100000] [repetitions=20]
//
// Reports, per way of writing, the minimum and the median of the repetitions (alternating, so a
// burst of outside load hits both), the first write of each in the process (the encoder's first,
// then the COPY writer's), and the encoder alone (bytes in memory, no file).
#include "storage/delete_file_encoder.hpp"
#include "storage/delete_file_writer.hpp"

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

//! Bounds on what the command line may ask for.
constexpr long long positions_max = 100000000LL;
constexpr int repetitions_max = 1000;

template <class FUNC>
double TimeMs(FUNC &&func) {
	auto start = Clock::now();
	func();
	return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Summary {
	double min;
	double median;
};

Summary Summarize(std::vector<double> times) {
	std::sort(times.begin(), times.end());
	return {times.front(), times[times.size() / 2]};
}

} // namespace

int main(int argc, char **argv) {
	long long position_count = argc > 1 ? std::atoll(argv[1]) : 100000LL;
	int repetitions = argc > 2 ? std::atoi(argv[2]) : 20;
	if (position_count < 1 || position_count > positions_max || repetitions < 1 || repetitions > repetitions_max) {
		std::fprintf(stderr, "usage: delete_file_bench [positions 1..%lld] [repetitions 1..%d]\n", positions_max,
		             repetitions_max);
		return 2;
	}
	auto dir = std::filesystem::temp_directory_path() / ("ducklake-delete-file-bench-" + std::to_string(::getpid()));
	std::filesystem::create_directories(dir);
	auto directory = dir.string() + "/";
	// About the length of a real data file path in an S3 lake (100 bytes).
	const std::string data_file = "s3://analytics-bucket/lakehouse/main/taxi_trips/ducklake-019a2b3c-4d5e-7f60-8a9b-"
	                              "0c1d2e3f4a5b.parquet";
	std::vector<int64_t> positions;
	positions.reserve(static_cast<size_t>(position_count));
	for (long long row_idx = 0; row_idx < position_count; row_idx++) {
		positions.push_back(row_idx * 10 + 3); // every tenth row of a file
	}

	std::vector<double> encoder_times, copy_times, encode_only_times;
	int64_t encoder_size = 0, copy_size = 0;
	double first_encoder = 0, first_copy = 0;
	{
		duckdb::DuckDB db(nullptr);
		// The first write of each in the process (a DELETE's first delete file pays this): fresh
		// memory, and for the COPY writer its first bind. These are the warm-up.
		first_encoder = TimeMs([&]() { ducklake::WriteDeleteFile(*db.instance, directory, data_file, positions); });
		first_copy =
		    TimeMs([&]() { ducklake::WriteDeleteFileWithParquetCopy(*db.instance, directory, data_file, positions); });
		for (int repetition = 0; repetition < repetitions; repetition++) {
			encoder_times.push_back(TimeMs([&]() {
				encoder_size = ducklake::WriteDeleteFile(*db.instance, directory, data_file, positions).file_size_bytes;
			}));
			copy_times.push_back(TimeMs([&]() {
				copy_size = ducklake::WriteDeleteFileWithParquetCopy(*db.instance, directory, data_file, positions)
				                .file_size_bytes;
			}));
			encode_only_times.push_back(TimeMs([&]() {
				auto encoded = ducklake::EncodeDeleteFile(data_file, positions);
				if (!encoded) {
					std::fprintf(stderr, "the encoder left the benchmark input out\n");
					std::exit(1);
				}
			}));
			std::filesystem::remove_all(dir);
			std::filesystem::create_directories(dir);
		}
	}
	std::filesystem::remove_all(dir);

	auto encoder = Summarize(encoder_times);
	auto copy = Summarize(copy_times);
	auto encode_only = Summarize(encode_only_times);
	std::printf("delete file of %lld positions, %d repetitions (min / median ms)\n", position_count, repetitions);
	std::printf("  COPY writer           %8.3f / %8.3f  (%lld bytes)\n", copy.min, copy.median,
	            static_cast<long long>(copy_size));
	std::printf("  encoder + file write  %8.3f / %8.3f  (%lld bytes)\n", encoder.min, encoder.median,
	            static_cast<long long>(encoder_size));
	std::printf("  first write of the process: COPY writer %.3f, encoder + file write %.3f\n", first_copy,
	            first_encoder);
	std::printf("  encoder alone         %8.3f / %8.3f\n", encode_only.min, encode_only.median);
	std::printf("  ratio COPY / encoder: %.2fx (min), %.2fx (median)\n", copy.min / encoder.min,
	            copy.median / encoder.median);
	return encoder_size == copy_size ? 0 : 1;
}
