// The call router at the ring timeout: an agent who answers just as the ACD takes the call
// back keeps the caller (a late answer), whichever of the two reaches the engine first.
#include "router_fixture.h"

namespace acd::tapi::acdtest {
namespace {

using RouterRingTimeout = RouterFixture;

TEST_F(RouterRingTimeout, AnAgentWhoAnswersAsTheRingTimeRunsOutKeepsTheCaller)
{
    const HCALL offered = callRingingAtAlice();
    ASSERT_NE(offered, 0u);

    answerAsTheRingTimeRunsOut(offered);
    settle(); // the answer's events first, then the core's take-back

    expectAliceTalking(offered);
    EXPECT_EQ(agent(1001).total.ringNoAnswer, 1u); // the ring time did run out
    EXPECT_EQ(agent(1001).total.answered, 1u);
}

TEST_F(RouterRingTimeout, ALateAnswerIsAnAnsweredCallWhenTheCallerHangsUp)
{
    const HCALL offered = callRingingAtAlice();
    ASSERT_NE(offered, 0u);
    answerAsTheRingTimeRunsOut(offered);
    settle();

    ASSERT_GT(server->lineDrop(kClient, offered, nullptr, 0), 0);
    settle();

    const core::QueueSnapshot sales = engine->queue(10).value();
    EXPECT_EQ(sales.total.answered, 1u);
    EXPECT_EQ(sales.total.abandoned, 0u);
    EXPECT_EQ(sales.waiting, 0);
    EXPECT_EQ(sales.ringing, 0);
    EXPECT_EQ(agent(1001).activity, core::AgentActivity::WrapUp);
    EXPECT_EQ(router->activeCalls(), 0u);
    EXPECT_EQ(router->coreRefusals(), 0u) << router->lastRefusal();
}

TEST_F(RouterRingTimeout, ATakeBackTheSwitchRefusesBecauseTheAgentAnsweredLeavesTheCallWithThem)
{
    const HCALL offered = callRingingAtAlice();
    ASSERT_NE(offered, 0u);
    answerAsTheRingTimeRunsOut(offered);
    // This time the router acts on the core's take-back before the answer's events arrive:
    // its redirect meets a connected call.
    std::vector<core::Effect> effects;
    engine->takeEffects(effects);
    router->onEffects(effects);
    proxy->onEffects(effects);
    settle();

    expectAliceTalking(offered);
}

TEST_F(RouterRingTimeout, ALateAnswerWithdrawsTheOfferToTheNextAgentWhoseStationNeverRang)
{
    const HCALL offered = callRingingAtAlice();
    ASSERT_NE(offered, 0u);
    // Bob becomes Ready while the call rings at Alice: the take-back offers it to him.
    App bobDesk = initApp("bob's desk", kBobClient);
    const HLINE bobLine = open(bobDesk, "101");
    loginReady(bobDesk, bobLine, "1002", "4321");
    answerAsTheRingTimeRunsOut(offered);
    settle();

    EXPECT_EQ(agent(1001).activity, core::AgentActivity::OnCall);
    const core::AgentSnapshot bob = agent(1002);
    EXPECT_EQ(bob.activity, core::AgentActivity::Available); // not Not Ready: no RONA of his
    EXPECT_EQ(bob.state, core::AgentStateEx::Ready);
    EXPECT_EQ(bob.currentCall, 0u);
    EXPECT_TRUE(bobDesk.sink->with(LINE_APPNEWCALL).empty()); // his station never rang
    EXPECT_EQ(engine->queue(10).value().ringing, 0);
    EXPECT_EQ(router->coreRefusals(), 0u) << router->lastRefusal();
}

} // namespace
} // namespace acd::tapi::acdtest
