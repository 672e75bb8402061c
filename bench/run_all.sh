#!/usr/bin/env bash
# Runs every benchmark (bench/*/run.sh) against the build in $1 (default: build).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build_dir="$(cd "${1:-build}" && pwd)"
status=0
for script in "$here"/*/run.sh; do
	echo "== ${script#"$here"/}"
	"$script" "$build_dir" || status=1
done
exit $status
