"""Crash safety: kill -9 ducklake-s3d during concurrent uploads, restart on the same root, and check that every
visible object is complete and correct (no torn or partial object is ever listed or served)."""
import concurrent.futures
import hashlib
import shutil
import signal
import sys
import tempfile
import time

from s3d_harness import ACCESS_KEY, SECRET_KEY, S3dServer, expect, require

require("/usr/lib/python3/dist-packages/boto3", "python3-boto3")
import boto3  # noqa: E402
import botocore.config  # noqa: E402

WRITERS = 8
UPLOAD_SECONDS = 2.0


def content_for(key):
    """Deterministic bytes for a key, 64 KiB to 2 MiB long, so a reader can check any object it sees."""
    seed = hashlib.sha256(key.encode()).digest()
    length = 65536 + int.from_bytes(seed[:4], "big") % (2 * 1024 * 1024)
    return (seed * (length // len(seed) + 1))[:length]


def client(endpoint):
    return boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                        region_name="us-east-1",
                        config=botocore.config.Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1},
                                                      connect_timeout=2, read_timeout=5))


def main(binary):
    root = tempfile.mkdtemp(prefix="s3d_crash_")
    server = None
    try:
        server = S3dServer(binary, root=root).start()
        s3 = client(server.endpoint)
        s3.create_bucket(Bucket="crash")

        def writer(writer_idx):
            c = client(server.endpoint)
            deadline = time.time() + UPLOAD_SECONDS * 3
            sequence = 0
            while time.time() < deadline:
                key = f"w{writer_idx}/obj{sequence % 5}"  # overwrite keys too, not only create
                try:
                    c.put_object(Bucket="crash", Key=key, Body=content_for(key))
                except Exception:
                    return sequence
                sequence += 1
            return sequence

        with concurrent.futures.ThreadPoolExecutor(WRITERS) as pool:
            futures = [pool.submit(writer, writer_idx) for writer_idx in range(WRITERS)]
            time.sleep(UPLOAD_SECONDS)
            server.stop(signal.SIGKILL)
            written = sum(future.result() for future in futures)
        expect(written > 0, "some uploads happened before the kill")

        with S3dServer(binary, root=root) as restarted:
            s3 = client(restarted.endpoint)
            keys = [item["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket="crash")
                    for item in page.get("Contents", [])]
            expect(len(keys) > 0, "objects survived")
            for key in keys:
                body = s3.get_object(Bucket="crash", Key=key)["Body"].read()
                expected = content_for(key)
                expect(body == expected, f"{key}: {len(body)} bytes, expected {len(expected)} intact bytes")
            print(f"crash: {written} uploads before kill -9, {len(keys)} visible objects all intact")
        server.stop()
    finally:
        if server:
            server.stop()
            server.remove_log()
        shutil.rmtree(root, ignore_errors=True)
    print("crash: OK")


if __name__ == "__main__":
    main(sys.argv[1])
