"""Starts ducklake-s3d on a free loopback port in a temporary root, for end-to-end tests with real clients.

Usage:
    with S3dServer(binary) as server:
        server.endpoint  # http://127.0.0.1:<port> (https:// when started with --tls-cert/--tls-key)
        server.env()     # environment with AWS_* set for the test key pair
The server is stopped with SIGTERM (and killed if it does not exit) and its root removed on exit.
Tests exit with SKIP (77) when a client they need is not installed, naming it.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

SKIP = 77
ACCESS_KEY = "AKIDS3DTEST"
SECRET_KEY = "s3d/test+secret"
STARTUP_TIMEOUT_SECONDS = 10
STOP_TIMEOUT_SECONDS = 15


def require(path, what):
    if not os.path.exists(path):
        print(f"SKIP: {what} is not installed ({path} missing); run scripts/bootstrap.sh")
        sys.exit(SKIP)


class S3dServer:
    def __init__(self, binary, extra_args=(), root=None):
        self.binary = binary
        self.extra_args = list(extra_args)
        self.owns_root = root is None
        self.root = root or tempfile.mkdtemp(prefix="s3d_e2e_")
        self.process = None
        self.port = None
        self.scheme = "http"
        self.log_path = os.path.join(tempfile.gettempdir(), f"s3d_e2e_{os.getpid()}_{id(self)}.log")

    def start(self):
        self.log = open(self.log_path, "w+")
        self.process = subprocess.Popen(
            [self.binary, "--root", self.root, "--listen", "127.0.0.1:0", "--access-key", ACCESS_KEY,
             "--secret-key", SECRET_KEY] + self.extra_args,
            stdout=self.log, stderr=self.log)
        deadline = time.time() + STARTUP_TIMEOUT_SECONDS
        while time.time() < deadline:
            with open(self.log_path) as log:
                first = log.readline()
            for scheme in ("http", "https"):
                marker = f" on {scheme}://127.0.0.1:"
                if marker in first:
                    self.scheme = scheme
                    self.port = int(first.split(marker)[1].split()[0])
                    return self
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("ducklake-s3d did not start:\n" + open(self.log_path).read())

    @property
    def endpoint(self):
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def env(self):
        # Only our credentials: a developer's AWS_PROFILE, AWS_ENDPOINT_URL or AWS_CA_BUNDLE must not leak in.
        env = {name: value for name, value in os.environ.items() if not name.startswith("AWS_")}
        env.update({"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
                    "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1", "AWS_PAGER": "",
                    "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
                    "HOME": self.root + "/.s3d/tmp/.."})
        return env

    def health(self, ssl_context=None):
        try:
            with urllib.request.urlopen(self.endpoint + "/.s3d/health", timeout=5, context=ssl_context) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def log_text(self):
        with open(self.log_path) as log:
            return log.read()

    def stop(self, sig=signal.SIGTERM):
        """Stops the server; returns its exit code."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode if self.process else None

    def __enter__(self):
        return self.start()

    def remove_log(self):
        try:
            os.unlink(self.log_path)
        except OSError:
            pass

    def __exit__(self, *exc):
        self.stop()
        if exc[0] is not None:
            sys.stderr.write("--- server log ---\n" + self.log_text()[-4000:])
        if self.owns_root:
            shutil.rmtree(self.root, ignore_errors=True)
        self.remove_log()


def run(args, env, input_bytes=None, check=True):
    result = subprocess.run(args, env=env, input=input_bytes, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({result.returncode}):\n"
                             f"{result.stdout.decode(errors='replace')[:2000]}\n"
                             f"{result.stderr.decode(errors='replace')[:2000]}")
    return result


def expect(condition, message):
    if not condition:
        raise AssertionError(message)
