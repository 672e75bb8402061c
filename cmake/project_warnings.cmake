# Warnings on and fatal for project code (DuckDB's headers are SYSTEM, so they are exempt).
add_library(project_warnings INTERFACE)
target_compile_options(project_warnings INTERFACE -Wall -Wextra -Werror -Wno-unused-parameter)

# Unit tests live beside their code (src/<component>/<concept>_test.cpp). One GoogleTest binary per
# component, every TEST registered with CTest on its own:
#   ducklake_add_unit_tests(<component>_tests SOURCES a_test.cpp b_test.cpp LIBS <component lib>)
function(ducklake_add_unit_tests name)
	cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
	add_executable(${name} ${ARG_SOURCES})
	target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main project_warnings)
	# Tests that read the official extension's fixture lakes find them through DUCKLAKE_SHARED_DIR
	# (the folder beside the repository that holds fixtures/); without it they skip.
	set(shared_dir "${CMAKE_SOURCE_DIR}/../shared")
	if(EXISTS "${shared_dir}/fixtures")
		get_filename_component(shared_dir "${shared_dir}" ABSOLUTE)
		gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit
			ENVIRONMENT "DUCKLAKE_SHARED_DIR=${shared_dir}")
	else()
		gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit)
	endif()
endfunction()
