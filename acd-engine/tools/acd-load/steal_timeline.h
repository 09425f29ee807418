#pragma once
// The hypervisor's steal time second by second over a run, to tell the latencies of the
// seconds the host left this VM alone from those of the seconds it did not: on a shared VM
// the whole run's p99 follows the other tenants as much as the code.
#include "host_steal.h"

#include <cstddef>
#include <vector>

namespace acd::load {

/// Readings of the machine's CPU times and when each was taken (ms since the epoch), in
/// time order.
struct StealReading {
    double atMs = 0;
    MachineCpu cpu;
};

/// The samples whose span ended inside an interval between two consecutive readings in which
/// the hypervisor stole at most `maxSteal` (0..1) of the CPU time.
struct QuietSamples {
    std::size_t intervals = 0;      ///< intervals between readings
    std::size_t quietIntervals = 0; ///< of those, with steal <= maxSteal
    std::vector<double> samples;    ///< the samples that ended in a quiet interval
};

/// `endedAtMs[i]` is when `samples[i]` ended; samples outside every interval are left out.
QuietSamples samplesInQuietIntervals(const std::vector<StealReading> &readings,
                                     const std::vector<double> &endedAtMs,
                                     const std::vector<double> &samples, double maxSteal);

} // namespace acd::load
