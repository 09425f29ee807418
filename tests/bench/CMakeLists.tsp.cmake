# csta-bench: calls/s and request round trip through the csta provider and pbx-sim.
# Included by tests/bench/CMakeLists.txt; standalone (needs only the tsp-bridge targets).
find_package(Threads REQUIRED)
add_executable(csta-bench ${CMAKE_CURRENT_LIST_DIR}/tsp_csta_bench.cpp)
target_compile_options(csta-bench PRIVATE ${ACD_WARNING_FLAGS})
target_link_libraries(csta-bench PRIVATE acd::tsp_loader Threads::Threads)
target_compile_definitions(csta-bench PRIVATE
    TSP_CSTA_PATH="$<TARGET_FILE:tsp_csta>"
    PBX_SIM_PATH="$<TARGET_FILE:pbx-sim>")
add_dependencies(csta-bench tsp_csta pbx-sim)
