#!/usr/bin/env python3
"""`ducklake stack up|down|status` end to end, in a scratch directory.

Checks that `up` initialises and starts PostgreSQL on a loopback port with the `lake` database,
that ducklake-s3d starts and the bucket exists (or, in a build without ducklake-s3d, that `up`
says so and how to fix it), that a second `up` reuses what runs, that `down` stops exactly that
and `status` then reports nothing running. Usage: stack_check.py <ducklake binary>. Exit 77: skipped.
"""
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77


def run(ducklake, directory, *words):
    return subprocess.run([ducklake, "stack", *words], cwd=directory, capture_output=True, text=True, timeout=120)


def fail(message, result=None):
    print("FAILED: " + message)
    if result is not None:
        print("stdout:\n" + result.stdout + "\nstderr:\n" + result.stderr)
    sys.exit(1)


def main():
    ducklake = os.path.abspath(sys.argv[1])
    if not shutil.which("initdb") and not os.path.exists("/usr/lib/postgresql/15/bin/initdb"):
        print("SKIPPED: PostgreSQL 15 is not installed (apt-get install postgresql-15)")
        sys.exit(SKIP)
    directory = tempfile.mkdtemp(prefix="ducklake-stack-")
    os.chmod(directory, 0o755)
    try:
        first = run(ducklake, directory, "up")
        has_s3d = "ducklake-s3d not found" not in first.stderr
        if has_s3d and first.returncode != 0:
            fail("stack up failed", first)
        if not has_s3d and "how to fix: build it" not in first.stderr:
            fail("without ducklake-s3d, `up` must say how to fix it", first)
        if "PostgreSQL started on 127.0.0.1:" not in first.stdout:
            fail("stack up did not start PostgreSQL", first)
        conf = dict(line.split("=", 1) for line in open(os.path.join(directory, ".stack", "stack.conf")).read().split("\n")
                    if "=" in line and not line.startswith("#"))
        pg_port = conf["pg_port"]
        psql = subprocess.run(["psql", "-h", "127.0.0.1", "-p", pg_port, "-U", "ducklake", "-d", "lake", "-tAc",
                               "SELECT current_database()"], capture_output=True, text=True, timeout=30)
        if psql.stdout.strip() != "lake":
            fail("database lake is not reachable on port %s: %s" % (pg_port, psql.stderr))
        if has_s3d:
            if "bucket lake created" not in first.stdout or "ATTACH 'ducklake:postgres:dbname=lake" not in first.stdout:
                fail("stack up must create the bucket and print the ATTACH statement", first)

        second = run(ducklake, directory, "up")
        if "PostgreSQL already running on 127.0.0.1:" + pg_port not in second.stdout:
            fail("a second `up` must reuse the running PostgreSQL", second)
        if has_s3d and ("ducklake-s3d already running" not in second.stdout or "bucket lake exists" not in second.stdout):
            fail("a second `up` must reuse ducklake-s3d and the bucket", second)

        status = run(ducklake, directory, "status")
        if "PostgreSQL    running on 127.0.0.1:" + pg_port not in status.stdout:
            fail("status must report the running PostgreSQL", status)
        if status.returncode != (0 if has_s3d else 3):
            fail("status exit code %d" % status.returncode, status)

        down = run(ducklake, directory, "down")
        if down.returncode != 0 or "PostgreSQL stopped" not in down.stdout:
            fail("stack down must stop PostgreSQL", down)
        after = run(ducklake, directory, "status")
        if after.returncode != 3 or "PostgreSQL    not running" not in after.stdout:
            fail("after down, status must report nothing running", after)
        again = run(ducklake, directory, "down")
        if again.returncode != 0 or "nothing started by `ducklake stack up` is running" not in again.stdout:
            fail("a second down must be a harmless no-op", again)
        print("stack up/up/status/down/down checked%s" % ("" if has_s3d else " (PostgreSQL only: no ducklake-s3d in this build)"))
    finally:
        run(ducklake, directory, "down")
        shutil.rmtree(directory, ignore_errors=True)
    if os.geteuid() == 0:
        check_root_in_private_directory(ducklake)


def check_root_in_private_directory(ducklake):
    """As root in a mode-700 directory (like /root) the postgres user cannot reach ./.stack: the data
    directory goes outside, linked from .stack/pg, and a second `up` after `down` finds it again."""
    directory = tempfile.mkdtemp(prefix="ducklake-stack-private-")
    os.chmod(directory, 0o700)
    link = os.path.join(directory, ".stack", "pg")
    try:
        first = run(ducklake, directory, "up")
        if "PostgreSQL started on 127.0.0.1:" not in first.stdout or not os.path.islink(link):
            fail("as root in a private directory, `up` must start PostgreSQL with its data linked from .stack/pg", first)
        if "ducklake-s3d not found" not in first.stderr and first.returncode != 0:
            fail("stack up failed in a private directory", first)
        down = run(ducklake, directory, "down")
        if "PostgreSQL stopped" not in down.stdout:
            fail("stack down must stop the PostgreSQL whose data is outside", down)
        again = run(ducklake, directory, "up")
        if "PostgreSQL started on 127.0.0.1:" not in again.stdout or "initdb" in again.stdout:
            fail("a second `up` must reuse the data directory outside, not initdb again", again)
        print("stack up/down/up as root in a private directory checked")
    finally:
        run(ducklake, directory, "down")
        if os.path.islink(link):
            shutil.rmtree(os.path.dirname(os.readlink(link)), ignore_errors=True)
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
