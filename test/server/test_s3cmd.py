"""s3cmd (Debian) against ducklake-s3d, path-style, Signature Version 4."""
import os
import sys
import tempfile

from s3d_harness import ACCESS_KEY, SECRET_KEY, S3dServer, expect, require, run

S3CMD = "/usr/bin/s3cmd"


def main(binary):
    require(S3CMD, "s3cmd")
    with S3dServer(binary) as server, tempfile.TemporaryDirectory() as work:
        config = os.path.join(work, "s3cfg")
        host = f"127.0.0.1:{server.port}"
        with open(config, "w") as out:
            out.write(f"""[default]
access_key = {ACCESS_KEY}
secret_key = {SECRET_KEY}
host_base = {host}
host_bucket = {host}
use_https = False
signature_v2 = False
bucket_location = us-east-1
""")
        s3cmd = [S3CMD, "-c", config]
        env = server.env()
        run(s3cmd + ["mb", "s3://cmdbucket"], env)
        payload = os.path.join(work, "payload.bin")
        with open(payload, "wb") as out:
            out.write(os.urandom(3 * 1024 * 1024 + 17))
        run(s3cmd + ["put", payload, "s3://cmdbucket/dir/payload.bin"], env)
        # s3cmd's own multipart upload (chunks of 5 MiB) for a 12 MiB file.
        big = os.path.join(work, "big.bin")
        with open(big, "wb") as out:
            out.write(os.urandom(12 * 1024 * 1024))
        run(s3cmd + ["put", "--multipart-chunk-size-mb=5", big, "s3://cmdbucket/big.bin"], env)
        listing = run(s3cmd + ["ls", "--recursive", "s3://cmdbucket"], env).stdout.decode()
        expect("s3://cmdbucket/dir/payload.bin" in listing and "s3://cmdbucket/big.bin" in listing, listing)
        for key, source in [("dir/payload.bin", payload), ("big.bin", big)]:
            back = os.path.join(work, "back")
            run(s3cmd + ["get", "--force", f"s3://cmdbucket/{key}", back], env)
            expect(open(back, "rb").read() == open(source, "rb").read(), f"{key} round-trips")
        info = run(s3cmd + ["info", "s3://cmdbucket/dir/payload.bin"], env).stdout.decode()
        expect("3145745" in info, f"info shows the size: {info}")
        run(s3cmd + ["del", "s3://cmdbucket/dir/payload.bin", "s3://cmdbucket/big.bin"], env)
        expect(run(s3cmd + ["ls", "--recursive", "s3://cmdbucket"], env).stdout.decode().strip() == "", "emptied")
        run(s3cmd + ["rb", "s3://cmdbucket"], env)
    print("s3cmd: OK")


if __name__ == "__main__":
    main(sys.argv[1])
