# Declarative wrappers so every module is built the same way.
#
#   acd_add_library(NAME ALIAS ns::name [SHARED] SOURCES ... [PUBLIC_INCLUDE dir...]
#                   [DEPS target...] [PRIVATE_DEPS target...])
#   acd_add_executable(NAME SOURCES ... [DEPS target...])
#   acd_add_test(NAME SOURCES ... [DEPS target...] [LABELS label...])
#
# Unknown arguments are a configure error, so a typo never silently drops a source.

set(ACD_WARNING_FLAGS -Wall -Wextra -Wnon-virtual-dtor
    $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local> $<$<CXX_COMPILER_ID:Clang>:-Wshadow>)

function(_acd_reject_unparsed prefix)
    if(${prefix}_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "unknown arguments: ${${prefix}_UNPARSED_ARGUMENTS}")
    endif()
endfunction()

function(acd_add_library name)
    cmake_parse_arguments(ARG "SHARED" "ALIAS" "SOURCES;PUBLIC_INCLUDE;DEPS;PRIVATE_DEPS" ${ARGN})
    _acd_reject_unparsed(ARG)
    if(ARG_SHARED)
        add_library(${name} SHARED ${ARG_SOURCES})
    else()
        add_library(${name} STATIC ${ARG_SOURCES})
    endif()
    if(ARG_ALIAS)
        add_library(${ARG_ALIAS} ALIAS ${name})
    endif()
    target_compile_options(${name} PRIVATE ${ACD_WARNING_FLAGS})
    if(ARG_PUBLIC_INCLUDE)
        target_include_directories(${name} PUBLIC ${ARG_PUBLIC_INCLUDE})
    endif()
    target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

function(acd_add_executable name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
    _acd_reject_unparsed(ARG)
    add_executable(${name} ${ARG_SOURCES})
    target_compile_options(${name} PRIVATE ${ACD_WARNING_FLAGS})
    target_link_libraries(${name} PRIVATE ${ARG_DEPS})
endfunction()

function(acd_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
    _acd_reject_unparsed(ARG)
    add_executable(${name} ${ARG_SOURCES})
    target_compile_options(${name} PRIVATE ${ACD_WARNING_FLAGS})
    target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
                         PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS "${ARG_LABELS}")
endfunction()
