"""The ducklake shell on a terminal, driven through a pseudo-terminal: prompts, multi-line
statements, dot commands, Ctrl-C on a running query and at the prompt, Ctrl-D, history."""

import os
import time
import unittest

import shell_harness
from shell_harness import ShellTestCase

CTRL_C = "\x03"
CTRL_D = "\x04"
CTRL_P = "\x10"  # readline: previous history entry

# Runs for minutes unless interrupted: 10^12 pairs of the table `big` (10^6 rows) to compare.
LONG_QUERY = "SELECT count(*) FROM big a, big b WHERE a.r + b.r < 0;"


class Interactive(ShellTestCase):
    def start(self, *args):
        shell = self.start_terminal("--no-lake", *args)
        self.addCleanup(shell.close)
        shell.prompt()
        return shell

    def test_banner_names_versions_and_lake_state(self):
        shell = self.start_terminal("--no-lake")
        self.addCleanup(shell.close)
        shell.expect(r"ducklake \d+\.\d+\.\d+ on DuckDB v\d+\.\d+\.\d+")
        shell.expect(r"No lake attached \(--no-lake\)")
        shell.prompt()
        shell.send(CTRL_D)
        self.assertEqual(shell.wait_exit(), 0)

    def test_query_prints_a_box_table(self):
        shell = self.start()
        shell.send("SELECT 40 + 2 AS answer;\r")
        shell.expect(r"│\s+answer\s+│")
        shell.expect(r"│\s+42\s+│")
        shell.prompt()

    def test_multi_line_statement_ends_at_the_semicolon_outside_strings(self):
        shell = self.start()
        shell.send("SELECT 'a;b' AS s,\r")
        shell.expect(r"\.\.> ")
        shell.send("  41 + 1 AS n\r")
        shell.expect(r"\.\.> ")
        shell.send(";\r")
        shell.expect(r"│ a;b\s+│\s+42 │")
        shell.prompt()

    def test_dot_commands_change_mode_and_print_help(self):
        shell = self.start()
        shell.send(".help\r")
        shell.expect(r"\.timer on\|off")
        shell.prompt()
        shell.send(".mode csv\r")
        shell.prompt()
        shell.send("SELECT 7 AS x, 'y' AS z;\r")
        shell.expect(r"x,z\r\n7,y\r\n")
        shell.prompt()
        shell.send(".timer on\r")
        shell.prompt()
        shell.send("SELECT 1 AS t;\r")
        shell.expect(r"Run Time \(s\): real \d+\.\d+")
        shell.prompt()

    def test_errors_do_not_leave_the_shell(self):
        shell = self.start()
        shell.send("SELEC 1;\r")
        shell.expect(r'Parser Error: syntax error at or near "SELEC"')
        shell.prompt()
        shell.send("SELECT 'still here' AS s;\r")
        shell.expect(r"still here")
        shell.prompt()

    def test_ctrl_c_cancels_a_running_query_and_the_shell_stays_usable(self):
        shell = self.start()
        # With progress_bar_time = 0 the progress bar tells when the long query is running.
        shell.send("SET progress_bar_time = 0;\r")
        shell.prompt()
        shell.send("CREATE TABLE big AS SELECT range AS r FROM range(1000000);\r")
        shell.prompt()
        shell.send(LONG_QUERY + "\r")
        shell.expect(r"\d+% ▕")
        started = time.monotonic()
        shell.send(CTRL_C)
        # The progress bar may redraw once more between the echoed ^C and the error (no newline).
        shell.expect(r"\^C[^\n]*\r\nINTERRUPT Error: Interrupted!")
        self.assertLess(time.monotonic() - started, 20, "the interrupt took too long")
        shell.prompt()
        self.assertTrue(shell.alive())
        shell.send("SELECT 1 + 1 AS two;\r")
        shell.expect(r"│\s+2 │")
        shell.prompt()
        shell.send(".quit\r")
        self.assertEqual(shell.wait_exit(), 0)

    def test_ctrl_c_at_the_prompt_discards_the_pending_statement(self):
        shell = self.start()
        shell.send("SELECT 'pending'\r")
        shell.expect(r"\.\.> ")
        shell.send(CTRL_C)
        shell.expect(r"\^C")
        shell.prompt()
        shell.send("SELECT 'fresh' AS f;\r")
        shell.expect(r"│ fresh\s+│")
        shell.prompt()
        # The discarded text never reached DuckDB: no error about it anywhere.
        self.assertNotIn("Error", shell.output)
        self.assertTrue(shell.alive())

    def test_progress_bar_shows_on_a_terminal(self):
        shell = self.start()
        # progress_bar_time = 0: the bar shows at once, so even a short query draws its final 100% bar.
        shell.send("SET progress_bar_time = 0;\r")
        shell.prompt()
        shell.send("CREATE TABLE t AS SELECT range AS r FROM range(2000000);\r")
        shell.prompt()
        shell.send("SELECT sum(r) AS s FROM t;\r")
        shell.expect(r"100% ▕█+▏")
        shell.expect(r"1999999000000")
        shell.prompt()

    def test_tab_completes_table_names_and_keywords(self):
        shell = self.start()
        shell.send("CREATE TABLE taxi_trips AS SELECT 3 AS fare_amount;\r")
        shell.prompt()
        # A unique completion ends with a space, as readline does.
        shell.send("SELEC\tsum(fare_am\t) AS total FROM taxi_tr\t;\r")
        shell.expect(r"SELECT sum\(fare_amount \) AS total FROM taxi_trips ;")
        shell.expect(r"│\s+3 │")
        shell.prompt()

    def test_tab_completes_file_names_in_strings(self):
        self.write("only_here.csv", "a\n1\n")
        shell = self.start()
        shell.send("SELECT a FROM 'only_h\t;\r")
        shell.expect(r"'only_here\.csv' ;")
        shell.expect(r"│\s+1 │")
        shell.prompt()

    def test_ctrl_d_leaves_with_success(self):
        shell = self.start()
        shell.send(CTRL_D)
        self.assertEqual(shell.wait_exit(), 0)

    def test_history_persists_across_runs(self):
        first = self.start()
        first.send("SELECT 'remember ' || 'me' AS h;\r")
        first.expect(r"remember me")
        first.prompt()
        first.send(CTRL_D)
        self.assertEqual(first.wait_exit(), 0)
        with open(self.history) as f:
            self.assertIn("SELECT 'remember ' || 'me' AS h;", f.read())
        self.assertEqual(os.stat(self.history).st_mode & 0o777, 0o600, "history may hold secrets")

        second = self.start()
        second.send(CTRL_P)
        second.expect(r"'remember ' \|\| 'me'")
        second.send("\r")
        second.expect(r"│ remember me │")
        second.prompt()
        second.send(CTRL_D)
        self.assertEqual(second.wait_exit(), 0)

    def test_multi_line_statement_is_one_history_entry(self):
        shell = self.start()
        shell.send("SELECT 1\r")
        shell.expect(r"\.\.> ")
        shell.send("AS one;\r")
        shell.expect(r"│\s+one\s+│")
        shell.prompt()
        shell.send(CTRL_D)
        self.assertEqual(shell.wait_exit(), 0)
        with open(self.history) as f:
            self.assertIn("SELECT 1 AS one;\n", f.read())


class DefaultLake(ShellTestCase):
    def test_banner_names_the_attached_lake(self):
        shell = self.start_terminal()
        self.addCleanup(shell.close)
        match = shell.expect(r"Lake attached as [^\r\n]*|No lake attached: [^\r\n]*")
        shell.prompt()
        if match.group(0).startswith("No lake attached"):
            self.assertEqual(match.group(0), "No lake attached: this build has no DuckLake catalog.")
            self.assertFalse(os.path.exists(self.path("lake")))
            self.skipTest("this build does not register the ducklake storage type; the shell runs as plain DuckDB")
        self.assertEqual(match.group(0),
                         "Lake attached as lake: ducklake:./lake/metadata.ducklake (data ./lake/data/)")
        shell.send("SELECT current_database() AS db;\r")
        shell.expect(r"│ lake\s+│")


if __name__ == "__main__":
    shell_harness.parse_binary_argument()
    unittest.main(verbosity=2)
