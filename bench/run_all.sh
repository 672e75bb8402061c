#!/usr/bin/env bash
# Run every benchmark (bench/<name>/run.sh <build dir>) and print its report.
set -euo pipefail
build_dir="${1:-build}"
cd "$(dirname "$0")/.."
status=0
for script in bench/*/run.sh; do
	echo "== ${script}"
	bash "$script" "$build_dir" || status=1
done
exit $status
