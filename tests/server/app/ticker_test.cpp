// The engine service's ticker: when its next tick is due.
#include "ticker.h"

#include <gtest/gtest.h>

namespace acd::server {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

const Clock::time_point kT0{milliseconds(1'000'000)};

TEST(TickerSchedule, AnOnTimeTickIsFollowedOnePeriodAfterIt)
{
    EXPECT_EQ(nextTickAfter(kT0, kT0 + milliseconds(3), milliseconds(20)), kT0 + milliseconds(20));
}

TEST(TickerSchedule, ATickLateByLessThanAPeriodKeepsTheGrid)
{
    EXPECT_EQ(nextTickAfter(kT0, kT0 + milliseconds(19), milliseconds(20)), kT0 + milliseconds(20));
}

TEST(TickerSchedule, TicksMissedDuringAStallAreSkippedNotFiredBackToBack)
{
    // The callback (or the VM) stalled 95 ms: the ticks due at 20, 40, 60 and 80 ms are gone;
    // the next is the grid's 100 ms.
    EXPECT_EQ(nextTickAfter(kT0, kT0 + milliseconds(95), milliseconds(20)),
              kT0 + milliseconds(100));
}

TEST(TickerSchedule, ATickDueExactlyNowIsSkippedToTheNextOne)
{
    EXPECT_EQ(nextTickAfter(kT0, kT0 + milliseconds(40), milliseconds(20)), kT0 + milliseconds(60));
}

} // namespace
} // namespace acd::server
