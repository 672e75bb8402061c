#!/usr/bin/env bash
# Runs every benchmark against the build in $1 (default: build). Each prints its own ratios against
# a baseline measured in the same run. Row counts: CATALOG_BENCH_ROWS, DML_BENCH_ROWS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build_dir="$(cd "${1:-build}" && pwd)"
status=0
echo "== catalog_bench"
"${build_dir}/bench/catalog_bench" "${CATALOG_BENCH_ROWS:-10000000}" || status=1
echo "== dml_bench"
"${build_dir}/bench/dml_bench" "${DML_BENCH_ROWS:-10000000}" || status=1
echo "== delete_file_bench"
"${build_dir}/bench/delete_file_bench" || status=1
echo "== s3d/bench_s3d.py"
# Debian's python3: python3-boto3 (used to presign) lives in its dist-packages.
"$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)" "$here/s3d/bench_s3d.py" "${build_dir}/src/server/ducklake-s3d" || status=1
for script in "$here"/*/run.sh; do
	echo "== ${script#"$here"/}"
	bash "$script" "$build_dir" || status=1
done
exit $status
