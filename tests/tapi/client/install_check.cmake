# ctest tapi_client_install (label install): installs libtapi into a prefix under the build
# tree, then builds two consumers against that prefix only:
#   1. a C99 program with `cc app.c $(pkg-config --cflags --libs tapi)` (PKG_CONFIG_PATH set to
#      the prefix), run with LD_LIBRARY_PATH=<prefix>/lib; it must report that lineShutdown(0)
#      returned LINEERR_INVALAPPHANDLE;
#   2. a CMake project with find_package(Tapi) and Tapi::tapi (run through its RUNPATH).
# Needs: tapi, tsp_sim and tsp_csta built. Inputs: BUILD_DIR, WORK_DIR, SOURCE, CMAKE_COMMAND,
# SANITIZE (the build is ACD_SANITIZE: the consumers link the sanitizers too, since an
# instrumented libtapi needs their runtime first in the program).
cmake_minimum_required(VERSION 3.25)

set(sanitize "")
if(SANITIZE)
    set(sanitize "-fsanitize=address,undefined")
endif()

function(run)
    cmake_parse_arguments(R "" "WHAT;EXPECT_OUTPUT" "COMMAND;ENV" ${ARGN})
    execute_process(COMMAND ${CMAKE_COMMAND} -E env ${R_ENV} ${R_COMMAND}
                    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${R_WHAT} failed (${rc}):\n${out}\n${err}")
    endif()
    if(R_EXPECT_OUTPUT AND NOT out MATCHES "${R_EXPECT_OUTPUT}")
        message(FATAL_ERROR "${R_WHAT}: output does not match '${R_EXPECT_OUTPUT}':\n${out}")
    endif()
    message(STATUS "${R_WHAT}: ok ${out}")
endfunction()

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

run(WHAT "install" COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix}
                                              --component tapi)
foreach(file include/tapi.h lib/libtapi.so lib/libtapi.so.2 lib/libtapi.so.2.2.0
             lib/libtsp_sim.so lib/libtsp_csta.so lib/pkgconfig/tapi.pc
             lib/cmake/Tapi/TapiConfig.cmake lib/cmake/Tapi/TapiConfigVersion.cmake)
    if(NOT EXISTS ${prefix}/${file})
        message(FATAL_ERROR "not installed: ${prefix}/${file}")
    endif()
endforeach()
file(READ_SYMLINK ${prefix}/lib/libtapi.so.2 soname_target)
if(NOT soname_target STREQUAL "libtapi.so.2.2.0")
    message(FATAL_ERROR "libtapi.so.2 points to '${soname_target}'")
endif()

# 1. pkg-config + cc
run(WHAT "pkg-config build"
    ENV PKG_CONFIG_PATH=${prefix}/lib/pkgconfig
    COMMAND sh -c "cc -std=c99 -Wall -Werror ${sanitize} -o '${WORK_DIR}/app' '${SOURCE}' $(pkg-config --cflags --libs tapi)")
run(WHAT "pkg-config program"
    ENV LD_LIBRARY_PATH=${prefix}/lib
    COMMAND ${WORK_DIR}/app
    EXPECT_OUTPUT "lineShutdown\\(0\\) returned 0x80000014 \\(LINEERR_INVALAPPHANDLE\\)")

# 1b. the documented agent example against the embedded demo engine (sim provider next to
#     the installed libtapi)
if(EXAMPLE)
    run(WHAT "example build"
        ENV PKG_CONFIG_PATH=${prefix}/lib/pkgconfig
        COMMAND sh -c "cc -std=c99 -Wall -Werror ${sanitize} -o '${WORK_DIR}/tapi_agent' '${EXAMPLE}' $(pkg-config --cflags --libs tapi)")
    run(WHAT "example program"
        ENV LD_LIBRARY_PATH=${prefix}/lib
        COMMAND ${WORK_DIR}/tapi_agent
        EXPECT_OUTPUT "answered call from 119 in queue sales")
endif()

# 2. find_package(Tapi)
set(consumer ${WORK_DIR}/consumer)
file(MAKE_DIRECTORY ${consumer})
configure_file(${SOURCE} ${consumer}/app.c COPYONLY)
file(WRITE ${consumer}/CMakeLists.txt [=[
cmake_minimum_required(VERSION 3.25)
project(tapi_consumer LANGUAGES C)
find_package(Tapi 2.2 REQUIRED)
add_executable(app app.c)
set_target_properties(app PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
target_compile_options(app PRIVATE -Wall -Werror)
target_link_libraries(app PRIVATE Tapi::tapi)
]=])
run(WHAT "find_package configure"
    COMMAND ${CMAKE_COMMAND} -S ${consumer} -B ${consumer}/build -G Ninja
            -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix} "-DCMAKE_C_FLAGS=${sanitize}")
run(WHAT "find_package build" COMMAND ${CMAKE_COMMAND} --build ${consumer}/build)
run(WHAT "find_package program"
    COMMAND ${consumer}/build/app
    EXPECT_OUTPUT "returned 0x80000014 \\(LINEERR_INVALAPPHANDLE\\)")
