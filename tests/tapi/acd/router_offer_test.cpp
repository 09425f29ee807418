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

} // namespace
} // namespace acd::tapi::acdtest
