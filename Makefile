# Thin wrapper over CMake. `make` bootstraps (.deps/, Debian packages) and builds.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all bootstrap configure build demo test test-unit test-sql bench format format-check install clean fuzz-s3

all: build

bootstrap:
	@scripts/bootstrap.sh

configure: bootstrap
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS); fi

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	@$(BUILD_DIR)/src/cli/ducklake demo

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 900

test-unit: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -L unit

test-sql: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -L 'sql|runner'

bench: build
	@bench/run_all.sh $(BUILD_DIR)

# libFuzzer run of the S3 protocol parsers (needs clang); FUZZ_SECONDS bounds it.
fuzz-s3: bootstrap
	@cmake -S . -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DDUCKLAKE_FUZZ=ON
	@cmake --build build-fuzz --target s3_parsers_fuzzer -j $(JOBS)
	@mkdir -p build-fuzz/corpus && build-fuzz/src/s3/s3_parsers_fuzzer -max_total_time=$(or $(FUZZ_SECONDS),600) -max_len=65536 build-fuzz/corpus

FORMAT_FILES = $(shell git ls-files 'src/*.cpp' 'src/*.hpp' 'test/*.cpp' 'test/*.hpp' 'bench/*.cpp' 'bench/*.hpp')

format:
	@clang-format -i $(FORMAT_FILES)

format-check:
	@clang-format --dry-run --Werror $(FORMAT_FILES) && echo "format-check: all files formatted"

install: build
	@cmake --install $(BUILD_DIR) --prefix $(or $(PREFIX),/usr/local)

clean:
	@rm -rf $(BUILD_DIR)
