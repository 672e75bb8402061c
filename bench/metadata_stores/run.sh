#!/usr/bin/env bash
# Commit latency and concurrent commits on the PostgreSQL and SQLite metadata stores.
set -euo pipefail
build_dir="${1:-build}"
"$build_dir/bench/metadata_stores/metadata_commit_bench" --commits 300 --writers 16 --commits-per-writer 50 --sql-inserts 200
