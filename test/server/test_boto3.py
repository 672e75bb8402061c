"""python3-boto3 (Debian) against ducklake-s3d: presigned URLs, conditional writes, checksums, paging,
managed multipart uploads and error codes. (Virtual-hosted addressing: see test_curl.py.)"""
import concurrent.futures
import hashlib
import io
import sys
import urllib.error
import urllib.request

from s3d_harness import ACCESS_KEY, SECRET_KEY, S3dServer, expect, require

require("/usr/lib/python3/dist-packages/boto3", "python3-boto3")
import boto3  # noqa: E402
import botocore.config  # noqa: E402
import botocore.exceptions  # noqa: E402
from boto3.s3.transfer import TransferConfig  # noqa: E402


def client(endpoint, addressing="path"):
    return boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                        region_name="us-east-1",
                        config=botocore.config.Config(s3={"addressing_style": addressing}, signature_version="s3v4",
                                                      retries={"max_attempts": 1}))


def error_code(call):
    try:
        call()
    except botocore.exceptions.ClientError as error:
        return error.response["Error"]["Code"]
    return None


def with_header(s3, operation, name, value):
    """boto3 1.26 has no IfNoneMatch/IfMatch parameters on PutObject: add the header before signing."""
    def add(request, **kwargs):
        request.headers[name] = value
    s3.meta.events.register_first(f"before-sign.s3.{operation}", add)
    return lambda: s3.meta.events.unregister(f"before-sign.s3.{operation}", add)


def main(binary):
    with S3dServer(binary) as server:
        s3 = client(server.endpoint)
        s3.create_bucket(Bucket="lake")

        # Presigned GET and PUT, used by a plain HTTP client.
        put_url = s3.generate_presigned_url("put_object", Params={"Bucket": "lake", "Key": "shared/file.txt"},
                                            ExpiresIn=300)
        urllib.request.urlopen(urllib.request.Request(put_url, data=b"presigned body", method="PUT")).read()
        get_url = s3.generate_presigned_url("get_object", Params={"Bucket": "lake", "Key": "shared/file.txt"},
                                            ExpiresIn=300)
        expect(urllib.request.urlopen(get_url).read() == b"presigned body", "presigned GET returns the PUT body")
        tampered = get_url.replace("shared/file.txt", "shared/other.txt")
        try:
            urllib.request.urlopen(tampered)
            raise AssertionError("tampered presigned URL must fail")
        except urllib.error.HTTPError as error:
            expect(error.code == 403 and b"SignatureDoesNotMatch" in error.read(), "tampered URL is 403")

        # Conditional writes: If-None-Match: * creates once; If-Match needs the current ETag.
        remove = with_header(s3, "PutObject", "If-None-Match", "*")
        s3.put_object(Bucket="lake", Key="once", Body=b"first")
        expect(error_code(lambda: s3.put_object(Bucket="lake", Key="once", Body=b"second")) == "PreconditionFailed",
               "second create refused")
        remove()
        etag = s3.head_object(Bucket="lake", Key="once")["ETag"]
        remove = with_header(s3, "PutObject", "If-Match", '"0123"')
        expect(error_code(lambda: s3.put_object(Bucket="lake", Key="once", Body=b"x")) == "PreconditionFailed",
               "stale If-Match refused")
        remove()
        remove = with_header(s3, "PutObject", "If-Match", etag)
        s3.put_object(Bucket="lake", Key="once", Body=b"updated")
        remove()
        expect(s3.get_object(Bucket="lake", Key="once")["Body"].read() == b"updated", "If-Match write applied")

        # Concurrent conditional creates from many clients: exactly one wins.
        def create(writer):
            c = client(server.endpoint)
            with_header(c, "PutObject", "If-None-Match", "*")
            return error_code(lambda: c.put_object(Bucket="lake", Key="race", Body=f"w{writer}".encode()))
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            outcomes = list(pool.map(create, range(8)))
        expect(outcomes.count(None) == 1 and outcomes.count("PreconditionFailed") == 7, f"one winner: {outcomes}")

        # Checksums: sent, verified, returned.
        for algorithm in ["CRC32", "CRC32C", "SHA1", "SHA256"]:
            response = s3.put_object(Bucket="lake", Key=f"sum/{algorithm}", Body=b"checksummed " * 1000,
                                     ChecksumAlgorithm=algorithm)
            expect(f"Checksum{algorithm}" in response, f"{algorithm} echoed: {response.keys()}")
            head = s3.head_object(Bucket="lake", Key=f"sum/{algorithm}", ChecksumMode="ENABLED")
            expect(head.get(f"Checksum{algorithm}") == response[f"Checksum{algorithm}"], f"{algorithm} stored")
        bad_md5 = "1B2M2Y8AsgTpgAmY7PhCfg=="  # MD5 of the empty string
        expect(error_code(lambda: s3.put_object(Bucket="lake", Key="bad", Body=b"not empty", ContentMD5=bad_md5))
               == "BadDigest", "Content-MD5 mismatch is BadDigest")

        # Managed multipart upload and download.
        data = bytes(range(256)) * (40 * 1024)  # 10 MiB
        config = TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)
        s3.upload_fileobj(io.BytesIO(data), "lake", "big/object.bin", Config=config)
        head = s3.head_object(Bucket="lake", Key="big/object.bin")
        expect(head["ETag"].endswith('-2"') and head["ContentLength"] == len(data), f"multipart head: {head}")
        back = io.BytesIO()
        s3.download_fileobj("lake", "big/object.bin", back, Config=config)
        expect(hashlib.sha256(back.getvalue()).digest() == hashlib.sha256(data).digest(), "download matches")
        ranged = s3.get_object(Bucket="lake", Key="big/object.bin", Range="bytes=-10")
        expect(ranged["Body"].read() == data[-10:] and ranged["ContentRange"].endswith(f"/{len(data)}"), "suffix")
        expect(error_code(lambda: s3.get_object(Bucket="lake", Key="big/object.bin",
                                                Range=f"bytes={len(data)}-")) == "InvalidRange", "416 InvalidRange")

        # Paging with a paginator, delimiter and odd keys.
        odd_keys = ["p/a b", "p/c+d", "p/e%f", "p/é", "p/dir/", "p/x//y", "p/sub/1", "p/sub/2"]
        for key in odd_keys:
            s3.put_object(Bucket="lake", Key=key, Body=key.encode())
        seen = []
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket="lake", Prefix="p/",
                                                                 PaginationConfig={"PageSize": 3}):
            seen += [item["Key"] for item in page.get("Contents", [])]
        expect(seen == sorted(odd_keys), f"paged keys: {seen}")
        for key in odd_keys:
            expect(s3.get_object(Bucket="lake", Key=key)["Body"].read() == key.encode(), f"round-trip {key!r}")
        top = s3.list_objects_v2(Bucket="lake", Prefix="p/", Delimiter="/")
        prefixes = [item["Prefix"] for item in top.get("CommonPrefixes", [])]
        expect(prefixes == ["p/dir/", "p/sub/", "p/x/"], f"common prefixes: {prefixes}")
        v1 = s3.list_objects(Bucket="lake", Prefix="p/", MaxKeys=2)
        expect(v1["IsTruncated"] and len(v1["Contents"]) == 2, "ListObjects V1 truncates")

        # Copy with metadata replacement, batch delete.
        s3.put_object(Bucket="lake", Key="meta", Body=b"m", Metadata={"team": "data"}, ContentType="text/x-a")
        s3.copy_object(Bucket="lake", Key="meta2", CopySource={"Bucket": "lake", "Key": "meta"})
        expect(s3.head_object(Bucket="lake", Key="meta2")["Metadata"] == {"team": "data"}, "COPY keeps metadata")
        s3.copy_object(Bucket="lake", Key="meta3", CopySource={"Bucket": "lake", "Key": "meta"},
                       MetadataDirective="REPLACE", Metadata={"team": "ops"}, ContentType="text/x-b")
        head = s3.head_object(Bucket="lake", Key="meta3")
        expect(head["Metadata"] == {"team": "ops"} and head["ContentType"] == "text/x-b", "REPLACE")
        result = s3.delete_objects(Bucket="lake", Delete={"Objects": [{"Key": "meta"}, {"Key": "meta2"}],
                                                          "Quiet": True})
        expect("Errors" not in result, f"quiet delete: {result}")

        # Error codes.
        expect(error_code(lambda: s3.get_object(Bucket="lake", Key="missing")) == "NoSuchKey", "NoSuchKey")
        expect(error_code(lambda: s3.list_objects_v2(Bucket="nobucket")) == "NoSuchBucket", "NoSuchBucket")
        expect(error_code(lambda: s3.delete_bucket(Bucket="lake")) == "BucketNotEmpty", "BucketNotEmpty")
        wrong = boto3.client("s3", endpoint_url=server.endpoint, aws_access_key_id=ACCESS_KEY,
                             aws_secret_access_key="wrong", region_name="us-east-1")
        expect(error_code(lambda: wrong.list_buckets()) == "SignatureDoesNotMatch", "wrong secret")
    print("boto3: OK")


if __name__ == "__main__":
    main(sys.argv[1])
