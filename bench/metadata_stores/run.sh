#!/usr/bin/env bash
# Commit latency and concurrent commits on the PostgreSQL and SQLite metadata stores, then
# DuckLake INSERT commits from many processes into one shared table against the same writers
# into a table each (the baseline), on one private PostgreSQL, best of REPEATS runs each.
set -euo pipefail
build_dir="${1:-build}"
"$build_dir/bench/metadata_stores/metadata_commit_bench" --commits 300 --writers 16 --commits-per-writer 50 --sql-inserts 200

writers="${CONCURRENT_WRITERS:-16}"
commits="${CONCURRENT_COMMITS:-25}"
repeats="${REPEATS:-3}"
driver="$(cd "$build_dir" && pwd)/test/concurrency/ducklake_concurrent_writers"
"$build_dir/test/support/ducklake_temp_postgres" -- bash -c '
set -euo pipefail
best() { sort -g | tail -1; }
rate() { sed -n "s/.*, \([0-9.]*\) commits\/s$/\1/p"; }
for tables in own shared; do
	for run in $(seq 1 '"$repeats"'); do
		"'"$driver"'" --store postgres --processes '"$writers"' --commits '"$commits"' --tables $tables \
			--schema "${tables}_${run}" | tail -1 | rate
	done | best > "/tmp/ducklake-bench-$$-$tables"
done
own=$(cat /tmp/ducklake-bench-$$-own); shared=$(cat /tmp/ducklake-bench-$$-shared)
rm -f /tmp/ducklake-bench-$$-own /tmp/ducklake-bench-$$-shared
echo "postgres, '"$writers"' writer processes x '"$commits"' INSERT commits, best of '"$repeats"':"
echo "  into a table each (baseline): $own commits/s"
echo "  into one shared table:        $shared commits/s (ratio $(echo "$shared / $own" | bc -l | cut -c1-4); bars: 200 and 50 commits/s)"
'
