// Calls at an agent's station that did not come from the ACD: the router tells the core of
// them, as incoming or outgoing, so the agent shows Busy (incoming/outgoing) and is not
// offered ACD calls meanwhile.
#include "router_fixture.h"

namespace acd::tapi::acdtest {
namespace {

class RouterOtherCalls : public RouterFixture {
protected:
    void SetUp() override
    {
        RouterFixture::SetUp();
        if (HasFatalFailure())
            return;
        loginReady(desk, deskLine, "1001", "1234");
        customer = initApp("customer", kCustomerClient);
        customerLine = open(customer, "105");
    }

    /// The handle of the newest call an application was told of (0 when none).
    static HCALL newestCall(const RecordingSink &sink)
    {
        const auto calls = sink.with(LINE_APPNEWCALL);
        return calls.empty() ? 0 : static_cast<HCALL>(calls.back().dwParam2);
    }

    /// Alice's state and her counts of incoming and outgoing calls of her own.
    void expectAlice(core::AgentStateEx state, std::uint32_t incoming, std::uint32_t outgoing)
    {
        const core::AgentSnapshot alice = agent(1001);
        EXPECT_EQ(alice.state, state);
        EXPECT_EQ(alice.activity, state == core::AgentStateEx::Ready
                                      ? core::AgentActivity::Available
                                      : core::AgentActivity::OtherCall);
        EXPECT_EQ(alice.total.incomingCalls, incoming);
        EXPECT_EQ(alice.total.outgoingCalls, outgoing);
    }

    HLINE customerLine = 0;
};

TEST_F(RouterOtherCalls, ACallTheAgentDialsMakesHerBusyOutgoing)
{
    HCALL call = 0;
    ASSERT_GT(server->lineMakeCall(kClient, deskLine, &call, "105", 0, nullptr), 0);
    settle();

    expectAlice(core::AgentStateEx::BusyOutgoing, 0, 1);
}

TEST_F(RouterOtherCalls, ACallToTheAgentsStationMakesHerBusyIncoming)
{
    HCALL call = 0;
    ASSERT_GT(server->lineMakeCall(kCustomerClient, customerLine, &call, "100", 0, nullptr), 0);
    settle();

    expectAlice(core::AgentStateEx::BusyIncoming, 1, 0);
}

TEST_F(RouterOtherCalls, ACallAColleagueRedirectsToTheAgentIsIncoming)
{
    // Station 101's user passes a caller on to Alice: the call was dialled to 101, not to her.
    App colleague = initApp("colleague", kBobClient);
    open(colleague, "101");
    HCALL call = 0;
    ASSERT_GT(server->lineMakeCall(kCustomerClient, customerLine, &call, "101", 0, nullptr), 0);
    settle();
    const HCALL atColleague = newestCall(*colleague.sink);
    ASSERT_NE(atColleague, 0u);
    const LONG redirect = server->lineRedirect(kBobClient, atColleague, "100", 0);
    ASSERT_GT(redirect, 0);
    settle();
    ASSERT_EQ(colleague.sink->reply(redirect), 0);

    expectAlice(core::AgentStateEx::BusyIncoming, 1, 0);
}

TEST_F(RouterOtherCalls, TheAgentIsReadyAgainWhenHerOwnCallEnds)
{
    HCALL call = 0;
    ASSERT_GT(server->lineMakeCall(kClient, deskLine, &call, "105", 0, nullptr), 0);
    settle();
    ASSERT_EQ(result(server->lineDrop(kClient, call, nullptr, 0)), 0);

    expectAlice(core::AgentStateEx::Ready, 0, 1);
}

TEST_F(RouterOtherCalls, AnAgentOnACallOfHerOwnIsNotOfferedTheQueuesCalls)
{
    HCALL own = 0;
    ASSERT_GT(server->lineMakeCall(kClient, deskLine, &own, "104", 0, nullptr), 0);
    settle();
    HCALL queued = 0;
    ASSERT_GT(server->lineMakeCall(kCustomerClient, customerLine, &queued, "9000", 0, nullptr), 0);
    settle();

    EXPECT_EQ(engine->queue(10).value().waiting, 1);
    EXPECT_EQ(agent(1001).total.offered, 0u);
    EXPECT_EQ(router->callsAt("9000"), 1u);
}

} // namespace
} // namespace acd::tapi::acdtest
