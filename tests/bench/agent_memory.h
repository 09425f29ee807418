#pragma once
// Heap bytes per logged-in Ready agent of the benchmark's center (10 skills each, a session in
// one of four groups, 2,000 queues), beyond what the same center costs without agents: the
// figure of acd-bench's memory/<agents> and of memory_budget_test. Counted by the binary's
// replacement operator new (alloc_counter.cpp), which the caller links.
namespace acd::bench {

double heapBytesPerAgent(int agents);

} // namespace acd::bench
