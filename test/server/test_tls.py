"""HTTPS: ducklake-s3d with --tls-cert/--tls-key and a self-signed certificate made here with the openssl CLI,
used by curl (--cacert), awscli (--ca-bundle) and boto3 (verify=<cert>) trusting that certificate. Also: a
client that does not trust it is refused, plain http:// to the HTTPS port gets a prompt 400 naming https
(never a hang), and wrong certificate/key files stop the server with a message naming the file."""
import hashlib
import os
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request

from s3d_harness import ACCESS_KEY, SECRET_KEY, S3dServer, expect, require, run

OPENSSL = "/usr/bin/openssl"
CURL = "/usr/bin/curl"
AWS = "/usr/bin/aws"
PLAIN_ANSWER_SECONDS_MAX = 5


def make_certificate(work, name, subject_alt_names):
    key, cert = os.path.join(work, name + ".key"), os.path.join(work, name + ".crt")
    run([OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=" + subject_alt_names, "-keyout", key, "-out", cert], os.environ)
    return cert, key


def startup_error(binary, root, args, env=None):
    """Runs the server with args that must make it exit at startup; returns (exit code, stderr)."""
    result = subprocess.run([binary, "--root", root, "--listen", "127.0.0.1:0", "--access-key", ACCESS_KEY,
                             "--secret-key", SECRET_KEY] + args, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
    return result.returncode, result.stderr.decode()


def check_startup_errors(binary, work, cert, key, other_key):
    root = os.path.join(work, "root")
    os.makedirs(root)
    code, message = startup_error(binary, root, ["--tls-cert", cert])
    expect(code == 2 and "--tls-cert was given without --tls-key" in message, f"cert alone: {code} {message}")
    missing = os.path.join(work, "missing.crt")
    code, message = startup_error(binary, root, ["--tls-cert", missing, "--tls-key", key])
    expect(code == 2 and f"--tls-cert '{missing}' cannot be read: No such file" in message, message)
    code, message = startup_error(binary, root, ["--tls-cert", key, "--tls-key", key])
    expect(code == 2 and "is not a PEM certificate" in message, f"a key given as certificate: {message}")
    code, message = startup_error(binary, root, ["--tls-cert", cert, "--tls-key", cert])
    expect(code == 2 and "is not a PEM private key" in message, f"a certificate given as key: {message}")
    # The environment variables are read like the flags: here they pair the certificate with another key.
    env = dict(os.environ, DUCKLAKE_S3D_TLS_CERT=cert, DUCKLAKE_S3D_TLS_KEY=other_key)
    code, message = startup_error(binary, root, [], env=env)
    expect(code == 2 and f"--tls-key '{other_key}' is not the private key of the certificate in --tls-cert '{cert}'"
           in message, f"mismatched key from the environment: {code} {message}")
    encrypted = os.path.join(work, "encrypted.key")
    run([OPENSSL, "pkey", "-in", key, "-aes256", "-passout", "pass:secret", "-out", encrypted], os.environ)
    code, message = startup_error(binary, root, ["--tls-cert", cert, "--tls-key", encrypted])
    expect(code == 2 and "is encrypted with a passphrase" in message, f"encrypted key: {message}")


def check_curl(server, work, cert, env):
    base = server.endpoint
    expect(base.startswith("https://"), f"endpoint is https: {base}")
    curl = [CURL, "-sS", "--max-time", "60", "--cacert", cert]
    signed = curl + ["--aws-sigv4", "aws:amz:us-east-1:s3", "--user", f"{ACCESS_KEY}:{SECRET_KEY}",
                     "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD"]
    expect(run(curl + [base + "/.s3d/health"], env).stdout.strip() == b"ok", "health over https")
    run(signed + ["-f", "-X", "PUT", base + "/secure"], env)
    # Large enough to span many TLS records and encrypted file pieces.
    body = os.path.join(work, "curl.bin")
    with open(body, "wb") as out:
        out.write(os.urandom(3 * 1024 * 1024 + 17))
    run(signed + ["-f", "-T", body, base + "/secure/curl.bin"], env)
    back = run(signed + ["-f", base + "/secure/curl.bin"], env).stdout
    expect(back == open(body, "rb").read(), "curl GET over https returns the PUT bytes")
    ranged = run(signed + ["-f", "-r", "1000000-1000009", base + "/secure/curl.bin"], env).stdout
    expect(ranged == open(body, "rb").read()[1000000:1000010], "range over https")
    many = run(signed + ["-f", "-v", base + "/secure/curl.bin", "-o", "/dev/null", base + "/secure/curl.bin",
                         "-o", "/dev/null"], env)
    expect(b"Re-using existing connection" in many.stderr, "keep-alive over https")

    # A client that does not trust the certificate is refused by its own verification.
    untrusted = run([CURL, "-sS", "--max-time", "30", base + "/.s3d/health"], env, check=False)
    expect(untrusted.returncode == 60, f"curl without --cacert fails verification (60): {untrusted.returncode}")

    # Plain http:// to the HTTPS port: a prompt, readable 400, not a hang.
    plain_url = base.replace("https://", "http://") + "/secure/curl.bin"
    started = time.monotonic()
    plain = run([CURL, "-sS", "--max-time", "20", "-w", "\n%{http_code}", plain_url], env, check=False)
    elapsed = time.monotonic() - started
    text = plain.stdout.decode()
    expect(plain.returncode == 0 and text.endswith("\n400") and "use an https:// URL" in text,
           f"plain http to the TLS port: rc={plain.returncode} {text!r} {plain.stderr!r}")
    expect(elapsed < PLAIN_ANSWER_SECONDS_MAX, f"plain http answered in {elapsed:.1f}s")


def check_awscli(server, work, cert, env):
    aws = [AWS, "--endpoint-url", server.endpoint, "--ca-bundle", cert]
    run(aws + ["s3", "mb", "s3://viacli"], env)
    big = os.path.join(work, "aws.bin")
    with open(big, "wb") as out:
        out.write(os.urandom(20 * 1024 * 1024))  # over awscli's 8 MiB threshold: a multipart upload
    run(aws + ["s3", "cp", big, "s3://viacli/data/aws.bin"], env)
    listing = run(aws + ["s3", "ls", "s3://viacli/data/"], env).stdout.decode()
    expect("aws.bin" in listing and str(20 * 1024 * 1024) in listing, f"aws s3 ls over https: {listing}")
    run(aws + ["s3", "cp", "s3://viacli/data/aws.bin", big + ".back"], env)
    expect(open(big, "rb").read() == open(big + ".back", "rb").read(), "awscli multipart round trip over https")
    # Without the bundle awscli's verification fails: the certificate is really what is checked.
    untrusted = run([AWS, "--endpoint-url", server.endpoint, "s3", "ls"], env, check=False)
    expect(untrusted.returncode != 0 and b"CERTIFICATE_VERIFY_FAILED" in untrusted.stderr,
           f"awscli without --ca-bundle: {untrusted.returncode} {untrusted.stderr[-300:]!r}")


def check_boto3(server, cert):
    require("/usr/lib/python3/dist-packages/boto3", "python3-boto3")
    import boto3
    import botocore.config
    import botocore.exceptions
    from boto3.s3.transfer import TransferConfig
    s3 = boto3.client("s3", endpoint_url=server.endpoint, aws_access_key_id=ACCESS_KEY,
                      aws_secret_access_key=SECRET_KEY, region_name="us-east-1", verify=cert,
                      config=botocore.config.Config(s3={"addressing_style": "path"}, signature_version="s3v4",
                                                    retries={"max_attempts": 1}))
    s3.create_bucket(Bucket="viaboto")
    # Default boto3 PUT: signed payload; its checksum comes back.
    put = s3.put_object(Bucket="viaboto", Key="small.txt", Body=b"over tls", ChecksumAlgorithm="SHA256")
    expect(put["ChecksumSHA256"], f"checksum returned: {put}")
    expect(s3.get_object(Bucket="viaboto", Key="small.txt")["Body"].read() == b"over tls", "boto3 GET over https")
    payload = os.urandom(12 * 1024 * 1024)
    import io
    s3.upload_fileobj(io.BytesIO(payload), "viaboto", "multi.bin",
                      Config=TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024))
    got = s3.get_object(Bucket="viaboto", Key="multi.bin")["Body"].read()
    expect(hashlib.sha256(got).digest() == hashlib.sha256(payload).digest(), "boto3 multipart round trip")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "viaboto", "Key": "small.txt"}, ExpiresIn=300)
    expect(url.startswith("https://"), url)
    context = ssl.create_default_context(cafile=cert)
    with urllib.request.urlopen(url, context=context, timeout=30) as response:
        expect(response.read() == b"over tls", "presigned https GET trusted via the certificate")
    expect(server.health(context) == 200, "health via urllib over https")
    untrusted = boto3.client("s3", endpoint_url=server.endpoint, aws_access_key_id=ACCESS_KEY,
                             aws_secret_access_key=SECRET_KEY, region_name="us-east-1",
                             config=botocore.config.Config(retries={"max_attempts": 1}))
    try:
        untrusted.list_buckets()
        raise AssertionError("boto3 must refuse the self-signed certificate without verify=")
    except botocore.exceptions.SSLError:
        pass


def main(binary):
    require(OPENSSL, "openssl")
    require(CURL, "curl")
    require(AWS, "awscli")
    # A developer's AWS_CA_BUNDLE, AWS_PROFILE or endpoint must not reach the in-process boto3 client.
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        del os.environ[name]
    os.environ.update({"AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"})
    with tempfile.TemporaryDirectory() as work:
        cert, key = make_certificate(work, "server", "DNS:localhost,IP:127.0.0.1")
        _, other_key = make_certificate(work, "other", "DNS:localhost")
        check_startup_errors(binary, work, cert, key, other_key)
        with S3dServer(binary, ["--tls-cert", cert, "--tls-key", key]) as server:
            env = server.env()
            check_curl(server, work, cert, env)
            check_awscli(server, work, cert, env)
            check_boto3(server, cert)
            code = server.stop()
            expect(code == 0, f"graceful stop of the https server: {code}")
            log = server.log_text()
            expect("plain HTTP on the TLS port" in log, "the plain http attempt is logged")
            expect(" PUT /secure/curl.bin 200 " in log, "one log line per https request")
    print("tls: OK")


if __name__ == "__main__":
    main(sys.argv[1])
