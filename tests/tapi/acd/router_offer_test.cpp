// The call router's offers: a call it has no switch call for cannot be delivered, and must
// not knock every Ready agent to Not Ready one after another.
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
    const core::QueueSnapshot sales = engine->queue(10).value();
    EXPECT_EQ(sales.total.offered, 1u);
    EXPECT_EQ(sales.total.abandoned, 1u);
    EXPECT_EQ(sales.waiting, 0);
    EXPECT_EQ(sales.ringing, 0);
    EXPECT_EQ(engine->activeCallCount(), 0u);
}

} // namespace
} // namespace acd::tapi::acdtest
