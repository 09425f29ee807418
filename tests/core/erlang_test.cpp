// The queueing formulas against the published worked example (acd-domain.md section 5.3).
#include "core/erlang.h"

#include <gtest/gtest.h>

namespace acd::core::erlang {
namespace {

// 100 calls per 30 minutes, AHT 180 s: 10 Erlangs; 14 agents; target 20 s.
constexpr double kLoad = 10.0;
constexpr int kAgents = 14;
constexpr double kAht = 180.0;

TEST(ErlangTest, ProbabilityOfWaitingMatchesThePublishedExample)
{
    EXPECT_NEAR(probWait(kAgents, kLoad), 0.1741, 5e-5);
}

TEST(ErlangTest, ServiceLevelMatchesThePublishedExample)
{
    EXPECT_NEAR(serviceLevel(kAgents, kLoad, kAht, 20), 0.8884, 5e-5);
}

TEST(ErlangTest, MeanWaitIsCTimesAhtOverSpareAgents)
{
    EXPECT_NEAR(meanWait(kAgents, kLoad, kAht), 0.17413 * 180 / 4, 1e-3);
}

TEST(ErlangTest, OverloadedSystemAlwaysWaits)
{
    EXPECT_DOUBLE_EQ(probWait(10, 10.0), 1.0);
}

TEST(ErlangTest, ErlangAWithVeryPatientCallersApproachesErlangC)
{
    const ErlangA a = erlangA(kAgents, 1.0 / 18, kAht, 1e9);
    EXPECT_NEAR(a.probWait, probWait(kAgents, kLoad), 1e-6);
    EXPECT_NEAR(a.meanWaitAll, meanWait(kAgents, kLoad, kAht), 1e-4);
    EXPECT_NEAR(a.probAbandon, 0.0, 1e-6);
}

TEST(ErlangTest, ErlangAAbandonmentFollowsFromQueueLength)
{
    // theta * Lq / lambda: an identity of the model, checked on an overloaded system.
    const ErlangA a = erlangA(10, 0.07, 180, 60);
    EXPECT_GT(a.probAbandon, 0.0);
    EXPECT_NEAR(a.probAbandon, (1.0 / 60) * a.meanQueueLength / 0.07, 1e-12);
    EXPECT_LT(a.probWait, 1.0);
}

} // namespace
} // namespace acd::core::erlang
