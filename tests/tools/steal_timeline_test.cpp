// acd-load's split of a run's latencies by the hypervisor's steal time, second by second.
#include "steal_timeline.h"

#include <gtest/gtest.h>

namespace acd::load {
namespace {

/// Readings 1 s apart from t = 1000 ms; each interval 1000 ticks, `stolen[i]` of them stolen.
std::vector<StealReading> readingsStealing(const std::vector<unsigned long long> &stolen)
{
    std::vector<StealReading> readings{{1000, {0, 0}}};
    for (unsigned long long s : stolen) {
        const StealReading &last = readings.back();
        readings.push_back({last.atMs + 1000, {last.cpu.total + 1000, last.cpu.steal + s}});
    }
    return readings;
}

TEST(StealTimeline, OnlySamplesEndingInIntervalsWithLittleStealAreKept)
{
    // Intervals: [1000,2000) 1 % stolen, [2000,3000) 30 %, [3000,4000) 2 %.
    const auto readings = readingsStealing({10, 300, 20});
    const QuietSamples quiet = samplesInQuietIntervals(
        readings, {1500, 1999, 2000, 2500, 3000, 3999}, {1, 2, 3, 4, 5, 6}, 0.02);
    EXPECT_EQ(quiet.intervals, 3u);
    EXPECT_EQ(quiet.quietIntervals, 2u);
    EXPECT_EQ(quiet.samples, (std::vector<double>{1, 2, 5, 6}));
}

TEST(StealTimeline, SamplesBeforeTheFirstOrFromTheLastReadingOnAreLeftOut)
{
    const auto readings = readingsStealing({0});
    const QuietSamples quiet =
        samplesInQuietIntervals(readings, {999, 1000, 2000, 2500}, {1, 2, 3, 4}, 0.02);
    EXPECT_EQ(quiet.samples, (std::vector<double>{2}));
}

TEST(StealTimeline, FewerThanTwoReadingsGiveNoIntervals)
{
    const QuietSamples quiet =
        samplesInQuietIntervals(readingsStealing({}), {1000, 1500}, {1, 2}, 0.02);
    EXPECT_EQ(quiet.intervals, 0u);
    EXPECT_TRUE(quiet.samples.empty());
}

TEST(StealTimeline, AnIntervalWithoutCpuTimeIsNotQuiet)
{
    std::vector<StealReading> readings{{1000, {500, 0}}, {2000, {500, 0}}}; // counters unread
    const QuietSamples quiet = samplesInQuietIntervals(readings, {1500}, {1}, 0.02);
    EXPECT_EQ(quiet.quietIntervals, 0u);
    EXPECT_TRUE(quiet.samples.empty());
}

} // namespace
} // namespace acd::load
