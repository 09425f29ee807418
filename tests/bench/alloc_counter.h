#pragma once
// Counts bytes allocated through operator new in this process (the benchmark binary
// replaces the global operator new/delete), to report memory per agent and per call.
#include <cstddef>

namespace acd::bench {
/// Bytes allocated and not yet freed while counting was on.
std::size_t liveHeapBytes();
/// Counting costs a malloc_usable_size() per allocation: on only in the memory benchmark.
void setHeapCounting(bool on);
} // namespace acd::bench
