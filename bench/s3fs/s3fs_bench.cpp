// s3fs_bench: times one s3fs operation inside DuckDB and prints "<seconds> <bytes>".
//
//   s3fs_bench SETUP_SQL read URL          sequential read of the whole object in read_size chunks
//   s3fs_bench SETUP_SQL write URL BYTES   write BYTES of incompressible data, then close (upload)
//   s3fs_bench SETUP_SQL sql QUERY         run QUERY (bytes printed as 0)
//
// SETUP_SQL runs first (e.g. the CREATE SECRET for the server). Timing covers the operation only.
#include "extension/ducklake_extension.hpp"
#include "extension/huge_page_allocator.hpp"

#include "duckdb.hpp"

#include <chrono>
#include <cstdio>
#include <random>

namespace {

constexpr uint64_t READ_SIZE_BYTES = 64ULL << 20;
constexpr uint64_t WRITE_CHUNK_BYTES = 1ULL << 20;

double SecondsSince(std::chrono::steady_clock::time_point start) {
	return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int Usage() {
	fprintf(stderr, "usage: s3fs_bench SETUP_SQL read URL | write URL BYTES | sql QUERY\n");
	return 2;
}

} // namespace

int main(int argc, char **argv) {
	if (argc < 4) {
		return Usage();
	}
	duckdb::DBConfig config;
	ducklake::UseHugePageAllocator(config);
	duckdb::DuckDB db(nullptr, &config);
	db.LoadStaticExtension<ducklake::DucklakeExtension>();
	duckdb::Connection con(db);
	auto setup = con.Query(argv[1]);
	if (setup->HasError()) {
		fprintf(stderr, "setup failed: %s\n", setup->GetError().c_str());
		return 1;
	}
	std::string mode = argv[2];
	auto &fs = duckdb::FileSystem::GetFileSystem(*con.context);
	try {
		if (mode == "read") {
			auto start = std::chrono::steady_clock::now();
			auto handle = fs.OpenFile(argv[3], duckdb::FileFlags::FILE_FLAGS_READ);
			uint64_t size = handle->GetFileSize();
			std::vector<char> buffer(READ_SIZE_BYTES);
			for (uint64_t offset = 0; offset < size; offset += READ_SIZE_BYTES) {
				auto length = std::min(READ_SIZE_BYTES, size - offset);
				handle->Read(buffer.data(), length, offset);
			}
			printf("%.3f %llu\n", SecondsSince(start), static_cast<unsigned long long>(size));
		} else if (mode == "write" && argc >= 5) {
			uint64_t total = std::stoull(argv[4]);
			std::vector<char> chunk(64ULL << 20);
			std::mt19937_64 random(42);
			for (size_t word_idx = 0; word_idx < chunk.size() / 8; word_idx++) {
				auto value = random();
				memcpy(chunk.data() + word_idx * 8, &value, 8);
			}
			auto start = std::chrono::steady_clock::now();
			auto handle = fs.OpenFile(argv[3], duckdb::FileFlags::FILE_FLAGS_WRITE |
			                                       duckdb::FileFlags::FILE_FLAGS_FILE_CREATE_NEW);
			for (uint64_t written = 0; written < total; written += WRITE_CHUNK_BYTES) {
				auto length = std::min(WRITE_CHUNK_BYTES, total - written);
				auto offset = written % (chunk.size() - WRITE_CHUNK_BYTES);
				handle->file_system.Write(*handle, chunk.data() + offset, static_cast<int64_t>(length), written);
			}
			handle->Close();
			printf("%.3f %llu\n", SecondsSince(start), static_cast<unsigned long long>(total));
		} else if (mode == "sql") {
			auto start = std::chrono::steady_clock::now();
			auto result = con.Query(argv[3]);
			if (result->HasError()) {
				fprintf(stderr, "query failed: %s\n", result->GetError().c_str());
				return 1;
			}
			printf("%.3f 0\n", SecondsSince(start));
		} else {
			return Usage();
		}
	} catch (std::exception &error) {
		fprintf(stderr, "%s\n", error.what());
		return 1;
	}
	return 0;
}
