// RoutingProbe: the core's routing index making decisions on its own, and the benchmark pair
// (routing/<agents> against naive_baseline/<agents>) making the same decisions.
#include "core_center.h"
#include "naive_router.h"
#include "workload.h"

#include "core/engine.h"
#include "core/routing_probe.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace acd::bench {
namespace {

using namespace acd::core;

constexpr TimeMs kNow = CoreCenter::kT0;

/// One group, skill 1, queue 10 (minimum level 1) and queue 20 (minimum level 6); agent 1
/// (level 5) and agent 2 (level 8) logged in and Ready in that order.
class SmallCenter : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(engine.addSkill({1, "billing"}).isOk());
        GroupConfig group{1, {}, "sales"};
        group.guid.bytes[0] = 1;
        ASSERT_TRUE(engine.addGroup(group).isOk());
        addQueue(10, 1);
        addQueue(20, 6);
        addReadyAgent(1, 5);
        addReadyAgent(2, 8);
    }

    void addQueue(QueueId id, int minLevel)
    {
        QueueConfig q;
        q.id = id;
        q.name = "queue";
        q.group = 1;
        q.skill = {1, minLevel};
        ASSERT_TRUE(engine.addQueue(q).isOk());
    }

    void addReadyAgent(AgentId id, int level)
    {
        AgentConfig a;
        a.id = id;
        a.skills = {{1, level}};
        ASSERT_TRUE(engine.addAgent(a).isOk());
        auto session = engine.createSession(id, 1, std::to_string(100 + id), kNow);
        ASSERT_TRUE(session.isOk());
        ASSERT_TRUE(
            engine.setSessionState(session.value(), SessionState::Ready, SessionState::None, kNow)
                .isOk());
        ASSERT_TRUE(
            engine.setAgentState(id, AgentStateEx::Ready, AgentStateEx::None, 0, kNow).isOk());
    }

    Engine engine;
};

TEST_F(SmallCenter, ACallGoesToTheLongestIdleQualifiedAgent)
{
    RoutingProbe probe(engine);
    EXPECT_EQ(probe.callArrives(10, 100), 1u);
    EXPECT_EQ(probe.callArrives(10, 101), 2u);
}

TEST_F(SmallCenter, ACallPassesOverAnIdleAgentBelowTheQueuesMinimumLevel)
{
    RoutingProbe probe(engine);
    EXPECT_EQ(probe.callArrives(20, 100), 2u);
    EXPECT_EQ(probe.callArrives(20, 101), 0u);
}

TEST_F(SmallCenter, AFreedAgentTakesTheMostUrgentThenTheLongestWaitingCall)
{
    RoutingProbe probe(engine);
    probe.callArrives(10, 100);
    probe.callArrives(10, 101);
    EXPECT_EQ(probe.callArrives(10, 102), 0u);
    EXPECT_EQ(probe.callArrives(10, 103), 0u);
    EXPECT_EQ(probe.callArrives(10, 104, 5), 0u);
    EXPECT_EQ(probe.agentFrees(1), 104u);
    EXPECT_EQ(probe.agentFrees(2), 102u);
    EXPECT_EQ(probe.agentFrees(1), 103u);
}

TEST_F(SmallCenter, AFreedAgentLeavesACallItIsNotSkilledEnoughFor)
{
    RoutingProbe probe(engine);
    probe.callArrives(10, 100);
    probe.callArrives(10, 101);
    EXPECT_EQ(probe.callArrives(20, 102), 0u);
    EXPECT_EQ(probe.agentFrees(1), 0u); // level 5 < 6: agent 1 goes idle, the call waits
    EXPECT_EQ(probe.agentFrees(2), 102u);
}

TEST_F(SmallCenter, AnAgentWhoWentIdleIsOfferedTheNextCall)
{
    RoutingProbe probe(engine);
    probe.callArrives(10, 100);
    probe.callArrives(10, 101);
    EXPECT_EQ(probe.agentFrees(2), 0u);
    EXPECT_EQ(probe.agentFrees(1), 0u);
    EXPECT_EQ(probe.callArrives(10, 102), 2u); // idle since before agent 1
}

TEST_F(SmallCenter, AnUnknownQueueOrAgentMakesNoDecision)
{
    RoutingProbe probe(engine);
    EXPECT_EQ(probe.callArrives(99, 100), 0u);
    EXPECT_EQ(probe.agentFrees(99), 0u);
    EXPECT_EQ(probe.callArrives(10, 101), 1u); // nothing changed
}

/// The benchmark's loop on both routers side by side, decision by decision: the index and
/// the scan pick the same agent for every arriving call and the same call for every freed
/// agent, so the pair measures two ways of making the same decisions.
TEST(RoutingBenchmarkPair, TheIndexAndTheScanningBaselineMakeTheSameDecisions)
{
    constexpr int kAgents = 300;
    Workload forIndex(kAgents);
    Workload forScan(kAgents);
    CoreCenter center(forIndex);
    RoutingProbe probe(center.engine());
    NaiveRouter scan = NaiveRouter::forWorkload(forScan);

    std::vector<std::pair<CallId, AgentId>> connected;
    CallId lastCall = 0;
    int offeredAtOnce = 0;
    int queued = 0;
    int takenFromQueue = 0;
    int wentIdle = 0;
    for (int step = 0; step < 20000; ++step) {
        const bool filling = connected.size() < kAgents * 95 / 100 && step < 2 * kAgents;
        const bool arrival = filling || step % 2 == 0 || connected.empty();
        if (arrival) {
            const CallId call = ++lastCall;
            const int queue = forIndex.pickQueue();
            ASSERT_EQ(forScan.pickQueue(), queue);
            const AgentId byIndex = probe.callArrives(static_cast<QueueId>(queue + 1), call);
            const int byScan = scan.arrive(call, static_cast<std::uint32_t>(queue), 1, step);
            ASSERT_EQ(byIndex, static_cast<AgentId>(byScan + 1)) << "call " << call;
            if (byIndex != 0) {
                connected.emplace_back(call, byIndex);
                ++offeredAtOnce;
            } else {
                ++queued;
            }
        } else {
            const std::size_t i = forIndex.rng() % connected.size();
            const AgentId agent = connected[i].second;
            connected[i] = connected.back();
            connected.pop_back();
            const CallId byIndex = probe.agentFrees(agent);
            const CallId byScan = scan.agentFree(agent - 1, step);
            ASSERT_EQ(byIndex, byScan) << "agent " << agent;
            if (byIndex != 0) {
                connected.emplace_back(byIndex, agent);
                ++takenFromQueue;
            } else {
                ++wentIdle;
            }
        }
    }
    // Both kinds of decision found and missed candidates.
    EXPECT_GT(offeredAtOnce, 1000);
    EXPECT_GT(queued, 1000);
    EXPECT_GT(takenFromQueue, 1000);
    EXPECT_GT(wentIdle, 1000);
}

} // namespace
} // namespace acd::bench
