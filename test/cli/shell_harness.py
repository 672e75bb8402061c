"""Helpers shared by the ducklake shell tests: run the binary with a pipe or drive it through a
pseudo-terminal, each in its own temporary directory, with a bound on every wait."""

import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import time
import fcntl
import termios
import unittest

# Every wait in these tests has a bound, so a hung shell fails the test instead of hanging CTest.
COMMAND_TIMEOUT_S = 60
EXPECT_TIMEOUT_S = 30
EXIT_TIMEOUT_S = 30

BINARY = None


def parse_binary_argument():
    """The ducklake binary is the first argument; the rest goes to unittest."""
    global BINARY
    if len(sys.argv) < 2:
        sys.exit("usage: %s PATH_TO_DUCKLAKE [unittest arguments]" % sys.argv[0])
    BINARY = os.path.abspath(sys.argv.pop(1))


class ShellTestCase(unittest.TestCase):
    """Gives each test a fresh working directory, HOME and history file."""

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="ducklake-cli-test-")
        self.dir = self._tmp.name
        self.history = os.path.join(self.dir, "history")
        self.env = dict(os.environ)
        self.env.update({"HOME": self.dir, "DUCKLAKE_HISTORY": self.history, "TERM": "dumb"})
        self.env.pop("COLUMNS", None)

    def tearDown(self):
        self._tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)

    def run_shell(self, *args, stdin=""):
        """Runs ducklake non-interactively (stdin is a pipe); returns CompletedProcess with text."""
        return subprocess.run([BINARY, *args], input=stdin, capture_output=True, text=True, cwd=self.dir,
                              env=self.env, timeout=COMMAND_TIMEOUT_S)

    def start_terminal(self, *args):
        return TerminalSession(self, [BINARY, *args])


class TerminalSession:
    """The shell on a pseudo-terminal: send keys, wait for output matching a pattern."""

    def __init__(self, test, argv):
        self.test = test
        self.output = ""
        self.consumed = 0
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(test.dir)
            try:
                os.execve(argv[0], argv, test.env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        self.exit_status = None
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))

    def send(self, text):
        os.write(self.fd, text.encode())

    def _read_available(self, timeout_s):
        ready, _, _ = select.select([self.fd], [], [], timeout_s)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        if not data:
            return None
        self.output += data.decode(errors="replace")
        return True

    def expect(self, pattern, timeout_s=EXPECT_TIMEOUT_S):
        """Waits until `pattern` (a regex) appears in output not yet consumed; returns the match."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout_s
        while True:
            match = regex.search(self.output, self.consumed)
            if match:
                self.consumed = match.end()
                return match
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            if self._read_available(min(remaining, 0.5)) is None:
                match = regex.search(self.output, self.consumed)
                if match:
                    self.consumed = match.end()
                    return match
                break
        self.close()
        self.test.fail("timed out after %ss waiting for %r; output since last match:\n%s" %
                       (timeout_s, pattern, self.output[self.consumed:]))

    def prompt(self):
        return self.expect(r"ducklake> $|ducklake> ")

    def wait_exit(self, timeout_s=EXIT_TIMEOUT_S):
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            self._read_available(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_status = status
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        self.close()
        self.test.fail("the shell did not exit within %ss; output:\n%s" % (timeout_s, self.output))

    def alive(self):
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid:
            self.exit_status = status
            return False
        return True

    def close(self):
        if self.exit_status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.exit_status = -1
            try:
                os.close(self.fd)
            except OSError:
                pass
