#!/usr/bin/env python3
"""`ducklake demo` and `ducklake load nyc-taxi` as a user runs them, in a scratch directory.

Checks the four demo steps and the chart, that a second run skips the loaded months, that
`load` is idempotent, and the exit codes and messages of bad usage and a failing step.
Usage: cli_check.py <ducklake binary>.
"""
import os
import shutil
import subprocess
import sys
import tempfile


def run(ducklake, directory, *words):
    return subprocess.run([ducklake, *words], cwd=directory, capture_output=True, text=True, timeout=300)


def expect(condition, message, result):
    if not condition:
        print("FAILED: " + message)
        print("exit %d\nstdout:\n%s\nstderr:\n%s" % (result.returncode, result.stdout, result.stderr))
        sys.exit(1)


def main():
    ducklake = os.path.abspath(sys.argv[1])
    directory = tempfile.mkdtemp(prefix="ducklake-cli-")
    try:
        demo = run(ducklake, directory, "demo", "--months", "2024-01..2024-02", "--rows-per-month", "3000")
        expect(demo.returncode == 0, "demo must succeed", demo)
        for step in ("[1/4] Open the lake", "[2/4] Load 2024-01..2024-02 into lake.trips", "[3/4] Run the queries",
                     "[4/4] Trips by hour of day", "Top 10 pickup zones", "Trips by distance"):
            expect(step in demo.stdout, "demo output lacks '%s'" % step, demo)
        expect("6,000 new rows" in demo.stdout, "demo must load 2 x 3,000 rows", demo)
        chart = [line for line in demo.stdout.splitlines() if line[:2].isdigit() and line[2:6] == ":00 "]
        expect(len(chart) == 24, "the chart must have 24 hours, has %d" % len(chart), demo)
        total = sum(int(line.split()[-1]) for line in chart)
        expect(total == 6000, "the chart's hours must add up to 6000 trips, add up to %d" % total, demo)

        again = run(ducklake, directory, "demo", "--months", "2024-01..2024-02", "--rows-per-month", "3000")
        expect(again.returncode == 0 and again.stdout.count("already loaded (3,000 rows), skipped") == 2,
               "a second demo must skip both months", again)

        load = run(ducklake, directory, "load", "nyc-taxi", "--months", "2024-02..2024-03", "--rows-per-month", "3000")
        expect(load.returncode == 0 and "loaded 3,000 rows" in load.stdout and "2024-02 already loaded" in load.stdout,
               "load must add only 2024-03", load)
        count = run(ducklake, directory, "-c", "SELECT count(*) AS n FROM lake.trips")
        expect(count.returncode == 0 and "9000" in count.stdout, "the lake must hold 9000 trips", count)

        usage = run(ducklake, directory, "load", "nyc-taxi", "--rows-per-month", "0")
        expect(usage.returncode == 2 and "--rows-per-month must be a whole number from 1 to" in usage.stderr,
               "bad usage must exit 2 with the argument named", usage)
        dataset = run(ducklake, directory, "load", "green-taxi")
        expect(dataset.returncode == 2 and "the only data set is nyc-taxi" in dataset.stderr,
               "an unknown data set must exit 2", dataset)
        failing = run(ducklake, directory, "demo", "--months", "2024-05", "--source", directory + "/missing")
        expect(failing.returncode == 1 and "step 2/4 (load) failed" in failing.stderr and "how to fix:" in failing.stderr,
               "a failing step must be named with a fix", failing)
        print("demo and load checked")
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
