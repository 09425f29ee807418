// The call router's offers: a call ringing at an agent who logs off goes to the next agent; a
// call it has no switch call for cannot be delivered, and must not knock every Ready agent to
// Not Ready one after another.
#include "router_fixture.h"

namespace acd::tapi::acdtest {
namespace {

using RouterOffer = RouterFixture;

TEST_F(RouterOffer, ACallTheSwitchNeverReportedEndsInsteadOfFailingAtEveryAgent)
{
    loginReady(desk, deskLine, "1001", "1234");
    App bobDesk = initApp("bob's desk", kBobClient);
    loginReady(bobDesk, open(bobDesk, "101"), "1002", "4321");
    // A call the core has but the router never saw at a route point (nothing to redirect).
    core::CallArrival arrival;
    arrival.id = 900;
    arrival.queue = 10;
    arrival.ani = "5550100";
    ASSERT_TRUE(engine->callArrived(arrival, nowMs));
    settle();

    for (const core::AgentId id : {1001u, 1002u}) {
        const core::AgentSnapshot a = agent(id);
        EXPECT_EQ(a.activity, core::AgentActivity::Available) << id;
        EXPECT_EQ(a.state, core::AgentStateEx::Ready) << id;
    }
    expectTheOnlyCallAbandoned();
}

TEST_F(RouterOffer, ACallRingingAtAnAgentWhoLogsOffGoesToTheNextAgent)
{
    loginReady(desk, deskLine, "1001", "1234");
    App bobDesk = initApp("bob's desk", kBobClient);
    loginReady(bobDesk, open(bobDesk, "101"), "1002", "4321");
    const HCALL atAlice = callRingingAtTheDesk(); // Alice has been idle longest
    ASSERT_NE(atAlice, 0u);

    constexpr HAGENTSESSION kAlicesSession = 0x2000; // her first session on this server
    ASSERT_EQ(result(server->lineSetAgentSessionState(kClient, deskLine, kAlicesSession,
                                                      LINEAGENTSESSIONSTATE_ENDED, 0)),
              0);

    EXPECT_EQ(lastState(*desk.sink, atAlice), static_cast<DWORD>(LINECALLSTATE_IDLE));
    const auto atBob = bobDesk.sink->with(LINE_APPNEWCALL);
    ASSERT_EQ(atBob.size(), 1u);
    EXPECT_EQ(lastState(*bobDesk.sink, static_cast<HCALL>(atBob.front().dwParam2)),
              static_cast<DWORD>(LINECALLSTATE_OFFERING));
    EXPECT_EQ(agent(1002).activity, core::AgentActivity::Ringing);
    EXPECT_EQ(agent(1001).total.ringNoAnswer, 0u); // she left; she did not let it ring out
    const core::QueueSnapshot sales = engine->queue(10).value();
    EXPECT_EQ(sales.ringing, 1);
    EXPECT_EQ(sales.total.offered, 1u);
    EXPECT_EQ(sales.total.abandoned, 0u);
    EXPECT_EQ(router->activeCalls(), 1u);
    EXPECT_EQ(router->coreRefusals(), 0u) << router->lastRefusal();
}

TEST_F(RouterOffer, ACallerWhoHungUpAsTheAgentBecameReadyIsAbandonedAndTheAgentStaysReady)
{
    // Alice logs in (Not Ready) while a caller waits.
    HAGENT hAgent = 0;
    HAGENTSESSION hSession = 0;
    const GUID frontOffice = group(0);
    ASSERT_EQ(replyOf(desk, server->lineCreateAgent(kClient, deskLine, "1001", "1234", &hAgent)),
              0);
    ASSERT_EQ(replyOf(desk, server->lineCreateAgentSession(kClient, deskLine, hAgent, "1234", 0,
                                                           &frontOffice, &hSession)),
              0);
    callWaitingInTheQueue();
    // The caller hangs up; the switch has told the provider, the news is still on its way to
    // the router when Alice becomes Ready and the router moves the call to her: the provider
    // refuses at once (the call is no longer offering at the route point).
    ASSERT_GT(server->lineDrop(kCustomerClient, customerCall, nullptr, 0), 0);
    const core::SessionId session = agent(1001).sessions.at(0);
    ASSERT_TRUE(engine->setSessionState(session, core::SessionState::Ready,
                                        core::SessionState::None, nowMs));
    ASSERT_TRUE(
        engine->setAgentState(1001, core::AgentStateEx::Ready, core::AgentStateEx::None, 0, nowMs));
    std::vector<core::Effect> effects;
    engine->takeEffects(effects);
    router->onEffects(effects);
    proxy->onEffects(effects);
    settle();

    const core::AgentSnapshot alice = agent(1001);
    EXPECT_EQ(alice.activity, core::AgentActivity::Available);
    EXPECT_EQ(alice.state, core::AgentStateEx::Ready);
    EXPECT_EQ(alice.total.offered, 1u);
    expectTheOnlyCallAbandoned();
    EXPECT_EQ(engine->queue(10).value().total.abandonedRinging, 1u); // on its way to Alice
}

TEST_F(RouterOffer, AnOfferTheSwitchCannotDeliverPutsTheAgentNotReadyAndGoesToTheNextAgent)
{
    // Alice works at a "station" the switch cannot ring (logged in through the core: there is
    // no such line to log in with); she has been idle longest, so she is offered the call.
    const core::SessionId s = engine->createSession(1001, 1, "desk-x", nowMs).value();
    ASSERT_TRUE(
        engine->setSessionState(s, core::SessionState::Ready, core::SessionState::None, nowMs));
    ASSERT_TRUE(
        engine->setAgentState(1001, core::AgentStateEx::Ready, core::AgentStateEx::None, 0, nowMs));
    settle();
    App bobDesk = initApp("bob's desk", kBobClient);
    loginReady(bobDesk, open(bobDesk, "101"), "1002", "4321");
    ASSERT_EQ(callRingingAtTheDesk(), 0u); // not at the desk (station 100): nobody is there

    const core::AgentSnapshot alice = agent(1001);
    EXPECT_EQ(alice.activity, core::AgentActivity::NotReady);
    EXPECT_EQ(alice.reason, 91u); // offerFailedReason
    EXPECT_EQ(alice.total.offered, 1u);
    EXPECT_EQ(agent(1002).activity, core::AgentActivity::Ringing);
    EXPECT_EQ(bobDesk.sink->with(LINE_APPNEWCALL).size(), 1u);
    const core::QueueSnapshot sales = engine->queue(10).value();
    EXPECT_EQ(sales.ringing, 1);
    EXPECT_EQ(sales.total.abandoned, 0u);
    EXPECT_EQ(router->activeCalls(), 1u);
    EXPECT_EQ(router->coreRefusals(), 0u) << router->lastRefusal();
}

} // namespace
} // namespace acd::tapi::acdtest
