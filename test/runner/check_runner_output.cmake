# Runs ducklake-sqllogictest on one of the runner's self-test files and checks how it ends.
#
#   cmake -DRUNNER=<binary> -DTEST_FILE=<file.test> -DSOURCE_DIR=<repo> -P check_runner_output.cmake
#
# The self-test file says in its header comments what must happen (CMake regular expressions):
#   # expect-exit: N             the runner's exit status (default 0)
#   # expect-output: REGEX       must match the combined stdout and stderr (repeatable)
#   # expect-no-output: REGEX    must not match it (repeatable)
#   # run-args: ARG ARG...       extra runner arguments before the file (paths relative to the repo)
#   # run-env: NAME=VALUE        set for the runner (repeatable)
# Every run also gets a private --temp-dir, which must be empty afterwards: the runner removes each
# file's test directory.
foreach(required RUNNER TEST_FILE SOURCE_DIR)
	if(NOT DEFINED ${required})
		message(FATAL_ERROR "check_runner_output.cmake needs -D${required}=...")
	endif()
endforeach()

file(STRINGS "${TEST_FILE}" header_lines REGEX "^# (expect-exit|expect-output|expect-no-output|run-args|run-env): ")
set(expect_exit 0)
set(expect_output)
set(expect_no_output)
set(run_args)
foreach(line IN LISTS header_lines)
	if(line MATCHES "^# expect-exit: ([0-9]+)$")
		set(expect_exit "${CMAKE_MATCH_1}")
	elseif(line MATCHES "^# expect-output: (.+)$")
		list(APPEND expect_output "${CMAKE_MATCH_1}")
	elseif(line MATCHES "^# expect-no-output: (.+)$")
		list(APPEND expect_no_output "${CMAKE_MATCH_1}")
	elseif(line MATCHES "^# run-args: (.+)$")
		separate_arguments(args UNIX_COMMAND "${CMAKE_MATCH_1}")
		list(APPEND run_args ${args})
	elseif(line MATCHES "^# run-env: ([A-Za-z_][A-Za-z0-9_]*)=(.*)$")
		set(ENV{${CMAKE_MATCH_1}} "${CMAKE_MATCH_2}")
	else()
		message(FATAL_ERROR "${TEST_FILE}: cannot read header line '${line}'")
	endif()
endforeach()

string(RANDOM LENGTH 12 suffix)
if(DEFINED ENV{TMPDIR} AND NOT "$ENV{TMPDIR}" STREQUAL "")
	set(temp_root "$ENV{TMPDIR}/runner-selftest-${suffix}")
else()
	set(temp_root "/tmp/runner-selftest-${suffix}")
endif()
file(MAKE_DIRECTORY "${temp_root}")

file(RELATIVE_PATH relative_file "${SOURCE_DIR}" "${TEST_FILE}")
execute_process(
	COMMAND "${RUNNER}" --temp-dir "${temp_root}" ${run_args} "${relative_file}"
	WORKING_DIRECTORY "${SOURCE_DIR}"
	RESULT_VARIABLE exit_status
	OUTPUT_VARIABLE stdout_text
	ERROR_VARIABLE stderr_text
	TIMEOUT 100)
set(output "${stdout_text}${stderr_text}")
file(GLOB leftovers "${temp_root}/*")
file(REMOVE_RECURSE "${temp_root}")

set(problems)
if(NOT "${exit_status}" STREQUAL "${expect_exit}")
	list(APPEND problems "exit status ${exit_status}, expected ${expect_exit}")
endif()
foreach(pattern IN LISTS expect_output)
	if(NOT output MATCHES "${pattern}")
		list(APPEND problems "output does not match: ${pattern}")
	endif()
endforeach()
foreach(pattern IN LISTS expect_no_output)
	if(output MATCHES "${pattern}")
		list(APPEND problems "output matches, but must not: ${pattern}")
	endif()
endforeach()
if(leftovers)
	list(APPEND problems "the runner left test directories behind: ${leftovers}")
endif()

if(problems)
	string(REPLACE ";" "\n  " problem_text "${problems}")
	message(FATAL_ERROR "runner self-test ${relative_file} failed:\n  ${problem_text}\n"
		"--- runner output ---\n${output}--- end of runner output ---")
endif()
message(STATUS "runner self-test ${relative_file}: exit ${exit_status} as expected\n${output}")
