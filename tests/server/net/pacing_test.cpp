// Where paced writes and pings fall: within their period, on the connection's own grid, and
// spread over connections.
#include "pacing.h"

#include <gtest/gtest.h>

#include <set>

namespace acd::net::detail::test {
namespace {

using std::chrono::milliseconds;

TEST(Pacing, ConsecutiveConnectionsTakeEveryOffsetOfAShortPeriod)
{
    std::set<long long> offsets;
    for (std::uint64_t id = 16; id < 116; ++id) {
        const milliseconds offset = spreadOffset(id, milliseconds(10));
        EXPECT_GE(offset.count(), 0);
        EXPECT_LT(offset.count(), 10);
        offsets.insert(offset.count());
    }
    EXPECT_EQ(offsets.size(), 10u); // a hundred supervisors: ten in each millisecond
}

TEST(Pacing, NoPeriodMeansNoOffset)
{
    EXPECT_EQ(spreadOffset(12345, milliseconds(0)).count(), 0);
}

TEST(Pacing, TheFirstPingComesAfterHalfAPeriodToAPeriod)
{
    for (std::uint64_t id = 16; id < 1016; ++id) {
        const milliseconds phase = pingPhase(id, milliseconds(15000));
        EXPECT_GE(phase.count(), 0);
        EXPECT_LT(phase.count(), 7500) << id;
    }
}

TEST(Pacing, TheNextSlotIsLaterThanNowOnTheConnectionsGridWithinOneInterval)
{
    const PacingClock::time_point now{milliseconds(1'000'003)};
    const PacingClock::time_point slot = nextSlot(now, milliseconds(10), milliseconds(7));
    EXPECT_EQ(slot, PacingClock::time_point{milliseconds(1'000'007)});
    // Exactly on a slot: the next one.
    EXPECT_EQ(nextSlot(slot, milliseconds(10), milliseconds(7)),
              PacingClock::time_point{milliseconds(1'000'017)});
}

} // namespace
} // namespace acd::net::detail::test
