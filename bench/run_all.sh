#!/usr/bin/env bash
# Run every benchmark of the build directory given as $1 (default: build). Each prints its own
# ratios against a baseline measured in the same run.
set -euo pipefail
build_dir="${1:-build}"
"${build_dir}/bench/catalog_bench" "${CATALOG_BENCH_ROWS:-10000000}"
"${build_dir}/bench/dml_bench" "${DML_BENCH_ROWS:-10000000}"
for script in "$(dirname "$0")"/*/run.sh; do
	echo "== ${script}"
	bash "$script" "$build_dir"
done
