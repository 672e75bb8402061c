#!/usr/bin/env python3
"""ducklake-s3d performance, each number a ratio against a baseline measured in the same run.

  GET 256 MiB      curl from ducklake-s3d  vs  curl from nginx serving the same file (loopback)
  PUT 256 MiB      curl upload to s3d      vs  dd of the same bytes with conv=fsync on the same disk
  4 KiB objects    16 concurrent keep-alive clients (curl --parallel): GET/s and PUT/s, p50/p99 latency
  memory           peak RSS of ducklake-s3d while serving 64 concurrent downloads of one large object

Usage: bench_s3d.py <path to ducklake-s3d> [--size-mib 256] [--small-objects 4000]
Needs curl and nginx (Debian nginx-light). Prints a table and the bars from issue 7.
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "test", "server"))
from s3d_harness import ACCESS_KEY, SECRET_KEY, S3dServer  # noqa: E402

CURL = "/usr/bin/curl"
NGINX = "/usr/sbin/nginx"
REPEATS = 3


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def best_seconds(command, repeats=REPEATS, env=None):
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - started)
    return min(times)


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


def parallel_curl(urls, extra, work, name, upload=None):
    """Runs all URLs through one curl with 16 parallel keep-alive transfers; returns (seconds, latencies)."""
    config = os.path.join(work, name + ".curlrc")
    with open(config, "w") as out:
        for url in urls:
            if upload:
                out.write(f'upload-file = "{upload}"\n')
            out.write(f'url = "{url}"\noutput = "/dev/null"\n')
    started = time.perf_counter()
    result = subprocess.run([CURL, "-s", "--parallel", "--parallel-max", "16", "-w", "%{http_code} %{time_total}\n",
                             "-K", config] + extra, check=True, stdout=subprocess.PIPE)
    seconds = time.perf_counter() - started
    lines = result.stdout.decode().split()
    codes, latencies = lines[0::2], [float(value) for value in lines[1::2]]
    bad = [code for code in codes if not code.startswith("2")]
    if bad:
        raise RuntimeError(f"{len(bad)} of {len(codes)} requests failed, e.g. HTTP {bad[0]}")
    return seconds, latencies


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--size-mib", type=int, default=256)
    parser.add_argument("--small-objects", type=int, default=4000)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="s3d_bench_")
    results = []
    try:
        with S3dServer(args.binary, ["--anonymous-read", "bench", "--log-level", "warn"]) as server:
            sign = ["--aws-sigv4", "aws:amz:us-east-1:s3", "--user", f"{ACCESS_KEY}:{SECRET_KEY}",
                    "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD"]
            subprocess.run([CURL, "-sf", "-X", "PUT"] + sign + [server.endpoint + "/bench"], check=True)
            size = args.size_mib * 1024 * 1024
            source = os.path.join(work, "big.bin")
            with open(source, "wb") as out:
                for _ in range(args.size_mib):
                    out.write(os.urandom(1024 * 1024))

            # PUT vs dd conv=fsync (same bytes, same filesystem as the server's root).
            put_seconds = best_seconds([CURL, "-sf", "-T", source] + sign + [server.endpoint + "/bench/big.bin"])
            dd_target = os.path.join(server.root, "dd.out")
            dd_seconds = best_seconds(["dd", f"if={source}", f"of={dd_target}", "bs=4M", "conv=fsync", "status=none"])
            os.unlink(dd_target)
            results.append((f"PUT {args.size_mib} MiB", f"{size / put_seconds / 2**20:.0f} MiB/s",
                            f"dd conv=fsync {size / dd_seconds / 2**20:.0f} MiB/s", dd_seconds / put_seconds, 0.7))

            # GET vs nginx serving the very file s3d stores (the tree is browsable).
            os.chmod(server.root, 0o755)  # nginx workers run as an unprivileged user
            nginx, nginx_port = start_nginx(server.root, work)
            try:
                s3d_seconds = best_seconds([CURL, "-sf", "-o", "/dev/null", server.endpoint + "/bench/big.bin"])
                nginx_seconds = best_seconds([CURL, "-sf", "-o", "/dev/null",
                                              f"http://127.0.0.1:{nginx_port}/bench/big.bin"])
            finally:
                nginx.terminate()
                nginx.wait()
            results.append((f"GET {args.size_mib} MiB", f"{size / s3d_seconds / 2**20:.0f} MiB/s",
                            f"nginx {size / nginx_seconds / 2**20:.0f} MiB/s", nginx_seconds / s3d_seconds, 0.8))

            # 4 KiB objects, 16 concurrent clients.
            small = os.path.join(work, "small.bin")
            with open(small, "wb") as out:
                out.write(os.urandom(4096))
            urls = [f"{server.endpoint}/bench/small/{index:06d}" for index in range(args.small_objects)]
            put_total, put_latency = parallel_curl(urls, sign, work, "put", upload=small)
            get_total, get_latency = parallel_curl(urls, [], work, "get")
            for label, total, latency, bar in [("PUT 4 KiB x16", put_total, put_latency, 1500),
                                               ("GET 4 KiB x16", get_total, get_latency, 5000)]:
                rate = len(urls) / total
                quantiles = statistics.quantiles(latency, n=100)
                results.append((label, f"{rate:.0f} req/s", f"p50 {quantiles[49] * 1000:.1f} ms, "
                                f"p99 {quantiles[98] * 1000:.1f} ms", rate / bar, 1.0))

            # Memory while serving 64 concurrent downloads of the large object.
            downloads = [subprocess.Popen([CURL, "-sf", "--limit-rate", "20M", "-o", "/dev/null",
                                           server.endpoint + "/bench/big.bin"]) for _ in range(64)]
            peak = 0
            while any(download.poll() is None for download in downloads):
                peak = max(peak, rss_kib(server.process.pid))
                time.sleep(0.1)
            results.append(("RSS, 64 downloads", f"{peak / 1024:.0f} MiB", "bar: under 200 MiB",
                            200 * 1024 / max(peak, 1), 1.0))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{'measure':<20} {'ducklake-s3d':<16} {'baseline (same run)':<34} {'ratio':>7}  bar")
    for label, ours, baseline, ratio, bar in results:
        verdict = "ok" if ratio >= bar else "BELOW"
        print(f"{label:<20} {ours:<16} {baseline:<34} {ratio:7.2f}  >= {bar} {verdict}")


if __name__ == "__main__":
    main()
