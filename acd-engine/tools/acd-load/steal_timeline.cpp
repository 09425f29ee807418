#include "steal_timeline.h"

#include <algorithm>

namespace acd::load {

QuietSamples samplesInQuietIntervals(const std::vector<StealReading> &readings,
                                     const std::vector<double> &endedAtMs,
                                     const std::vector<double> &samples, double maxSteal)
{
    QuietSamples quiet;
    if (readings.size() < 2)
        return quiet;
    quiet.intervals = readings.size() - 1;
    std::vector<bool> isQuiet(quiet.intervals);
    for (std::size_t i = 0; i < quiet.intervals; ++i) {
        isQuiet[i] = stealShare(readings[i].cpu, readings[i + 1].cpu) <= maxSteal
                     && readings[i + 1].cpu.total > readings[i].cpu.total;
        quiet.quietIntervals += isQuiet[i] ? 1 : 0;
    }
    const std::size_t n = std::min(endedAtMs.size(), samples.size());
    for (std::size_t s = 0; s < n; ++s) {
        // The interval [readings[i].atMs, readings[i + 1].atMs) the sample ended in.
        const auto next =
            std::upper_bound(readings.begin(), readings.end(), endedAtMs[s],
                             [](double at, const StealReading &r) { return at < r.atMs; });
        if (next == readings.begin() || next == readings.end())
            continue;
        if (isQuiet[static_cast<std::size_t>(next - readings.begin()) - 1])
            quiet.samples.push_back(samples[s]);
    }
    return quiet;
}

} // namespace acd::load
