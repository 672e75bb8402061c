"""awscli (Debian's aws v2) against ducklake-s3d: high-level s3 commands and s3api calls."""
import hashlib
import json
import os
import sys
import tempfile
import time

from s3d_harness import S3dServer, expect, require, run

AWS = "/usr/bin/aws"


def main(binary):
    require(AWS, "awscli")
    with S3dServer(binary) as server, tempfile.TemporaryDirectory() as work:
        env = server.env()
        aws = [AWS, "--endpoint-url", server.endpoint]
        api = [AWS, "--endpoint-url", server.endpoint, "--output", "json", "s3api"]
        run(aws + ["s3", "mb", "s3://warehouse"], env)
        expect("warehouse" in run(aws + ["s3", "ls"], env).stdout.decode(), "bucket listed")

        # Small and multipart (20 MiB > awscli's 8 MiB threshold) uploads, downloaded back intact.
        small = os.path.join(work, "small.txt")
        with open(small, "wb") as out:
            out.write(b"hello from awscli\n")
        big = os.path.join(work, "big.bin")
        with open(big, "wb") as out:
            out.write(os.urandom(20 * 1024 * 1024))
        run(aws + ["s3", "cp", small, "s3://warehouse/docs/small.txt"], env)
        run(aws + ["s3", "cp", big, "s3://warehouse/data/big.bin"], env)
        run(aws + ["s3", "cp", "s3://warehouse/data/big.bin", big + ".back"], env)
        expect(open(big, "rb").read() == open(big + ".back", "rb").read(), "multipart object round-trips")
        head = json.loads(run(api + ["head-object", "--bucket", "warehouse", "--key", "data/big.bin"], env).stdout)
        expect(head["ETag"].endswith("-3\"") and head["ContentLength"] == 20 * 1024 * 1024,
               f"multipart ETag md5-of-md5s-3: {head}")

        # sync a directory tree, list recursively, then sync again (nothing to do).
        tree = os.path.join(work, "tree")
        for name in ["a/1.parquet", "a/2.parquet", "b/c/3.parquet", "with space+plus.txt"]:
            os.makedirs(os.path.dirname(os.path.join(tree, name)), exist_ok=True)
            with open(os.path.join(tree, name), "w") as out:
                out.write(name)
            # LastModified has whole seconds (as on AWS): a file written in the second of its upload
            # would look newer than the object and sync again, so the files are a minute old.
            past = time.time() - 60
            os.utime(os.path.join(tree, name), (past, past))
        run(aws + ["s3", "sync", tree, "s3://warehouse/tree"], env)
        listing = run(aws + ["s3", "ls", "--recursive", "s3://warehouse/tree/"], env).stdout.decode()
        for name in ["tree/a/1.parquet", "tree/b/c/3.parquet", "tree/with space+plus.txt"]:
            expect(name in listing, f"{name} in listing:\n{listing}")
        again = run(aws + ["s3", "sync", tree, "s3://warehouse/tree"], env).stdout.decode()
        expect(again.strip() == "", f"second sync uploads nothing: {again}")
        delimited = run(aws + ["s3", "ls", "s3://warehouse/tree/"], env).stdout.decode()
        expect("PRE a/" in delimited and "PRE b/" in delimited, f"common prefixes: {delimited}")

        # s3api: ranged get, copy, list v2 paging, delete-objects.
        out = os.path.join(work, "range.out")
        run(api + ["get-object", "--bucket", "warehouse", "--key", "docs/small.txt", "--range", "bytes=6-9", out], env)
        expect(open(out, "rb").read() == b"from", "ranged get")
        run(api + ["copy-object", "--bucket", "warehouse", "--key", "docs/copy.txt", "--copy-source",
                   "warehouse/docs/small.txt"], env)
        copy = json.loads(run(api + ["head-object", "--bucket", "warehouse", "--key", "docs/copy.txt"], env).stdout)
        expect(copy["ETag"] == '"%s"' % hashlib.md5(b"hello from awscli\n").hexdigest(), f"copy ETag: {copy}")
        pages = json.loads(run(api + ["list-objects-v2", "--bucket", "warehouse", "--page-size", "2"], env).stdout)
        keys = [item["Key"] for item in pages["Contents"]]
        expect(len(keys) == 7 and keys == sorted(keys), f"all keys through pages of 2: {keys}")
        deleted = json.loads(run(api + ["delete-objects", "--bucket", "warehouse", "--delete",
                                        '{"Objects":[{"Key":"docs/copy.txt"},{"Key":"docs/small.txt"}]}'],
                                 env).stdout)
        expect(len(deleted["Deleted"]) == 2, f"delete-objects: {deleted}")

        # Explicit multipart calls.
        upload = json.loads(run(api + ["create-multipart-upload", "--bucket", "warehouse", "--key", "mp"], env).stdout)
        part_path = os.path.join(work, "part")
        with open(part_path, "wb") as out:
            out.write(b"x" * 1000)
        part = json.loads(run(api + ["upload-part", "--bucket", "warehouse", "--key", "mp", "--part-number", "1",
                                     "--upload-id", upload["UploadId"], "--body", part_path], env).stdout)
        listed = json.loads(run(api + ["list-parts", "--bucket", "warehouse", "--key", "mp", "--upload-id",
                                       upload["UploadId"]], env).stdout)
        expect(listed["Parts"][0]["ETag"] == part["ETag"], "list-parts shows the part")
        uploads = json.loads(run(api + ["list-multipart-uploads", "--bucket", "warehouse"], env).stdout)
        expect(uploads["Uploads"][0]["UploadId"] == upload["UploadId"], "list-multipart-uploads")
        run(api + ["complete-multipart-upload", "--bucket", "warehouse", "--key", "mp", "--upload-id",
                   upload["UploadId"], "--multipart-upload",
                   json.dumps({"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})], env)
        expect(run(api + ["head-object", "--bucket", "warehouse", "--key", "mp"], env).returncode == 0, "completed")

        # Errors come back as S3 error codes.
        missing = run(api + ["head-object", "--bucket", "warehouse", "--key", "nope"], env, check=False)
        expect(missing.returncode != 0 and b"404" in missing.stderr, "missing key is 404")
        bad = run(aws + ["s3", "mb", "s3://Bad_Name"], env, check=False)
        expect(bad.returncode != 0 and b"InvalidBucketName" in bad.stderr, f"bad name: {bad.stderr}")

        run(aws + ["s3", "rm", "--recursive", "s3://warehouse"], env)
        run(aws + ["s3", "rb", "s3://warehouse"], env)
        expect("warehouse" not in run(aws + ["s3", "ls"], env).stdout.decode(), "bucket removed")
    print("awscli: OK")


if __name__ == "__main__":
    main(sys.argv[1])
