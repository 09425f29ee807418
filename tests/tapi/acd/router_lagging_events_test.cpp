// The call router over a switch whose events lag behind its answers: a caller who hangs up
// just as the ACD moves the call finds the switch refusing the move, and the engine must end
// the call once, as the caller's abandon, without blaming the agent.
#include "router_fixture.h"

namespace acd::tapi::acdtest {
namespace {

TEST_F(RouterWithLaggingEvents, ACallerWhoHangsUpAsTheTakeBackGoesOutIsAbandonedOnce)
{
    const HCALL offered = callRingingAtAlice();
    ASSERT_NE(offered, 0u);
    // The caller hangs up; the switch's events saying so are still on their way when the ring
    // time runs out, so the router asks for the call back and the switch refuses: it has no
    // such call any more.
    hangUpAsTheRingTimeRunsOut(false);

    expectTheOnlyCallAbandoned();
    // The ring timeout had put it back in the queue.
    EXPECT_EQ(engine->queue(10).value().total.abandonedRinging, 0u);
    EXPECT_EQ(lastState(*desk.sink, offered), static_cast<DWORD>(LINECALLSTATE_IDLE));
}

TEST_F(RouterWithLaggingEvents, AnAgentWhoseCallerHungUpAsTheTakeBackWentOutHasNoOtherCall)
{
    const HCALL offered = callRingingAtAlice();
    ASSERT_NE(offered, 0u);
    hangUpAsTheRingTimeRunsOut(false);

    // The call's end at her station is the end of the ACD call the router gave up, not a
    // call of her own.
    const core::AgentSnapshot alice = agent(1001);
    EXPECT_EQ(alice.activity, core::AgentActivity::NotReady); // ring-no-answer
    EXPECT_EQ(alice.total.ringNoAnswer, 1u);
    EXPECT_EQ(alice.total.incomingCalls, 0u);
    EXPECT_EQ(alice.total.outgoingCalls, 0u);
    EXPECT_EQ(alice.currentCall, 0u);
}

TEST_F(RouterWithLaggingEvents, ACallerWhoHangsUpAsTheOfferGoesOutIsAbandonedAndTheAgentStaysReady)
{
    callWaitingInTheQueue();
    // The caller hangs up as Alice becomes Ready; the switch's events saying so are still on
    // their way, so the router moves the call to her station and the switch refuses: it has
    // no such call any more. Her station never rang; she did nothing wrong.
    holdEvents(true);
    ASSERT_GT(server->lineDrop(kCustomerClient, customerCall, nullptr, 0), 0);
    loginReady(desk, deskLine, "1001", "1234");
    holdEvents(false);
    settle();

    const core::AgentSnapshot alice = agent(1001);
    EXPECT_EQ(alice.activity, core::AgentActivity::Available);
    EXPECT_EQ(alice.state, core::AgentStateEx::Ready);
    EXPECT_EQ(alice.total.offered, 1u);
    EXPECT_EQ(alice.total.ringNoAnswer, 0u);
    EXPECT_TRUE(desk.sink->with(LINE_APPNEWCALL).empty());
    expectTheOnlyCallAbandoned();
    EXPECT_EQ(engine->queue(10).value().total.abandonedRinging, 1u); // on its way to Alice
}

TEST_F(RouterWithLaggingEvents, ACallerWhoHangsUpAsTheOfferGoesOutOverASlowLinkIsAbandonedOnce)
{
    callWaitingInTheQueue();
    // As above, but everything the switch sends comes in its order: first that the call left
    // the route point (the caller hung up), then the refusal of the move to Alice's station.
    holdEverything();
    ASSERT_GT(server->lineDrop(kCustomerClient, customerCall, nullptr, 0), 0);
    loginReady(desk, deskLine, "1001", "1234");
    // Bob is Ready too: a call the router could not move must not be offered to him next.
    App bobDesk = initApp("bob's desk", kBobClient);
    const HLINE bobLine = open(bobDesk, "101");
    loginReady(bobDesk, bobLine, "1002", "4321");
    holdEvents(false);
    settle();

    for (const core::AgentId id : {1001u, 1002u}) {
        const core::AgentSnapshot a = agent(id);
        EXPECT_EQ(a.activity, core::AgentActivity::Available) << id;
        EXPECT_EQ(a.state, core::AgentStateEx::Ready) << id;
    }
    EXPECT_EQ(agent(1001).total.offered + agent(1002).total.offered, 1u);
    expectTheOnlyCallAbandoned();
}

TEST_F(RouterWithLaggingEvents, ACallerWhoHangsUpAsTheTakeBackGoesOutOverASlowLinkIsAbandonedOnce)
{
    const HCALL offered = callRingingAtAlice();
    ASSERT_NE(offered, 0u);
    // In the switch's order: the call gone from Alice's station, then the refused take-back.
    hangUpAsTheRingTimeRunsOut(true);

    expectTheOnlyCallAbandoned();
    const core::AgentSnapshot alice = agent(1001);
    EXPECT_EQ(alice.activity, core::AgentActivity::NotReady); // her ring time did run out
    EXPECT_EQ(alice.total.incomingCalls + alice.total.outgoingCalls, 0u);
}

TEST_F(RouterWithLaggingEvents, AnAgentWhoAnswersAsTheTakeBackGoesOutOverASlowLinkKeepsTheCaller)
{
    const HCALL offered = callRingingAtAlice();
    ASSERT_NE(offered, 0u);
    // In the switch's order: Alice's answer, then the refused take-back (the call is connected
    // at her station by the time the switch gets it).
    holdEverything();
    ASSERT_GT(server->lineAnswer(kClient, offered, nullptr, 0), 0);
    advance(ringTimeoutMs());
    holdEvents(false);
    settle();

    expectAliceTalking(offered);
    EXPECT_EQ(agent(1001).total.answered, 1u);
    EXPECT_EQ(engine->queue(10).value().total.abandoned, 0u);
}

} // namespace
} // namespace acd::tapi::acdtest
