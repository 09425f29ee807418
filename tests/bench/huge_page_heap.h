#pragma once
// Runs the benchmark on glibc's huge-page heap, as the engine runs in production (its systemd
// unit sets GLIBC_TUNABLES=glibc.malloc.hugetlb=1; docs/operations.md). At 10,000 agents the
// core's tables are tens of MB: with 4-KiB pages most of its cache misses also miss the TLB.

namespace acd::bench {

/// Unless GLIBC_TUNABLES already names the setting, sets it and re-executes this program with
/// the same arguments (glibc reads tunables only at start). Returns if re-executing failed.
void reexecWithHugePageHeap(char **argv);

} // namespace acd::bench
