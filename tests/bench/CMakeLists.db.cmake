# db benchmarks (issue 5): writer ingest rate and report queries over 1,000,000 calls.
# Included by tests/bench/CMakeLists.txt. Figures and commands: docs/benchmarks.md.
find_package(benchmark REQUIRED)
acd_add_executable(db-bench
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/db_bench.cpp
    DEPS acd::db acd::core benchmark::benchmark)
