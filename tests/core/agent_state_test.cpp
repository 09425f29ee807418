// Agent status versus engine activity, the TAPI state/next-state model, sessions, forced
// changes, wrap-up and ring-no-answer.
#include "core_fixture.h"

namespace acd::core::test {
namespace {

class AgentStateTest : public CoreTest {
protected:
    AgentStateTest()
        : CoreTest(configWithReasons())
    {}
    static EngineConfig configWithReasons()
    {
        EngineConfig c;
        c.reasonCodes[1] = "Break";
        c.reasonCodes[2] = "Lunch";
        return c;
    }
};

TEST_F(AgentStateTest, FirstSessionLogsTheAgentInNotReady)
{
    addAgent(1);
    login(1);
    EXPECT_EQ(agent(1).state, AgentStateEx::NotReady);
    EXPECT_EQ(agent(1).activity, AgentActivity::NotReady);
    const auto sessions = all<SessionStarted>();
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_EQ(sessions[0].station, "st1");
    EXPECT_EQ(sessions[0].group, kGroup);
}

TEST_F(AgentStateTest, AgentCannotHaveTwoSessionsInTheSameGroup)
{
    addAgent(1);
    login(1);
    auto again = engine.createSession(1, kGroup, "st9", now);
    EXPECT_EQ(again.status().code(), ErrorCode::DuplicateId);
}

TEST_F(AgentStateTest, NotReadyCarriesItsReasonCode)
{
    staff(1);
    ASSERT_TRUE(engine.setAgentState(1, AgentStateEx::NotReady, AgentStateEx::None, 2, now));
    EXPECT_EQ(agent(1).state, AgentStateEx::NotReady);
    EXPECT_EQ(agent(1).reason, 2u);
    const auto changes = all<AgentStateChanged>();
    EXPECT_EQ(changes.back().reason, 2u);
    EXPECT_EQ(changes.back().oldState, AgentStateEx::Ready);
}

TEST_F(AgentStateTest, NotReadyAgentIsNotOfferedCalls)
{
    staff(1);
    ASSERT_TRUE(engine.setAgentState(1, AgentStateEx::NotReady, AgentStateEx::None, 1, now));
    ASSERT_TRUE(arrive(500));
    EXPECT_EQ(offeredTo(500), 0u);
}

TEST_F(AgentStateTest, SessionStatesFollowTheAgentThroughACall)
{
    staff(1);
    drain();
    effects.clear();
    ASSERT_TRUE(arrive(500));
    answer(500);
    clear(500);
    std::vector<SessionState> seen;
    for (const auto &s : all<SessionStateChanged>())
        seen.push_back(s.state);
    EXPECT_EQ(seen, (std::vector<SessionState>{SessionState::BusyOnCall, SessionState::Ready}));
}

TEST_F(AgentStateTest, ActivityGoesRingingOnCallWrapUpAvailable)
{
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
    q.wrapUpSeconds = 30;
    ASSERT_TRUE(engine.updateQueue(q));
    staff(1);
    drain();
    effects.clear();
    ASSERT_TRUE(arrive(500));
    answer(500);
    at(60);
    clear(500);
    at(90);
    std::vector<AgentActivity> seen;
    for (const auto &s : all<AgentStateChanged>())
        seen.push_back(s.activity);
    EXPECT_EQ(seen, (std::vector<AgentActivity>{AgentActivity::Ringing, AgentActivity::OnCall,
                                                AgentActivity::WrapUp, AgentActivity::Available}));
}

TEST_F(AgentStateTest, WrapUpEndsAfterTheQueuesWrapUpTime)
{
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
    q.wrapUpSeconds = 30;
    ASSERT_TRUE(engine.updateQueue(q));
    staff(1);
    ASSERT_TRUE(arrive(500));
    answer(500);
    at(10);
    clear(500);
    at(39.999);
    EXPECT_EQ(agent(1).activity, AgentActivity::WrapUp);
    at(40);
    EXPECT_EQ(agent(1).activity, AgentActivity::Available);
    EXPECT_EQ(all<WrapUpEnded>().back().wrapMs, 30000);
}

TEST_F(AgentStateTest, AgentCanEndWrapUpEarly)
{
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
    q.wrapUpSeconds = 30;
    ASSERT_TRUE(engine.updateQueue(q));
    staff(1);
    ASSERT_TRUE(arrive(500));
    answer(500);
    at(10);
    clear(500);
    at(15);
    ASSERT_TRUE(engine.endWrapUp(1, now));
    EXPECT_EQ(agent(1).activity, AgentActivity::Available);
    EXPECT_EQ(all<WrapUpEnded>().back().wrapMs, 5000);
}

TEST_F(AgentStateTest, WaitingCallIsOfferedTheMomentWrapUpEnds)
{
    QueueConfig q = queueConfig(kSalesQueue, "sales", kSales);
    q.wrapUpSeconds = 30;
    ASSERT_TRUE(engine.updateQueue(q));
    staff(1);
    ASSERT_TRUE(arrive(500));
    answer(500);
    ASSERT_TRUE(arrive(501));
    at(10);
    clear(500);
    at(40);
    EXPECT_EQ(offeredTo(501), 1u);
}

TEST_F(AgentStateTest, NextStateNotReadyAppliesAfterTheCallWithItsReason)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    answer(500);
    ASSERT_TRUE(engine.setAgentState(1, AgentStateEx::None, AgentStateEx::NotReady, 2, now));
    EXPECT_EQ(agent(1).nextState, AgentStateEx::NotReady);
    clear(500);
    EXPECT_EQ(agent(1).state, AgentStateEx::NotReady);
    EXPECT_EQ(agent(1).reason, 2u);
}

TEST_F(AgentStateTest, RequestingNotReadyDuringACallTakesEffectAfterIt)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    answer(500);
    ASSERT_TRUE(engine.setAgentState(1, AgentStateEx::NotReady, AgentStateEx::None, 1, now));
    EXPECT_EQ(agent(1).state, AgentStateEx::BusyAcd);
    clear(500);
    EXPECT_EQ(agent(1).state, AgentStateEx::NotReady);
    EXPECT_EQ(agent(1).reason, 1u);
}

TEST_F(AgentStateTest, RingNoAnswerPutsTheAgentNotReadyWithTheRonaReason)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    at(20);
    EXPECT_EQ(agent(1).state, AgentStateEx::NotReady);
    EXPECT_EQ(agent(1).reason, engine.config().ronaReason);
    EXPECT_EQ(all<AgentStateChanged>().back().forcedBy, "system:rona");
    EXPECT_EQ(agent(1).total.ringNoAnswer, 1u);
}

TEST_F(AgentStateTest, RingNoAnswerRetractsTheCallFromTheStation)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    at(20);
    const auto retracts = all<RetractCall>();
    ASSERT_EQ(retracts.size(), 1u);
    EXPECT_EQ(retracts[0].call, 500u);
    EXPECT_EQ(retracts[0].station, "st1");
    EXPECT_EQ(retracts[0].reason, RequeueReason::RingNoAnswer);
}

TEST_F(AgentStateTest, SupervisorForcedStateChangeNamesTheSupervisor)
{
    staff(1);
    ASSERT_TRUE(
        engine.setAgentState(1, AgentStateEx::NotReady, AgentStateEx::None, 1, now, "sup:anna"));
    const auto changes = all<AgentStateChanged>();
    EXPECT_EQ(changes.back().forcedBy, "sup:anna");
    EXPECT_EQ(changes.back().state, AgentStateEx::NotReady);
}

TEST_F(AgentStateTest, ForcedLogoutDuringACallEndsTheSessionWhenTheCallEnds)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    answer(500);
    ASSERT_TRUE(engine.logoutAgent(1, now, "sup:anna"));
    EXPECT_EQ(agent(1).activity, AgentActivity::OnCall);
    at(30);
    clear(500);
    EXPECT_EQ(agent(1).state, AgentStateEx::Released);
    EXPECT_EQ(all<SessionStateChanged>().back().state, SessionState::Ended);
    EXPECT_EQ(all<SessionStateChanged>().back().forcedBy, "sup:anna");
}

TEST_F(AgentStateTest, LogoutWhileRingingPutsTheCallBackAndLogsOut)
{
    staff(1);
    ASSERT_TRUE(arrive(500));
    ASSERT_TRUE(engine.logoutAgent(1, now));
    EXPECT_EQ(agent(1).state, AgentStateEx::Released);
    EXPECT_EQ(queue(kSalesQueue).waiting, 1);
    EXPECT_EQ(all<CallRequeued>().at(0).reason, RequeueReason::AgentLeft);
}

TEST_F(AgentStateTest, LoggedOutAgentCannotChangeState)
{
    addAgent(1);
    EXPECT_EQ(engine.setAgentState(1, AgentStateEx::Ready, AgentStateEx::None, 0, now).code(),
              ErrorCode::NotLoggedIn);
}

TEST_F(AgentStateTest, NonAcdCallMakesTheAgentBusyIncomingAndUnavailable)
{
    staff(1);
    ASSERT_TRUE(engine.otherCallStarted(1, true, now));
    EXPECT_EQ(agent(1).state, AgentStateEx::BusyIncoming);
    ASSERT_TRUE(arrive(500));
    EXPECT_EQ(offeredTo(500), 0u);
    ASSERT_TRUE(engine.otherCallEnded(1, now));
    EXPECT_EQ(offeredTo(500), 1u);
    EXPECT_EQ(agent(1).total.incomingCalls, 1u);
}

TEST_F(AgentStateTest, TimeInEachStateIsAccumulatedIncludingTheCurrentOne)
{
    addAgent(1);
    const SessionId s = login(1);
    ASSERT_TRUE(engine.setSessionState(s, SessionState::Ready, SessionState::None, now));
    at(10);
    ready(1);
    at(25);
    ASSERT_TRUE(arrive(500));
    at(27);
    answer(500);
    at(87);
    const AgentSnapshot a = agent(1);
    EXPECT_EQ(a.total.notReadyMs, 10000);
    EXPECT_EQ(a.total.availableMs, 15000);
    EXPECT_EQ(a.total.ringingMs, 2000);
    EXPECT_EQ(a.total.onCallMs, 60000);
}

TEST_F(AgentStateTest, SessionInfoCountsCallsTalkAndTimeToAnswer)
{
    staff(1);
    const SessionId s = engine.sessionsOf(1).at(0);
    ASSERT_TRUE(arrive(500));
    at(4);
    answer(500);
    at(64);
    clear(500);
    auto info = engine.session(s);
    ASSERT_TRUE(info.isOk());
    EXPECT_EQ(info.value().counters.answered, 1u);
    EXPECT_EQ(info.value().counters.talkMs, 60000);
    EXPECT_EQ(info.value().counters.maxRingMs, 4000);
    EXPECT_EQ(info.value().durationMs, 64000);
}

} // namespace
} // namespace acd::core::test

namespace acd::core::test {
namespace {

class SessionNextStateTest : public CoreTest {};

TEST_F(SessionNextStateTest, SessionNextStateNotReadyAppliesAfterTheCall)
{
    staff(1);
    const SessionId s = engine.sessionsOf(1).at(0);
    ASSERT_TRUE(arrive(500));
    answer(500);
    ASSERT_TRUE(engine.setSessionState(s, SessionState::None, SessionState::NotReady, now));
    clear(500);
    EXPECT_EQ(engine.session(s).value().state, SessionState::NotReady);
    EXPECT_EQ(agent(1).state, AgentStateEx::Ready); // the agent stays Ready in other groups
    ASSERT_TRUE(arrive(501));
    EXPECT_EQ(offeredTo(501), 0u);
}

} // namespace
} // namespace acd::core::test

namespace acd::core::test {
namespace {

class PendingSessionEndTest : public CoreTest {};

// Regression: a session end deferred while a call rang was never carried out when the call
// went back to the queue (RONA), leaving the session pending forever.
TEST_F(PendingSessionEndTest, SessionEndedWhileACallRingsEndsWhenTheCallIsRequeued)
{
    addAgent(1, {{kSales, 5}});
    const SessionId inbound = login(1, kGroup);
    const SessionId back = login(1, kOtherGroup);
    ASSERT_TRUE(engine.setSessionState(inbound, SessionState::Ready, SessionState::None, now));
    ready(1);
    ASSERT_TRUE(arrive(500)); // rings through the inbound session
    ASSERT_EQ(offeredTo(500), 1u);
    ASSERT_TRUE(engine.endSession(back, now)); // deferred: the agent is busy
    EXPECT_EQ(engine.session(back).value().state, SessionState::BusyOnCall);
    at(20); // ring-no-answer
    EXPECT_EQ(engine.session(back).value().state, SessionState::Ended);
    EXPECT_EQ(engine.sessionsOf(1), (std::vector<SessionId>{inbound}));
    EXPECT_EQ(agent(1).state, AgentStateEx::NotReady);
}

} // namespace
} // namespace acd::core::test
