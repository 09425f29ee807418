// Which agent gets which call: strategies, priorities, greatest need, skill levels.
#include "core_fixture.h"

#include <functional>

namespace acd::core::test {
namespace {

class RoutingTest : public CoreTest {
protected:
    /// Staffs agent `id` Ready in kGroup with a second session in kOtherGroup, Ready or Not
    /// Ready; returns the second session.
    SessionId staffInTwoGroups(AgentId id, SessionState second)
    {
        addAgent(id);
        const SessionId front = login(id, kGroup);
        const SessionId back = login(id, kOtherGroup);
        EXPECT_TRUE(setSession(front, SessionState::Ready));
        if (second != SessionState::NotReady) {
            EXPECT_TRUE(setSession(back, second));
        }
        ready(id);
        return back;
    }

    /// With agent 1 idle since now (staffed by the caller): agent 2 goes idle a second later,
    /// `change` happens a second after that; returns whom the next sales call is offered to.
    AgentId firstInLineAfter(const std::function<void()> &change)
    {
        at(1);
        staff(2);
        at(2);
        change();
        EXPECT_TRUE(arrive(500));
        return offeredTo(500);
    }

    /// The agent offered `handled` answers it and hangs up 10 s on; whom call `next` goes to.
    AgentId offeredNextAfterHandling(CallId handled, CallId next)
    {
        answer(handled);
        at(10);
        clear(handled);
        EXPECT_TRUE(arrive(next));
        return offeredTo(next);
    }

    Status setSession(SessionId s, SessionState state)
    {
        return engine.setSessionState(s, state, SessionState::None, now);
    }
};

TEST_F(RoutingTest, CallArrivingWhileAnAgentIsIdleIsOfferedToThatAgentAtOnce)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    EXPECT_EQ(offeredTo(500), 1u);
    EXPECT_EQ(agent(1).activity, AgentActivity::Ringing);
    EXPECT_EQ(agent(1).state, AgentStateEx::BusyAcd);
}

TEST_F(RoutingTest, OfferNamesTheStationOfTheAgentsSession)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    const auto offers = all<OfferCall>();
    ASSERT_EQ(offers.size(), 1u);
    EXPECT_EQ(offers[0].station, "st1");
    EXPECT_EQ(offers[0].queue, kSalesQueue);
}

TEST_F(RoutingTest, CallArrivingWithNoIdleAgentWaitsInQueue)
{
    addAgent(1);
    login(1); // logged in but Not Ready
    ASSERT_TRUE(arrive(500));
    EXPECT_EQ(offeredTo(500), 0u);
    EXPECT_EQ(queue(kSalesQueue).waiting, 1);
}

TEST_F(RoutingTest, LongestIdleAgentIsChosenByDefault)
{
    staff(1);
    at(1);
    staff(2);
    at(2);
    staff(3);
    ASSERT_TRUE(arrive(500));
    EXPECT_EQ(offeredTo(500), 1u);
    ASSERT_TRUE(arrive(501));
    EXPECT_EQ(offeredTo(501), 2u);
}

TEST_F(RoutingTest, AgentReturningFromNotReadyGoesToTheBackOfTheIdleLine)
{
    staff(1);
    staff(2);
    ASSERT_TRUE(engine.setAgentState(1, AgentStateEx::NotReady, AgentStateEx::None, 0, now));
    at(5);
    ready(1);
    ASSERT_TRUE(arrive(500));
    EXPECT_EQ(offeredTo(500), 2u);
}

// A change to an idle agent's sessions or skills does not start a new idle period: the agent
// keeps its place in the longest-idle order (it used to go to the back of the line). Agent 1
// goes idle first, agent 2 a second later, then agent 1's sessions or skills change.
TEST_F(RoutingTest, AnIdleAgentWhoseSecondSessionBecomesReadyKeepsItsPlace)
{
    const SessionId back = staffInTwoGroups(1, SessionState::NotReady);
    EXPECT_EQ(firstInLineAfter([&] { ASSERT_TRUE(setSession(back, SessionState::Ready)); }), 1u);
}

TEST_F(RoutingTest, AnIdleAgentWhoseOtherSessionGoesNotReadyKeepsItsPlace)
{
    const SessionId back = staffInTwoGroups(1, SessionState::Ready);
    EXPECT_EQ(firstInLineAfter([&] { ASSERT_TRUE(setSession(back, SessionState::NotReady)); }), 1u);
}

TEST_F(RoutingTest, AnIdleAgentWhoseOtherSessionEndsKeepsItsPlace)
{
    const SessionId back = staffInTwoGroups(1, SessionState::NotReady);
    EXPECT_EQ(firstInLineAfter([&] { ASSERT_TRUE(engine.endSession(back, now)); }), 1u);
}

TEST_F(RoutingTest, AnIdleAgentWhoseSkillsChangeKeepsItsPlace)
{
    staff(1);
    EXPECT_EQ(
        firstInLineAfter([&] {
            ASSERT_TRUE(engine.setAgentSkills(1, {{kSales, 7}, {kSupport, 5}, {kSpanish, 3}}));
        }),
        1u);
}

TEST_F(RoutingTest, AKeptPlaceIsAmongTheAgentsWhoWentIdleBeforeAndAfterIt)
{
    staff(1);
    at(1);
    const SessionId back = staffInTwoGroups(2, SessionState::Ready);
    at(2);
    staff(3);
    at(3);
    ASSERT_TRUE(setSession(back, SessionState::NotReady));
    ASSERT_TRUE(setSession(back, SessionState::Ready));
    for (CallId c = 500; c < 503; ++c)
        ASSERT_TRUE(arrive(c));
    EXPECT_EQ(offeredTo(500), 1u);
    EXPECT_EQ(offeredTo(501), 2u);
    EXPECT_EQ(offeredTo(502), 3u);
}

TEST_F(RoutingTest, AnIdleAgentWhoseOnlySessionGoesNotReadyAndBackGoesToTheBackOfTheLine)
{
    // No queue could reach it meanwhile: as if the agent had gone Not Ready.
    staff(1);
    const SessionId s1 = engine.sessionsOf(1).front();
    EXPECT_EQ(firstInLineAfter([&] {
                  ASSERT_TRUE(setSession(s1, SessionState::NotReady));
                  ASSERT_TRUE(setSession(s1, SessionState::Ready));
              }),
              2u);
}

TEST_F(RoutingTest, AnAgentAvailableWithNoReadySessionQueuesBehindAgentsAlreadyIdle)
{
    // Agent 1 was Ready first but no queue could reach it: its idle period starts when its
    // session becomes Ready, behind agent 2.
    addAgent(1);
    const SessionId s1 = login(1, kGroup);
    ready(1);
    EXPECT_EQ(firstInLineAfter([&] { ASSERT_TRUE(setSession(s1, SessionState::Ready)); }), 2u);
}

TEST_F(RoutingTest, AnAgentWhoKeptItsPlaceGoesToTheBackOfTheLineAfterItsNextCall)
{
    const SessionId back = staffInTwoGroups(1, SessionState::NotReady);
    ASSERT_EQ(firstInLineAfter([&] { ASSERT_TRUE(setSession(back, SessionState::Ready)); }), 1u);
    EXPECT_EQ(offeredNextAfterHandling(500, 501), 2u);
}

TEST_F(RoutingTest, AnAgentWhoseSessionChangeBringsAWaitingCallStartsANewIdlePeriodAfterIt)
{
    // The back office call waits; agent 1's back-office session becoming Ready gives it that
    // call at once instead of putting it back in its place, so after the call agent 1 is
    // behind agent 2.
    ASSERT_TRUE(engine.addQueue(queueConfig(300, "back", kSales, kOtherGroup)));
    const SessionId back = staffInTwoGroups(1, SessionState::NotReady);
    ASSERT_TRUE(arrive(499, 300));
    at(1);
    staff(2);
    at(2);
    ASSERT_TRUE(setSession(back, SessionState::Ready));
    ASSERT_EQ(offeredTo(499), 1u);
    EXPECT_EQ(offeredNextAfterHandling(499, 500), 2u);
}

TEST_F(RoutingTest, MostSkilledPicksTheHighestLevelThenTheLongestIdle)
{
    QueueConfig q = queueConfig(300, "vip", kSpanish);
    q.strategy = Strategy::MostSkilled;
    ASSERT_TRUE(engine.addQueue(q));
    staff(1, {{kSpanish, 8}});
    staff(2, {{kSpanish, 12}});
    staff(3, {{kSpanish, 12}});
    ASSERT_TRUE(arrive(500, 300));
    EXPECT_EQ(offeredTo(500), 2u);
    ASSERT_TRUE(arrive(501, 300));
    EXPECT_EQ(offeredTo(501), 3u);
    ASSERT_TRUE(arrive(502, 300));
    EXPECT_EQ(offeredTo(502), 1u);
}

TEST_F(RoutingTest, FewestCallsPicksTheAgentWhoAnsweredFewestCallsSinceLogin)
{
    QueueConfig q = queueConfig(300, "fair", kSpanish);
    q.strategy = Strategy::FewestCalls;
    ASSERT_TRUE(engine.addQueue(q));
    staff(1, {{kSpanish, 5}});
    staff(2, {{kSpanish, 5}});
    ASSERT_TRUE(arrive(500, 300));
    ASSERT_EQ(offeredTo(500), 1u);
    answer(500);
    clear(500); // agent 1: one call
    at(10);
    // Agent 2 takes a break and comes back: agent 1 is now the longest idle.
    ASSERT_TRUE(engine.setAgentState(2, AgentStateEx::NotReady, AgentStateEx::None, 0, now));
    ready(2);
    ASSERT_TRUE(arrive(501, 300));
    EXPECT_EQ(offeredTo(501), 2u);
}

TEST_F(RoutingTest, RoundRobinPicksTheAgentLeastRecentlyOffered)
{
    QueueConfig q = queueConfig(300, "rr", kSpanish);
    q.strategy = Strategy::RoundRobin;
    ASSERT_TRUE(engine.addQueue(q));
    staff(1, {{kSpanish, 5}});
    staff(2, {{kSpanish, 5}});
    staff(3, {{kSpanish, 5}});
    ASSERT_TRUE(arrive(500, 300));
    ASSERT_EQ(offeredTo(500), 1u);
    answer(500);
    clear(500); // agent 1 idle again, most recently offered
    ASSERT_TRUE(arrive(501, 300));
    EXPECT_EQ(offeredTo(501), 2u);
    ASSERT_TRUE(arrive(502, 300));
    EXPECT_EQ(offeredTo(502), 3u);
}

TEST_F(RoutingTest, LeastOccupiedPicksTheLowestOccupancyMeasuredWhenAgentsBecameAvailable)
{
    QueueConfig q = queueConfig(300, "loa", kSpanish);
    q.strategy = Strategy::LeastOccupied;
    ASSERT_TRUE(engine.addQueue(q));
    staff(1, {{kSpanish, 5}});
    staff(2, {{kSpanish, 5}});
    ASSERT_TRUE(arrive(500, 300));
    ASSERT_EQ(offeredTo(500), 1u);
    answer(500);
    at(100);
    clear(500); // agent 1 available again at 100 s, occupancy then 100 %
    at(110);
    ASSERT_TRUE(arrive(501, 300));
    ASSERT_EQ(offeredTo(501), 2u); // agent 2: 0 %
    answer(501);
    at(400);
    clear(501); // agent 2 available again at 400 s, occupancy then 290/400 = 72.5 %
    // Longest idle would pick agent 1 (idle since 100 s); least occupied picks agent 2.
    ASSERT_TRUE(arrive(502, 300));
    EXPECT_EQ(offeredTo(502), 2u);
}

TEST_F(RoutingTest, RandomStrategyMakesTheSameChoicesForTheSameSeed)
{
    auto choices = [](std::uint64_t seed) {
        EngineConfig cfg;
        cfg.randomSeed = seed;
        Engine e(cfg);
        e.addSkill({1, "s"});
        e.addGroup({1, {}, "g"});
        QueueConfig q = queueConfig(1, "q", 1, 1);
        q.strategy = Strategy::Random;
        e.addQueue(q);
        for (AgentId a = 1; a <= 20; ++a) {
            e.addAgent({a, "a", "", {{1, 1}}});
            auto s = e.createSession(a, 1, std::to_string(a), kT0);
            e.setSessionState(s.value(), SessionState::Ready, SessionState::None, kT0);
            e.setAgentState(a, AgentStateEx::Ready, AgentStateEx::None, 0, kT0);
        }
        std::vector<AgentId> picked;
        for (CallId c = 1; c <= 10; ++c) {
            e.callArrived(CallArrival{c, 1, "", "", 1, {}, {}}, kT0);
            std::vector<Effect> fx;
            e.takeEffects(fx);
            for (const Effect &f : fx) {
                if (auto *o = std::get_if<OfferCall>(&f.body))
                    picked.push_back(o->agent);
            }
        }
        return picked;
    };
    const auto a = choices(7);
    EXPECT_EQ(a.size(), 10u);
    EXPECT_EQ(a, choices(7));
    EXPECT_NE(a, choices(8));
}

TEST_F(RoutingTest, ReadyAgentTakesTheHighestPriorityCallFirst)
{
    addAgent(1);
    const SessionId s = login(1);
    ASSERT_TRUE(engine.setSessionState(s, SessionState::Ready, SessionState::None, now));
    ASSERT_TRUE(arrive(500, kSalesQueue, 1));
    at(1);
    ASSERT_TRUE(arrive(501, kSalesQueue, 5));
    at(2);
    ready(1);
    EXPECT_EQ(all<OfferCall>().at(0).call, 501u);
}

TEST_F(RoutingTest, ReadyAgentTakesTheOldestCallAcrossAllItsQueues)
{
    addAgent(1);
    const SessionId s = login(1);
    ASSERT_TRUE(engine.setSessionState(s, SessionState::Ready, SessionState::None, now));
    ASSERT_TRUE(arrive(500, kSupportQueue));
    at(1);
    ASSERT_TRUE(arrive(501, kSalesQueue));
    at(2);
    ready(1);
    EXPECT_EQ(all<OfferCall>().at(0).call, 500u);
}

TEST_F(RoutingTest, AgentBelowTheQueuesMinimumLevelIsNotOffered)
{
    QueueConfig q = queueConfig(300, "experts", kSpanish);
    q.skill.minLevel = 10;
    ASSERT_TRUE(engine.addQueue(q));
    staff(1, {{kSpanish, 9}});
    ASSERT_TRUE(arrive(500, 300));
    EXPECT_EQ(offeredTo(500), 0u);
    staff(2, {{kSpanish, 10}});
    EXPECT_EQ(offeredTo(500), 2u);
}

TEST_F(RoutingTest, ExtraSkillRequirementOfACallFiltersAgents)
{
    staff(1, {{kSales, 5}});
    staff(2, {{kSales, 5}, {kSpanish, 3}});
    CallArrival c{500, kSalesQueue, "1", "2", 1, {}, {{kSpanish, 2}}};
    ASSERT_TRUE(engine.callArrived(c, now));
    EXPECT_EQ(offeredTo(500), 2u);
}

TEST_F(RoutingTest, AgentWithoutTheQueuesSkillIsNeverOffered)
{
    staff(1, {{kSupport, 16}});
    ASSERT_TRUE(arrive(500, kSalesQueue));
    EXPECT_EQ(offeredTo(500), 0u);
}

TEST_F(RoutingTest, AgentLoggedInToAnotherGroupDoesNotServeTheQueue)
{
    staff(1, {{kSales, 5}}, kOtherGroup);
    ASSERT_TRUE(arrive(500, kSalesQueue));
    EXPECT_EQ(offeredTo(500), 0u);
}

TEST_F(RoutingTest, SessionNotReadyKeepsTheAgentOutOfThatGroupOnly)
{
    QueueConfig back = queueConfig(300, "back", kSales, kOtherGroup);
    ASSERT_TRUE(engine.addQueue(back));
    addAgent(1, {{kSales, 5}});
    const SessionId s1 = login(1, kGroup);
    const SessionId s2 = login(1, kOtherGroup);
    ASSERT_TRUE(engine.setSessionState(s2, SessionState::Ready, SessionState::None, now));
    ready(1);
    (void)s1; // s1 stays Not Ready
    ASSERT_TRUE(arrive(500, kSalesQueue));
    EXPECT_EQ(offeredTo(500), 0u);
    ASSERT_TRUE(arrive(501, 300));
    EXPECT_EQ(offeredTo(501), 1u);
}

TEST_F(RoutingTest, AnAgentIsOfferedOnlyOneCallAtATime)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    ASSERT_TRUE(arrive(501));
    EXPECT_EQ(offeredTo(500), 1u);
    EXPECT_EQ(offeredTo(501), 0u);
    EXPECT_EQ(queue(kSalesQueue).waiting, 1);
    EXPECT_EQ(queue(kSalesQueue).ringing, 1);
}

TEST_F(RoutingTest, AgentFinishingACallTakesTheNextWaitingCall)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    ASSERT_TRUE(arrive(501));
    answer(500);
    at(30);
    clear(500);
    EXPECT_EQ(offeredTo(501), 1u);
}

} // namespace
} // namespace acd::core::test

namespace acd::core::test {
namespace {

class IdleIndexTest : public CoreTest {};

// Regression guard for lazy idle-list removal: an agent taken for sales leaves a stale entry
// in the support list every time; thousands of them must be compacted away without
// disturbing the longest-idle order.
TEST_F(IdleIndexTest, ManyStaleIdleEntriesAreCompactedWithoutChangingTheOrder)
{
    staff(2, {{kSupport, 5}});
    at(1);
    staff(1, {{kSales, 5}, {kSupport, 5}});
    for (CallId c = 1; c <= 6000; ++c) {
        ASSERT_TRUE(arrive(c, kSalesQueue));
        answer(c);
        clear(c);
    }
    effects.clear();
    ASSERT_TRUE(arrive(9001, kSupportQueue));
    EXPECT_EQ(offeredTo(9001), 2u);
    ASSERT_TRUE(arrive(9002, kSupportQueue));
    EXPECT_EQ(offeredTo(9002), 1u);
    ASSERT_TRUE(arrive(9003, kSupportQueue));
    EXPECT_EQ(offeredTo(9003), 0u);
}

} // namespace
} // namespace acd::core::test
