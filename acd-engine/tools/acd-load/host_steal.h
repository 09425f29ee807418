#pragma once
// How much CPU time the hypervisor gave to other tenants during a run (the guest's "steal"
// time in /proc/stat). On a shared VM it explains runs whose latencies move while the code
// does not, so acd-load reports it with every run.
#include <string>
#include <string_view>

namespace acd::load {

/// The machine's CPU time (all states, all CPUs) and the stolen part, in clock ticks.
struct MachineCpu {
    unsigned long long total = 0;
    unsigned long long steal = 0;
};

/// From the text of /proc/stat (its first line, "cpu  user nice system idle iowait irq softirq
/// steal ..."); zeros when the line is missing or malformed.
MachineCpu parseMachineCpu(std::string_view procStat);
/// Reads /proc/stat (or another file of that format).
MachineCpu readMachineCpu(const std::string &path = "/proc/stat");
/// Stolen share (0..1) of all CPU time between two readings; 0 when no time passed.
double stealShare(const MachineCpu &before, const MachineCpu &after);

} // namespace acd::load
