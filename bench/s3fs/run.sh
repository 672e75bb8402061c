#!/usr/bin/env bash
# s3fs against ducklake-s3d on loopback; every figure sits beside its baseline from the same run,
# the same server and the same object. The machine may be shared and busy, so each repetition runs
# the baseline and then the candidate back to back (both see the same load); every line reports the
# best time of each side and the median of the per-repetition ratios, which is the figure to judge.
#   1. sequential read of a SIZE_MIB object: s3fs (DuckDB FileSystem) vs curl GET
#   2. full scan with read_parquet of a Parquet object: over s3:// vs the same file on local disk
#   3. upload of SIZE_MIB: s3fs parallel multipart vs curl single PUT
#   4. full-scan aggregate of a DuckLake table: data files on s3:// vs the same lake on local disk,
#      as the first query of a process (DuckDB's defaults, then with its external file cache off)
#      and as the second (remote bytes served from that cache)
# Usage: bench/s3fs/run.sh [BUILD_DIR]
#   env: S3FS_BENCH_MIB=1024, S3FS_BENCH_RUNS=3, S3FS_BENCH_LAKE_ROWS=6000000,
#        S3FS_BENCH_SETTINGS='SET s3fs_read_ranges_in_flight = 4' (extra SQL for every s3fs run),
#        S3FS_BENCH_PARTS='1 2 3 4' (the figures to run; e.g. S3FS_BENCH_PARTS=3 for the upload alone)
set -euo pipefail

build="$(cd "${1:-build}" && pwd)"
size_mib="${S3FS_BENCH_MIB:-1024}"
runs="${S3FS_BENCH_RUNS:-3}"
parts=" ${S3FS_BENCH_PARTS:-1 2 3 4} "
for part in $parts; do
	case "$part" in
	1 | 2 | 3 | 4) ;;
	*) echo "S3FS_BENCH_PARTS: '$part' is not a figure; allowed are 1 2 3 4 (space-separated)" >&2; exit 2 ;;
	esac
done
wants() { [[ "$parts" == *" $1 "* ]]; }
s3d="$build/src/server/ducklake-s3d"
bench="$build/bench/s3fs/s3fs_bench"
for binary in "$s3d" "$bench"; do
	[ -x "$binary" ] || { echo "missing $binary: build it first (cmake --build $build)" >&2; exit 1; }
done

work="$(mktemp -d)"
s3d_pid=""
cleanup() {
	[ -n "$s3d_pid" ] && kill "$s3d_pid" 2>/dev/null && wait "$s3d_pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
key=AKIDS3FSBENCH
secret=s3fs-bench-secret
mkdir -p "$work/root"
"$s3d" --root "$work/root" --listen "127.0.0.1:$port" --access-key "$key" --secret-key "$secret" \
	--region us-east-1 --log-level warn >"$work/s3d.log" 2>&1 &
s3d_pid=$!
for _ in $(seq 1 200); do
	curl -s -o /dev/null "http://127.0.0.1:$port/" && break
	sleep 0.05
done
base="http://127.0.0.1:$port"
# curl signs with SigV4 itself; S3 requires x-amz-content-sha256, which curl 7.88 does not add.
curl_s3() { curl -sS --fail --aws-sigv4 "aws:amz:us-east-1:s3" --user "$key:$secret" -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "$@"; }
curl_s3 -X PUT "$base/lake" -o /dev/null
setup="CREATE SECRET (TYPE s3, KEY_ID '$key', SECRET '$secret', ENDPOINT '127.0.0.1:$port', URL_STYLE 'path', USE_SSL false)"
if [ -n "${S3FS_BENCH_SETTINGS:-}" ]; then
	setup="$setup; $S3FS_BENCH_SETTINGS"
fi

best() { sort -n | head -1; }
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
mibs() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]) / 1048576:.0f}')" "$1" "$2"; }
# paired NAME BASELINE_CMD CANDIDATE_CMD: runs both RUNS times, interleaved; each command prints
# seconds. Sets NAME_base (best), NAME_cand (best) and NAME_ratio (median of candidate/baseline).
paired() {
	local name="$1" base_cmd="$2" cand_cmd="$3" base_times="" cand_times="" ratios="" b c
	for _ in $(seq "$runs"); do
		b=$(eval "$base_cmd")
		c=$(eval "$cand_cmd")
		base_times="$base_times$b"$'\n'
		cand_times="$cand_times$c"$'\n'
		ratios="$ratios$(ratio "$c" "$b")"$'\n'
	done
	printf -v "${name}_base" '%s' "$(printf '%s' "$base_times" | best)"
	printf -v "${name}_cand" '%s' "$(printf '%s' "$cand_times" | best)"
	printf -v "${name}_ratio" '%s' "$(printf '%s' "$ratios" | median)"
}
inverse() { python3 -c "import sys; print(f'{1 / float(sys.argv[1]):.2f}')" "$1"; }

echo "s3fs bench: ducklake-s3d on 127.0.0.1:$port, object $size_mib MiB, $runs interleaved repetitions"
head -c $((size_mib << 20)) /dev/urandom >"$work/blob.bin"
bytes=$((size_mib << 20))

# 1. sequential read
if wants 1; then
	curl_s3 -T "$work/blob.bin" "$base/lake/blob.bin" -o /dev/null
	paired read "curl_s3 -o /dev/null -w '%{time_total}\n' '$base/lake/blob.bin'" \
		"'$bench' \"\$setup\" read s3://lake/blob.bin | cut -d' ' -f1"
	echo "sequential read   curl $(mibs $bytes "$read_base") MiB/s   s3fs $(mibs $bytes "$read_cand") MiB/s (best)   s3fs/curl throughput $(inverse "$read_ratio")x median (target >= 0.8)"
fi

# 2. read_parquet full scan
if wants 2; then
	"$bench" "$setup" sql "COPY (SELECT i, i * 0.5 AS d, md5(i::VARCHAR) AS h, i % 1000 AS g FROM range(6000000) t(i)) TO 's3://lake/scan.parquet'" >/dev/null
	curl_s3 -o "$work/scan.parquet" "$base/lake/scan.parquet"
	parquet_bytes=$(stat -c %s "$work/scan.parquet")
	scan="SELECT sum(i), sum(d), sum(length(h)), sum(g) FROM read_parquet('%s')"
	s3_scan_sql="$(printf "$scan" s3://lake/scan.parquet)"
	local_scan_sql="$(printf "$scan" "$work/scan.parquet")"
	paired scan "'$bench' \"\$setup\" sql \"\$local_scan_sql\" | cut -d' ' -f1" \
		"'$bench' \"\$setup\" sql \"\$s3_scan_sql\" | cut -d' ' -f1"
	echo "read_parquet scan ($((parquet_bytes >> 20)) MiB)   local disk ${scan_base}s   over s3:// ${scan_cand}s (best)   s3/local ${scan_ratio}x median"
fi

# 3. upload
if wants 3; then
	paired put "curl_s3 -T '$work/blob.bin' -o /dev/null -w '%{time_total}\n' '$base/lake/put-curl.bin'" \
		"'$bench' \"\$setup\" write s3://lake/put-s3fs.bin $bytes | cut -d' ' -f1"
	echo "upload            curl PUT $(mibs $bytes "$put_base") MiB/s   s3fs multipart $(mibs $bytes "$put_cand") MiB/s (best)   s3fs/curl throughput $(inverse "$put_ratio")x median (target >= 0.7)"
fi

# 4. DuckLake full-scan aggregate
if wants 4; then
	lake_rows="${S3FS_BENCH_LAKE_ROWS:-6000000}"
	s3_lake="$setup; ATTACH 'ducklake:$work/s3.ducklake' AS lake (DATA_PATH 's3://lake/lakedata/')"
	local_lake="$setup; ATTACH 'ducklake:$work/local.ducklake' AS lake (DATA_PATH '$work/lakedata/')"
	fill="CREATE TABLE lake.t AS SELECT i, i * 0.5 AS d, md5(i::VARCHAR) AS h, i % 1000 AS g FROM range($lake_rows) t(i)"
	"$bench" "$s3_lake" sql "$fill" >/dev/null
	"$bench" "$local_lake" sql "$fill" >/dev/null
	aggregate="SELECT g % 10 AS k, count(*), sum(i), sum(d), max(h) FROM lake.t GROUP BY k"
	lake_bytes=$(du -sb "$work/lakedata" | cut -f1)
	echo "lake full scan    ($lake_rows rows, $((lake_bytes >> 20)) MiB of Parquet), each side in a new process:"
	# a. The first query of a process, DuckDB's defaults: remote reads fill the external file cache.
	paired lake "'$bench' \"\$local_lake\" sql \"\$aggregate\" | cut -d' ' -f1" \
		"'$bench' \"\$s3_lake\" sql \"\$aggregate\" | cut -d' ' -f1"
	echo "  first query, defaults            local disk ${lake_base}s   s3:// ${lake_cand}s (best)   s3/local ${lake_ratio}x median (target <= 1.3)"
	# b. The same with the external file cache off on both sides (SET enable_external_file_cache = false).
	no_cache="SET enable_external_file_cache = false"
	paired lake_nocache "'$bench' \"\$local_lake; \$no_cache\" sql \"\$aggregate\" | cut -d' ' -f1" \
		"'$bench' \"\$s3_lake; \$no_cache\" sql \"\$aggregate\" | cut -d' ' -f1"
	echo "  first query, file cache off      local disk ${lake_nocache_base}s   s3:// ${lake_nocache_cand}s (best)   s3/local ${lake_nocache_ratio}x median (target <= 1.3)"
	# c. The second query of a process, defaults: the remote bytes come from the cache.
	paired lake_warm "'$bench' \"\$local_lake; \$aggregate\" sql \"\$aggregate\" | cut -d' ' -f1" \
		"'$bench' \"\$s3_lake; \$aggregate\" sql \"\$aggregate\" | cut -d' ' -f1"
	echo "  second query, defaults           local disk ${lake_warm_base}s   s3:// ${lake_warm_cand}s (best)   s3/local ${lake_warm_ratio}x median (target <= 1.3)"
fi
