"""The ducklake shell without a terminal: -c, -f and a pipe on stdin, every output mode, exit
codes and error messages on stderr."""

import os
import re
import signal
import subprocess
import time
import unittest

import shell_harness
from shell_harness import ShellTestCase


class CommandLine(ShellTestCase):
    def test_select_42_prints_a_box_table(self):
        run = self.run_shell("--no-lake", "-c", "SELECT 42")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("┌", run.stdout)
        self.assertIn("│    42 │", run.stdout)
        self.assertEqual(run.stderr, "")

    def test_commands_and_files_run_in_order(self):
        script = self.write("t.sql", "INSERT INTO t VALUES (2);\nINSERT INTO t VALUES (3);\n")
        run = self.run_shell("--no-lake", "-m", "csv", "-c", "CREATE TABLE t(i INTEGER)", "-c",
                             "INSERT INTO t VALUES (1)", "-f", script, "-c", "SELECT string_agg(i, '-') AS s FROM t")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout.splitlines()[-2:], ["s", "1-2-3"])

    def test_first_error_stops_the_run_with_duckdbs_message(self):
        script = self.write("fail.sql", "SELECT 'before' AS b;\nSELECT * FROM missing_table;\nSELECT 'after' AS a;\n")
        run = self.run_shell("--no-lake", "-m", "csv", "-f", script, "-c", "SELECT 'later' AS l")
        self.assertEqual(run.returncode, 1)
        self.assertIn("before", run.stdout)
        self.assertNotIn("after", run.stdout)
        self.assertNotIn("later", run.stdout)
        self.assertIn("Catalog Error: Table with name missing_table does not exist", run.stderr)

    def test_missing_file_is_an_error_naming_it(self):
        run = self.run_shell("--no-lake", "-f", "no_such.sql")
        self.assertEqual(run.returncode, 1)
        self.assertIn("cannot open 'no_such.sql'", run.stderr)

    def test_dot_command_in_command(self):
        run = self.run_shell("--no-lake", "-c", ".mode json", "-c", "SELECT 1 AS one")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout, '[\n{"one":1}\n]\n')

    def test_database_file_persists_between_runs(self):
        first = self.run_shell("--no-lake", "my.duckdb", "-c", "CREATE TABLE kept AS SELECT 'yes' AS v")
        self.assertEqual(first.returncode, 0, first.stderr)
        second = self.run_shell("--no-lake", "my.duckdb", "-m", "csv", "-c", "FROM kept")
        self.assertEqual(second.returncode, 0, second.stderr)
        self.assertEqual(second.stdout, "v\nyes\n")

    def test_database_that_cannot_be_opened_is_an_error(self):
        run = self.run_shell("--no-lake", "no/such/dir/x.duckdb", "-c", "SELECT 1")
        self.assertEqual(run.returncode, 1)
        self.assertIn("cannot open database 'no/such/dir/x.duckdb'", run.stderr)


class Pipe(ShellTestCase):
    def test_parser_error_exits_nonzero(self):
        run = self.run_shell(stdin="SELEC 1;\n")
        self.assertEqual(run.returncode, 1)
        self.assertIn('Parser Error: syntax error at or near "SELEC"', run.stderr)
        self.assertEqual(run.stdout, "")

    def test_statements_span_lines_and_semicolons_in_strings_are_safe(self):
        run = self.run_shell("--no-lake", "-m", "csv", stdin="SELECT 'a;b' AS s,\n  'c;' AS t\n;\nSELECT 2 AS n;\n")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout, "s,t\na;b,c;\nn\n2\n")

    def test_last_statement_without_semicolon_runs_at_end_of_input(self):
        run = self.run_shell("--no-lake", "-m", "csv", stdin="SELECT 1 AS a;\nSELECT 2 AS b")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout, "a\n1\nb\n2\n")

    def test_quit_stops_reading(self):
        run = self.run_shell("--no-lake", "-m", "csv", stdin="SELECT 1 AS a;\n.quit\nSELECT 2 AS b;\n")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout, "a\n1\n")

    def test_ddl_prints_nothing_and_dml_prints_the_count(self):
        run = self.run_shell("--no-lake", "-m", "csv",
                             stdin="CREATE TABLE t(i INTEGER);\nINSERT INTO t VALUES (1), (2);\n")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(run.stdout, "Count\n2\n")

    def test_unknown_dot_command_is_an_error(self):
        run = self.run_shell("--no-lake", stdin=".frobnicate\nSELECT 1;\n")
        self.assertEqual(run.returncode, 1)
        self.assertIn("unknown command '.frobnicate'", run.stderr)
        self.assertEqual(run.stdout, "")

    def test_timer_prints_run_time(self):
        run = self.run_shell("--no-lake", "-m", "csv", stdin=".timer on\nSELECT 1 AS a;\n.timer off\nSELECT 2 AS b;\n")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertRegex(run.stdout, r"^a\n1\nRun Time \(s\): real \d+\.\d{3}\nb\n2\n$")

    def test_timer_rejects_other_values(self):
        run = self.run_shell("--no-lake", stdin=".timer maybe\n")
        self.assertEqual(run.returncode, 1)
        self.assertIn(".timer needs on or off", run.stderr)

    def test_read_runs_a_file_and_stops_at_its_first_error(self):
        self.write("inner.sql", "SELECT 'inner' AS i;\nSELECT nope;\nSELECT 'unreached' AS u;\n")
        run = self.run_shell("--no-lake", "-m", "csv", stdin=".read inner.sql\nSELECT 'outer' AS o;\n")
        self.assertEqual(run.returncode, 1)
        self.assertIn("inner", run.stdout)
        self.assertNotIn("unreached", run.stdout)
        self.assertNotIn("outer", run.stdout)
        self.assertIn('Referenced column "nope" was not found', run.stderr)

    def test_read_that_reads_itself_stops_at_the_depth_bound(self):
        self.write("loop.sql", ".read loop.sql\n")
        run = self.run_shell("--no-lake", stdin=".read loop.sql\n")
        self.assertEqual(run.returncode, 1)
        self.assertIn("nests deeper than 16 files", run.stderr)


class Modes(ShellTestCase):
    QUERY = "SELECT * FROM (VALUES (1, 'a,b', NULL), (2, 'x|y', 2.5)) t(n, s, d) ORDER BY n"
    EXPECTED = {
        "csv": 'n,s,d\n1,"a,b",\n2,x|y,2.5\n',
        "tsv": "n\ts\td\n1\ta,b\t\n2\tx|y\t2.5\n",
        "json": '[\n{"n":1,"s":"a,b","d":null},\n{"n":2,"s":"x|y","d":2.5}\n]\n',
        "markdown": "| n | s | d |\n|---|---|---|\n| 1 | a,b | NULL |\n| 2 | x\\|y | 2.5 |\n",
        "line": "n = 1\ns = a,b\nd = NULL\n\nn = 2\ns = x|y\nd = 2.5\n",
    }

    def test_each_mode_from_the_command_line(self):
        for mode, expected in self.EXPECTED.items():
            with self.subTest(mode=mode):
                run = self.run_shell("--no-lake", "--mode", mode, "-c", self.QUERY)
                self.assertEqual(run.returncode, 0, run.stderr)
                self.assertEqual(run.stdout, expected)

    def test_each_mode_from_the_dot_command(self):
        for mode, expected in self.EXPECTED.items():
            with self.subTest(mode=mode):
                run = self.run_shell("--no-lake", stdin=".mode %s\n%s;\n" % (mode, self.QUERY))
                self.assertEqual(run.returncode, 0, run.stderr)
                self.assertEqual(run.stdout, expected)

    def test_box_mode_from_the_dot_command(self):
        run = self.run_shell("--no-lake", "-m", "csv", stdin=".mode box\nSELECT 'boxed' AS b;\n")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("│ boxed   │", run.stdout)

    def test_box_mode_elides_long_results(self):
        run = self.run_shell("--no-lake", "-c", "SELECT range AS i FROM range(100000)")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("100000 rows", run.stdout)
        self.assertIn("(40 shown)", run.stdout)
        self.assertLess(len(run.stdout.splitlines()), 60)

    def test_maxrows_changes_box_rows(self):
        run = self.run_shell("--no-lake", stdin=".maxrows 10\nSELECT range AS i FROM range(1000);\n")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("(10 shown)", run.stdout)

    def test_text_modes_print_every_row(self):
        run = self.run_shell("--no-lake", "-m", "csv", "-c", "SELECT range AS i FROM range(100000)")
        self.assertEqual(run.returncode, 0, run.stderr)
        lines = run.stdout.splitlines()
        self.assertEqual(len(lines), 100001)
        self.assertEqual(lines[-1], "99999")

    def test_unknown_mode_is_a_usage_error(self):
        run = self.run_shell("--mode", "xml", "-c", "SELECT 1")
        self.assertEqual(run.returncode, 2)
        self.assertIn("got 'xml'", run.stderr)
        run = self.run_shell("--no-lake", stdin=".mode xml\n")
        self.assertEqual(run.returncode, 1)
        self.assertIn("got 'xml'", run.stderr)


class HelpAndVersion(ShellTestCase):
    def test_help_teaches_by_example(self):
        run = self.run_shell("--help")
        self.assertEqual(run.returncode, 0)
        self.assertIn("Examples:", run.stdout)
        self.assertIn('ducklake -c "SELECT 42"', run.stdout)
        self.assertIn("--lake URI", run.stdout)
        self.assertIn("ducklake demo", run.stdout)

    def test_version_names_ours_and_duckdbs_from_the_library(self):
        info = self.run_shell("--no-lake", "-m", "csv", "-c",
                              "SELECT library_version || ' ' || source_id AS v FROM pragma_version()")
        self.assertEqual(info.returncode, 0, info.stderr)
        duckdb_version, source_id = info.stdout.splitlines()[1].split(" ")
        ours = self.run_shell("--no-lake", "-m", "csv", "-c", "SELECT ducklake_cpp_version() AS v")
        self.assertEqual(ours.returncode, 0, ours.stderr)
        run = self.run_shell("--version")
        self.assertEqual(run.returncode, 0)
        self.assertEqual(run.stdout, "ducklake %s\nDuckDB %s (source id %s)\n" %
                         (ours.stdout.splitlines()[1], duckdb_version, source_id))

    def test_unknown_option_is_a_usage_error(self):
        run = self.run_shell("--frobnicate")
        self.assertEqual(run.returncode, 2)
        self.assertIn("unknown option '--frobnicate'", run.stderr)
        self.assertIn("ducklake --help", run.stderr)

    def test_huge_pages_setting_is_checked(self):
        self.env["DUCKLAKE_HUGE_PAGES"] = "sometimes"
        run = self.run_shell("--no-lake", "-c", "SELECT 42 AS answer")
        self.assertEqual(run.returncode, 2)
        self.assertIn("DUCKLAKE_HUGE_PAGES is 'sometimes'; allowed are on", run.stderr)
        for value in ("off", "on"):
            self.env["DUCKLAKE_HUGE_PAGES"] = value
            run = self.run_shell("--no-lake", "-m", "csv", "-c", "SELECT sum(i) AS s FROM range(3000000) t(i)")
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertEqual(run.stdout, "s\n4499998500000\n")


class Lake(ShellTestCase):
    def test_no_lake_creates_no_lake_directory(self):
        run = self.run_shell("--no-lake", "-c", "SELECT 1")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertFalse(os.path.exists(self.path("lake")))

    def test_no_lake_with_lake_is_a_usage_error(self):
        run = self.run_shell("--no-lake", "--lake", "x.ducklake", "-c", "SELECT 1")
        self.assertEqual(run.returncode, 2)
        self.assertIn("--no-lake cannot be combined", run.stderr)

    def test_lake_that_cannot_be_attached_is_a_clear_error(self):
        # A file that is not a database at all cannot be a lake's catalog.
        with open(self.path("not_a_lake.ducklake"), "w") as handle:
            handle.write("this is not a DuckLake catalog\n")
        run = self.run_shell("--lake", "not_a_lake.ducklake", "-c", "SELECT 'ran' AS r")
        self.assertEqual(run.returncode, 1)
        self.assertIn("ducklake: cannot attach the lake", run.stderr)
        self.assertNotIn("ran", run.stdout)


class DefaultLake(ShellTestCase):
    def test_default_lake_is_attached_as_the_default_database(self):
        run = self.run_shell("-m", "csv", "-c", "SELECT current_database() AS db")
        self.assertEqual(run.returncode, 0, run.stderr)
        if run.stdout == "db\nmemory\n":
            self.assertFalse(os.path.exists(self.path("lake")))
            self.skipTest("this build does not register the ducklake storage type; the shell runs as plain DuckDB")
        self.assertEqual(run.stdout, "db\nlake\n")
        self.assertTrue(os.path.isfile(self.path("lake/metadata.ducklake")))
        create = self.run_shell("-c", "CREATE TABLE kept AS SELECT 'in the lake' AS v")
        self.assertEqual(create.returncode, 0, create.stderr)
        # Data files are written under ./lake/data/ (created with the first file).
        self.assertTrue(os.path.isdir(self.path("lake/data")))
        read = self.run_shell("-m", "csv", "-c", "FROM lake.kept")
        self.assertEqual(read.returncode, 0, read.stderr)
        self.assertEqual(read.stdout, "v\nin the lake\n")


def wait_until_catching_sigint(pid):
    """Waits (bounded) until process `pid` has a SIGINT handler, so the signal cannot kill it."""
    deadline = time.monotonic() + shell_harness.COMMAND_TIMEOUT_S
    while time.monotonic() < deadline:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                if line.startswith("SigCgt:") and int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)):
                    return
        time.sleep(0.05)
    raise AssertionError("process %d never installed a SIGINT handler" % pid)


class Interrupt(ShellTestCase):
    def test_sigint_cancels_a_long_command_and_fails_the_run(self):
        process = subprocess.Popen([shell_harness.BINARY, "--no-lake", "-c",
                                    "SELECT sum(a.range * b.range) FROM range(100000000) a, range(100000) b",
                                    "-c", "SELECT 'after' AS a"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, cwd=self.dir, env=self.env)
        try:
            wait_until_catching_sigint(process.pid)
            # The handler is installed just before the lake attach; give the query time to start.
            time.sleep(1.0)
            process.send_signal(signal.SIGINT)
            stdout, stderr = process.communicate(timeout=shell_harness.COMMAND_TIMEOUT_S)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        self.assertEqual(process.returncode, 1, stderr)
        self.assertIn("Interrupted", stderr)
        self.assertNotIn("after", stdout)


class Subcommands(ShellTestCase):
    def test_unknown_first_word_is_a_database_not_a_subcommand(self):
        run = self.run_shell("--no-lake", "notacommand.duckdb", "-c", "SELECT 1")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertTrue(os.path.exists(self.path("notacommand.duckdb")))

    def test_every_listed_subcommand_is_dispatched(self):
        help_text = self.run_shell("--help").stdout
        listed = help_text.split("Subcommands:\n", 1)[1].split("\n\n", 1)[0]
        names = re.findall(r"^  ducklake (\S+)", listed, re.MULTILINE)
        self.assertIn("demo", names)
        for name in names:
            with self.subTest(subcommand=name):
                run = self.run_shell(name, "--help")
                self.assertEqual(run.returncode, 0, run.stderr)
                self.assertIn("usage: ducklake " + name, run.stdout)
                self.assertFalse(os.path.exists(self.path(name)), "a subcommand is not a database file")


if __name__ == "__main__":
    shell_harness.parse_binary_argument()
    unittest.main(verbosity=2)
