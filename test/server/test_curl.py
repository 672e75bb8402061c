"""curl against ducklake-s3d: SigV4 via --aws-sigv4, ranges, anonymous reads, virtual-hosted names, the
health endpoint, errors as XML, and a graceful SIGTERM that lets an in-flight download finish."""
import os
import signal
import subprocess
import sys
import tempfile
import time

from s3d_harness import ACCESS_KEY, SECRET_KEY, S3dServer, expect, require, run

CURL = "/usr/bin/curl"


def main(binary):
    require(CURL, "curl")
    with S3dServer(binary, ["--anonymous-read", "public", "--shutdown-timeout-seconds", "20"]) as server, \
            tempfile.TemporaryDirectory() as work:
        env = server.env()
        signed = [CURL, "-sS", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user", f"{ACCESS_KEY}:{SECRET_KEY}",
                  "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD"]
        status = [CURL, "-s", "-o", "/dev/null", "-w", "%{http_code}"]
        base = server.endpoint

        expect(run(status + [base + "/.s3d/health"], env).stdout == b"200", "health is 200 without auth")
        denied = run([CURL, "-s", base + "/public"], env).stdout.decode()
        expect("<Code>NoSuchBucket</Code>" in denied, f"anonymous list of a missing bucket: {denied}")
        denied = run([CURL, "-s", "-X", "PUT", base + "/public"], env).stdout.decode()
        expect("<Code>AccessDenied</Code>" in denied, f"unsigned PUT is AccessDenied XML: {denied}")

        run(signed + ["-X", "PUT", base + "/public"], env)
        run(signed + ["-X", "PUT", base + "/private"], env)
        body = os.path.join(work, "body.txt")
        with open(body, "wb") as out:
            out.write(b"0123456789abcdef")
        run(signed + ["-T", body, base + "/public/file.txt"], env)
        run(signed + ["-T", body, base + "/private/file.txt"], env)
        expect(run(signed + [base + "/private/file.txt"], env).stdout == b"0123456789abcdef", "signed GET")
        expect(run(signed + ["-r", "4-7", base + "/private/file.txt"], env).stdout == b"4567", "signed range")
        expect(run(status + ["-r", "100-", base + "/public/file.txt"], env).stdout == b"416", "416 past the end")
        headers = run(signed + ["-I", base + "/private/file.txt"], env).stdout.decode().lower()
        expect("content-length: 16" in headers and 'etag: "' in headers, f"HEAD headers: {headers}")

        # Anonymous reads only where configured.
        expect(run([CURL, "-s", base + "/public/file.txt"], env).stdout == b"0123456789abcdef", "anonymous read")
        expect(run(status + [base + "/private/file.txt"], env).stdout == b"403", "private stays private")

        # Virtual-hosted style: <bucket>.localhost, connected to the loopback port.
        host = f"private.localhost:{server.port}"
        vhost = run(signed + ["--connect-to", f"{host}:127.0.0.1:{server.port}", f"http://{host}/file.txt"], env)
        expect(vhost.stdout == b"0123456789abcdef", f"virtual-hosted GET: {vhost.stdout[:200]}")

        # Keep-alive: several requests on one connection.
        many = run(signed + ["-v", base + "/private/file.txt", base + "/private/file.txt"], env)
        expect(b"Re-using existing connection" in many.stderr, "connection reused")

        # Graceful shutdown: a slow download in flight finishes, then the server exits 0.
        big = os.path.join(work, "big.bin")
        with open(big, "wb") as out:
            out.write(os.urandom(3 * 1024 * 1024))
        run(signed + ["-T", big, base + "/private/big.bin"], env)
        download = subprocess.Popen(signed + ["--limit-rate", "1M", "-o", big + ".back", base + "/private/big.bin"],
                                    env=env, stderr=subprocess.PIPE)
        time.sleep(1.0)
        code = server.stop(signal.SIGTERM)
        download.wait(timeout=30)
        expect(download.returncode == 0, f"download survived SIGTERM: {download.stderr.read()}")
        expect(open(big, "rb").read() == open(big + ".back", "rb").read(), "download complete")
        expect(code == 0, f"server exit code after graceful stop: {code}")
        log = server.log_text()
        expect("stopped cleanly" in log and "received SIGTERM" in log, log[-500:])
        expect(" GET /private/file.txt 200 " in log, "one log line per request")
    print("curl: OK")


if __name__ == "__main__":
    main(sys.argv[1])
