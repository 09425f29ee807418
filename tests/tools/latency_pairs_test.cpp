// acd-load's pairing of a call's start (seen by a supervisor) and end (seen by its agent),
// which arrive on different threads in either order.
#include "latency_pairs.h"

#include <gtest/gtest.h>

#include <thread>

namespace acd::load::test {
namespace {

TEST(LatencyPairs, AnEndAfterItsStartGivesTheirDifference)
{
    LatencyPairs pairs;
    pairs.start(7, 1000.0);
    pairs.end(7, 1004.5);
    EXPECT_EQ(pairs.samples(), std::vector<double>{4.5});
    EXPECT_EQ(pairs.endedAt(), std::vector<double>{1004.5});
}

TEST(LatencyPairs, AnEndSeenBeforeItsStartIsPairedWhenTheStartComes)
{
    LatencyPairs pairs;
    pairs.end(7, 1004.5);
    EXPECT_TRUE(pairs.samples().empty());
    pairs.start(7, 1000.0);
    EXPECT_EQ(pairs.samples(), std::vector<double>{4.5});
}

TEST(LatencyPairs, AnEndAwaitsItsStartUntilTheStartComes)
{
    LatencyPairs pairs;
    pairs.start(1, 10.0);
    pairs.end(1, 11.0);
    pairs.end(2, 21.0);
    pairs.end(3, 31.0);
    EXPECT_EQ(pairs.endsAwaitingStart(), 2u);
    pairs.start(2, 20.0);
    EXPECT_EQ(pairs.endsAwaitingStart(), 1u);
    pairs.forget(3);
    EXPECT_EQ(pairs.endsAwaitingStart(), 0u);
}

TEST(LatencyPairs, AForgottenCallIsNotPairedLater)
{
    LatencyPairs pairs;
    pairs.start(7, 1000.0);
    pairs.forget(7);
    pairs.end(7, 1004.5);
    pairs.end(8, 1001.0);
    pairs.forget(8);
    pairs.start(8, 1000.0);
    EXPECT_TRUE(pairs.samples().empty());
}

TEST(LatencyPairs, ClearingTheSamplesKeepsTheCallsStillOpen)
{
    LatencyPairs pairs;
    pairs.start(1, 10.0);
    pairs.end(1, 11.0);
    pairs.start(2, 20.0);
    pairs.clearSamples();
    pairs.end(2, 23.0);
    EXPECT_EQ(pairs.samples(), std::vector<double>{3.0});
}

TEST(LatencyPairs, AnEndSeenBeforeTheWindowIsNotASampleOfItWhenItsStartComesLate)
{
    // The agent saw the call ring before the warm-up ended; the supervisor's stream, lagging,
    // brings the call's start after it: that call is not one of the window's offers.
    LatencyPairs pairs;
    pairs.end(1, 11.0);
    pairs.clearSamples();
    pairs.start(1, 10.0);
    pairs.start(2, 20.0);
    pairs.end(2, 23.0);
    EXPECT_EQ(pairs.samples(), std::vector<double>{3.0});
}

TEST(LatencyPairs, StartsAndEndsFromTwoThreadsAreAllPaired)
{
    LatencyPairs pairs;
    constexpr int kCalls = 20000;
    std::thread supervisor([&] {
        for (int call = 0; call < kCalls; ++call)
            pairs.start(static_cast<std::uint64_t>(call), 0.0);
    });
    for (int call = 0; call < kCalls; ++call)
        pairs.end(static_cast<std::uint64_t>(call), 2.0);
    supervisor.join();
    const std::vector<double> samples = pairs.samples();
    ASSERT_EQ(samples.size(), static_cast<std::size_t>(kCalls));
    for (double ms : samples)
        EXPECT_EQ(ms, 2.0);
}

} // namespace
} // namespace acd::load::test
