//===----------------------------------------------------------------------===//
// Process plumbing for `ducklake stack`: run a tool to completion (output captured, bounded),
// start a long-running server detached with its output in a log file, check whether a pid is
// still the program we started, and stop it. Under root, PostgreSQL tools run as the `postgres`
// user (PostgreSQL refuses to run as root). Linux only (reads /proc/<pid>/cmdline).
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ducklake {

struct ProcessRun {
	//! exit status, or -1 when the program could not be started or was killed
	int exit_code = -1;
	//! stdout and stderr together, at most process_output_bytes_max bytes
	std::string output;
};

constexpr size_t process_output_bytes_max = 64 * 1024;

//! Runs `arguments` (argv[0] looked up in PATH) and waits for it. With `as_user`, runs it via
//! `runuser -u <as_user> --` (only when we are root).
ProcessRun RunProcess(const std::vector<std::string> &arguments, const std::string &as_user = "");

//! Starts `arguments` in its own session with stdin from /dev/null and stdout/stderr appended
//! to `log_path`; `environment` entries ("KEY=value") are added. Returns the pid or -1.
int64_t StartDetached(const std::vector<std::string> &arguments, const std::vector<std::string> &environment,
                      const std::string &log_path);

//! Whether `pid` is alive and its command line's first word ends with `program_name`.
bool ProcessIsRunning(int64_t pid, const std::string &program_name);

//! Whether `pid`, a child of this process, has exited (it is reaped then). Unlike
//! ProcessIsRunning this holds between fork and exec, when the child still runs our own program.
bool ChildHasExited(int64_t pid);

//! SIGTERM, then SIGKILL after `grace_ms` if still alive. Only call for pids we started.
void StopProcess(int64_t pid, int64_t grace_ms);

//! A free TCP port on 127.0.0.1 (0 when none could be found).
int32_t FreeLoopbackPort();

//! Whether something accepts TCP connections on 127.0.0.1:port.
bool LoopbackPortAccepts(int32_t port);

//! The first executable `name` in PATH, then in each of `extra_directories`; "" when none.
std::string FindProgram(const std::string &name, const std::vector<std::string> &extra_directories = {});

//! The last `bytes` of a file, for error messages that quote a server log.
std::string FileTail(const std::string &path, size_t bytes);

} // namespace ducklake
