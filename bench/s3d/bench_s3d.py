#!/usr/bin/env python3
"""ducklake-s3d performance, each number a ratio against a baseline measured in the same run.

  GET 256 MiB      curl from ducklake-s3d  vs  curl from nginx serving the same file (loopback)
  PUT 256 MiB      curl upload to s3d      vs  dd of the same bytes with conv=fsync on the same disk
  4 KiB objects    16 concurrent keep-alive connections driven by wrk (C, 2 threads): GET/s (anonymous-read
                   bucket) and PUT/s (presigned PUT URLs, a fresh list of new keys for every run), p50/p99
                   latency. Baselines in the same run: nginx serving the same 4 KiB files to the same wrk
                   load, and the disk's own rate for the durable-write pattern (16 threads each writing 4 KiB,
                   fsync, rename into one directory, fsync that directory) without any HTTP.
  memory           peak RSS of ducklake-s3d while serving 64 concurrent downloads of a 1 GiB object

Each timed measure runs --repeats times, alternating with its baseline (the machine is shared), and the
best of each side is reported. A single-threaded client (curl --parallel, a Python thread pool) is slower
than the server on 2 cores, which is why the small-object rates use wrk.

Usage: bench_s3d.py <path to ducklake-s3d> [--size-mib 256] [--rss-size-mib 1024] [--seconds 10] [--repeats 3]
                    [--only put,get,small,rss]
--only runs the named measures alone (default: all of them); e.g. `--only put --repeats 7` for the large PUT.
Needs curl, wrk, nginx (Debian nginx-light) and python3-boto3 (to presign). Prints a table and the bars
from issue 7.
"""
import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "test", "server"))
from s3d_harness import ACCESS_KEY, SECRET_KEY, S3dServer  # noqa: E402

CURL = "/usr/bin/curl"
NGINX = "/usr/sbin/nginx"
WRK = "/usr/bin/wrk"
SMALL_BYTES = 4096
SMALL_KEYS = 25000
CONNECTIONS = 16
WRK_THREADS = 2
DOWNLOAD_SECONDS = 20

# wrk script: thread n of N sends paths n, n+N, n+2N, ... of the list (so PUTs create distinct new objects
# until the list wraps around); the second argument "PUT" sends a 4 KiB body with every request.
WRK_SCRIPT = """
local paths = {}
local index = 0
local step = 1
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  index = id - 1
  step = %d
  if args[2] == "PUT" then
    wrk.method = "PUT"
    wrk.body = string.rep("x", %d)
  end
end
request = function()
  index = (index + step - 1) %% #paths + 1
  return wrk.format(nil, paths[index])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%f %%f %%f\\n", summary.requests, summary.duration,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
""" % (WRK_THREADS, SMALL_BYTES)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seconds_of(command, env=None):
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def best_alternating(ours, baseline, repeats):
    """Runs ours and baseline in turns (the machine is shared); returns the best time of each."""
    ours_times, baseline_times = [], []
    for _ in range(repeats):
        ours_times.append(ours())
        baseline_times.append(baseline())
    return min(ours_times), min(baseline_times)


def start_nginx(root, work):
    port = free_port()
    config = os.path.join(work, "nginx.conf")
    with open(config, "w") as out:
        out.write(f"""daemon off; worker_processes 2; pid {work}/nginx.pid; error_log {work}/nginx.err;
events {{ worker_connections 1024; }}
http {{ access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path {work}/body; proxy_temp_path {work}/proxy; fastcgi_temp_path {work}/fcgi;
  uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
  server {{ listen 127.0.0.1:{port}; root {root}; }} }}
""")
    process = subprocess.Popen([NGINX, "-c", config, "-p", work], stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return process, port
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nginx did not start")


def run_wrk(base_url, paths_file, method, seconds, work):
    """16 keep-alive connections on 2 wrk threads; returns (requests/s, p50 ms, p99 ms)."""
    script = os.path.join(work, "paths.lua")
    with open(script, "w") as out:
        out.write(WRK_SCRIPT)
    result = subprocess.run([WRK, f"-t{WRK_THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "-s", script, base_url, "--",
                             paths_file, method], check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    match = re.search(r"RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", result.stdout.decode())
    if not match:
        raise RuntimeError("wrk printed no result:\n" + result.stdout.decode())
    requests, duration_us, errors = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if errors:
        raise RuntimeError(f"{errors} of {requests} {method} requests failed (non-2xx or socket errors)")
    return requests / (duration_us / 1e6), float(match.group(4)), float(match.group(5))


def best_wrk(base_url, paths_files, method, seconds, work):
    """One wrk run per paths file (fresh keys for every PUT run); the best run."""
    return max((run_wrk(base_url, paths, method, seconds, work) for paths in paths_files), key=lambda r: r[0])


def durable_writes_per_second(directory, seconds):
    """The disk's rate for s3d's durable-write pattern with 16 writers and no HTTP: write 4 KiB to a
    temporary file, fsync, rename into one directory, fsync the directory."""
    os.makedirs(os.path.join(directory, "tmp"))
    os.makedirs(os.path.join(directory, "final"))
    data = os.urandom(SMALL_BYTES)
    counts = [0] * CONNECTIONS
    deadline = time.monotonic() + seconds

    def writer(writer_idx):
        while time.monotonic() < deadline:
            name = f"{writer_idx}_{counts[writer_idx]}"
            temporary = os.path.join(directory, "tmp", name)
            fd = os.open(temporary, os.O_CREAT | os.O_WRONLY, 0o644)
            os.write(fd, data)
            os.fsync(fd)
            os.close(fd)
            os.rename(temporary, os.path.join(directory, "final", name))
            fd = os.open(os.path.join(directory, "final"), os.O_RDONLY)
            os.fsync(fd)
            os.close(fd)
            counts[writer_idx] += 1
    started = time.monotonic()
    threads = [threading.Thread(target=writer, args=(writer_idx,)) for writer_idx in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rate = sum(counts) / (time.monotonic() - started)
    shutil.rmtree(directory, ignore_errors=True)
    return rate


def presigned_put_paths(endpoint, path_file, prefix):
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        del os.environ[name]
    import boto3
    import botocore.config
    s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                      region_name="us-east-1",
                      config=botocore.config.Config(s3={"addressing_style": "path"}, signature_version="s3v4"))
    with open(path_file, "w") as out:
        for key_idx in range(SMALL_KEYS):
            url = s3.generate_presigned_url("put_object", Params={"Bucket": "bench",
                                                                   "Key": f"small/{prefix}-{key_idx:06d}"},
                                            ExpiresIn=3600)
            out.write(url[len(endpoint):] + "\n")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def write_random_file(path, mib):
    with open(path, "wb") as out:
        for _ in range(mib):
            out.write(os.urandom(1024 * 1024))


def measure_large_get(server, nginx_port, size, args):
    s3d_seconds, nginx_seconds = best_alternating(
        lambda: seconds_of([CURL, "-sf", "-o", "/dev/null", server.endpoint + "/bench/big.bin"]),
        lambda: seconds_of([CURL, "-sf", "-o", "/dev/null", f"http://127.0.0.1:{nginx_port}/bench/big.bin"]),
        args.repeats)
    return (f"GET {args.size_mib} MiB", f"{size / s3d_seconds / 2**20:.0f} MiB/s",
            f"nginx {size / nginx_seconds / 2**20:.0f} MiB/s", nginx_seconds / s3d_seconds, 0.8)


def measure_small_objects(server, nginx_port, work, args):
    """4 KiB objects, 16 concurrent connections: PUT/s then GET/s."""
    put_paths = []
    for repeat_idx in range(args.repeats):
        put_paths.append(os.path.join(work, f"put_paths_{repeat_idx}.txt"))
        presigned_put_paths(server.endpoint, put_paths[-1], f"run{repeat_idx}")
    put_rate, put_p50, put_p99 = best_wrk(server.endpoint, put_paths, "PUT", args.seconds, work)
    disk_rate = durable_writes_per_second(os.path.join(server.root, "durable_baseline"), args.seconds)
    results = [("PUT 4 KiB x16", f"{put_rate:.0f} req/s",
                f"p50 {put_p50:.1f} ms, p99 {put_p99:.1f} ms; disk alone {disk_rate:.0f}/s", put_rate / 1500, 1.0)]
    get_paths = os.path.join(work, "get_paths.txt")
    with open(get_paths, "w") as out:
        for name in sorted(os.listdir(os.path.join(server.root, "bench", "small"))):
            if not name.startswith("."):
                out.write(f"/bench/small/{name}\n")
    get_rate, get_p50, get_p99 = best_wrk(server.endpoint, [get_paths] * args.repeats, "GET", args.seconds, work)
    nginx_rate, _, _ = best_wrk(f"http://127.0.0.1:{nginx_port}", [get_paths] * args.repeats, "GET", args.seconds,
                                work)
    results.append(("GET 4 KiB x16", f"{get_rate:.0f} req/s",
                    f"p50 {get_p50:.1f} ms, p99 {get_p99:.1f} ms; nginx {nginx_rate:.0f}/s", get_rate / 5000, 1.0))
    return results


def measure_download_rss(server, sign, work, args):
    """Peak RSS while serving 64 concurrent downloads of a large object."""
    rss_source = os.path.join(work, "rss.bin")
    write_random_file(rss_source, args.rss_size_mib)
    subprocess.run([CURL, "-sf", "-T", rss_source] + sign + [server.endpoint + "/bench/rss.bin"], check=True)
    os.unlink(rss_source)
    # Rate-limited so that all 64 are in flight together; each is cut off after DOWNLOAD_SECONDS
    # (curl exit 28), by which time every connection has long reached its steady state.
    downloads = [subprocess.Popen([CURL, "-sf", "--limit-rate", "20M", "--max-time", str(DOWNLOAD_SECONDS),
                                   "-o", "/dev/null", server.endpoint + "/bench/rss.bin"])
                 for _ in range(64)]
    peak = 0
    while any(download.poll() is None for download in downloads):
        peak = max(peak, rss_kib(server.process.pid))
        time.sleep(0.1)
    if any(download.returncode not in (0, 28) for download in downloads):
        raise RuntimeError("a download of the large object failed")
    return (f"RSS, 64 x {args.rss_size_mib} MiB", f"{peak / 1024:.0f} MiB", "bar: under 200 MiB",
            200 * 1024 / max(peak, 1), 1.0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--size-mib", type=int, default=256)
    parser.add_argument("--rss-size-mib", type=int, default=1024)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="put,get,small,rss",
                        help="comma-separated measures to run: put, get, small, rss (default: all)")
    args = parser.parse_args()
    only = set(args.only.split(","))
    unknown = only - {"put", "get", "small", "rss"}
    if unknown:
        sys.exit(f"bench_s3d: --only got {','.join(sorted(unknown))}; allowed are put, get, small, rss")
    for tool in (CURL, NGINX, WRK):
        if not os.path.exists(tool):
            sys.exit(f"bench_s3d: {tool} is missing; run scripts/bootstrap.sh")
    work = tempfile.mkdtemp(prefix="s3d_bench_")
    results = []
    try:
        with S3dServer(args.binary, ["--anonymous-read", "bench", "--log-level", "warn"]) as server:
            sign = ["--aws-sigv4", "aws:amz:us-east-1:s3", "--user", f"{ACCESS_KEY}:{SECRET_KEY}",
                    "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD"]
            subprocess.run([CURL, "-sf", "-X", "PUT"] + sign + [server.endpoint + "/bench"], check=True)
            size = args.size_mib * 1024 * 1024
            source = os.path.join(work, "big.bin")
            if only & {"put", "get"}:
                write_random_file(source, args.size_mib)

            if "put" in only:
                # PUT vs dd conv=fsync (same bytes, same filesystem as the server's root). Every
                # repetition writes a new key and a new file: replacing one frees the old blocks
                # (with a discard on some mounts), which neither side should pay for or overlap.
                dd_targets = []
                put_urls = []

                def put_new_key():
                    put_urls.append(f"{server.endpoint}/bench/big-{len(put_urls) + 1}.bin")
                    return seconds_of([CURL, "-sf", "-T", source] + sign + [put_urls[-1]])

                def dd_new_file():
                    dd_targets.append(os.path.join(server.root, f"dd-{len(dd_targets) + 1}.out"))
                    return seconds_of(["dd", f"if={source}", f"of={dd_targets[-1]}", "bs=4M", "conv=fsync",
                                       "status=none"])

                put_seconds, dd_seconds = best_alternating(put_new_key, dd_new_file, args.repeats)
                for dd_target in dd_targets:
                    os.unlink(dd_target)
                for put_url in put_urls:
                    subprocess.run([CURL, "-sf", "-X", "DELETE"] + sign + [put_url], check=True)
                results.append((f"PUT {args.size_mib} MiB", f"{size / put_seconds / 2**20:.0f} MiB/s",
                                f"dd conv=fsync {size / dd_seconds / 2**20:.0f} MiB/s", dd_seconds / put_seconds, 0.7))
            if "get" in only:
                subprocess.run([CURL, "-sf", "-T", source] + sign + [server.endpoint + "/bench/big.bin"], check=True)

            if only & {"get", "small"}:
                # GET vs nginx serving the very file s3d stores (the tree is browsable).
                os.chmod(server.root, 0o755)  # nginx workers run as an unprivileged user
                nginx, nginx_port = start_nginx(server.root, work)
                try:
                    if "get" in only:
                        results.append(measure_large_get(server, nginx_port, size, args))
                    if "small" in only:
                        results.extend(measure_small_objects(server, nginx_port, work, args))
                finally:
                    nginx.terminate()
                    nginx.wait()

            if "rss" in only:
                results.append(measure_download_rss(server, sign, work, args))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{'measure':<20} {'ducklake-s3d':<14} {'baseline or detail (same run)':<52} {'ratio':>6}  bar")
    for label, ours, baseline, ratio, bar in results:
        verdict = "ok" if ratio >= bar else "BELOW"
        print(f"{label:<20} {ours:<14} {baseline:<52} {ratio:6.2f}  >= {bar} {verdict}")
    print("(4 KiB ratios are against the absolute bars of issue 7: 1500 PUT/s and 5000 GET/s)")


if __name__ == "__main__":
    main()
