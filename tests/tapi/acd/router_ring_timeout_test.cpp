// The call router at the ring timeout, over the real sim provider, TAPI server and core with a
// virtual clock: an agent who answers just as the ACD takes the call back keeps the caller (a
// late answer), whichever of the two reaches the engine first.
#include "core/engine.h"
#include "proxy_fixture.h"

#include <dlfcn.h>

namespace acd::tapi::acdtest {
namespace {

constexpr ClientId kBobClient = 2;
constexpr ClientId kCustomerClient = 3;

class RouterRingTimeout : public ProxyFixture {
protected:
    void SetUp() override
    {
        withRouter = true;
        ProxyFixture::SetUp();
    }

    /// Logs `agentId` in at `line` of `app` (front office) and makes agent and session Ready.
    void loginReady(const App &app, HLINE line, const char *agentId, const char *pin)
    {
        HAGENT agent = 0;
        HAGENTSESSION session = 0;
        const GUID frontOffice = group(0);
        ASSERT_EQ(replyOf(app, server->lineCreateAgent(app.client, line, agentId, pin, &agent)), 0);
        ASSERT_EQ(replyOf(app, server->lineCreateAgentSession(app.client, line, agent, pin, 0,
                                                              &frontOffice, &session)),
                  0);
        ASSERT_EQ(replyOf(app, server->lineSetAgentStateEx(app.client, line, agent,
                                                           LINEAGENTSTATEEX_READY, 0)),
                  0);
        ASSERT_EQ(replyOf(app, server->lineSetAgentSessionState(app.client, line, session,
                                                                LINEAGENTSESSIONSTATE_READY, 0)),
                  0);
    }

    LONG replyOf(const App &app, LONG requestId)
    {
        if (requestId <= 0)
            return requestId;
        settle();
        return app.sink->reply(requestId);
    }

    /// Station 105 dials the sales route point; returns the call that then rings at the desk
    /// (station 100), or 0.
    HCALL callRingingAtTheDesk()
    {
        customer = initApp("customer", kCustomerClient);
        HLINE customerLine = open(customer, "105");
        EXPECT_GT(
            server->lineMakeCall(kCustomerClient, customerLine, &customerCall, "9000", 0, nullptr),
            0);
        settle();
        const auto offered = desk.sink->with(LINE_APPNEWCALL);
        return offered.empty() ? 0 : static_cast<HCALL>(offered.back().dwParam2);
    }

    /// The last LINE_CALLSTATE state a sink got for a call (0 when none).
    static DWORD lastState(const RecordingSink &sink, HCALL call)
    {
        DWORD state = 0;
        for (const LINEMESSAGE &m : sink.with(LINE_CALLSTATE))
            if (m.hDevice == call)
                state = static_cast<DWORD>(m.dwParam1);
        return state;
    }

    core::TimeMs ringTimeoutMs() const
    {
        return static_cast<core::TimeMs>(config.queues.at(0).ringTimeoutSeconds) * 1000; // sales
    }

    /// The agent answers at the desk; before the engine hears of it, the ring time runs out in
    /// the core (the switch has the call connected, the answer's events are still queued).
    void answerAsTheRingTimeRunsOut(HCALL offered)
    {
        ASSERT_GT(server->lineAnswer(kClient, offered, nullptr, 0), 0);
        nowMs += ringTimeoutMs();
        engine->advanceTo(nowMs);
    }

    core::AgentSnapshot agent(core::AgentId id) const { return engine->agent(id).value(); }

    /// Alice (1001) Ready at the desk, and a customer's call ringing there (0 if none came).
    HCALL callRingingAtAlice()
    {
        loginReady(desk, deskLine, "1001", "1234");
        return callRingingAtTheDesk();
    }

    /// The switch, the core and the router agree: Alice is talking to the caller.
    void expectAliceTalking(HCALL offered)
    {
        EXPECT_EQ(lastState(*desk.sink, offered), static_cast<DWORD>(LINECALLSTATE_CONNECTED));
        const core::AgentSnapshot alice = agent(1001);
        EXPECT_EQ(alice.activity, core::AgentActivity::OnCall);
        EXPECT_EQ(alice.state, core::AgentStateEx::BusyAcd);
        ASSERT_NE(alice.currentCall, 0u);
        const core::CallSnapshot call = engine->call(alice.currentCall).value();
        EXPECT_TRUE(call.connected);
        EXPECT_EQ(call.agent, 1001u);
        EXPECT_EQ(router->activeCalls(), 1u);
        EXPECT_EQ(router->coreRefusals(), 0u) << router->lastRefusal();
    }

    App customer;
    HCALL customerCall = 0; ///< the caller's side of the call callRingingAtTheDesk() made
};

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

/// The same, over a switch whose events can lag behind its answers to requests.
class RouterRingTimeoutWithLaggingEvents : public RouterRingTimeout {
protected:
    void SetUp() override
    {
        providerPath = TSP_SIM_DELAYED_PATH;
        RouterRingTimeout::SetUp();
        void *library = dlopen(TSP_SIM_DELAYED_PATH, RTLD_NOW | RTLD_NOLOAD);
        ASSERT_NE(library, nullptr) << "the provider is not loaded";
        holdEvents = reinterpret_cast<void (*)(int)>(dlsym(library, "tspTestHoldEvents"));
        dlclose(library); // the loader's reference keeps it loaded
        ASSERT_NE(holdEvents, nullptr);
    }

    void (*holdEvents)(int) = nullptr;
};

TEST_F(RouterRingTimeoutWithLaggingEvents, ACallerWhoHangsUpAsTheTakeBackGoesOutIsAbandonedOnce)
{
    const HCALL offered = callRingingAtAlice();
    ASSERT_NE(offered, 0u);
    // The caller hangs up; the switch's events saying so are still on their way when the ring
    // time runs out, so the router asks for the call back and the switch refuses: it has no
    // such call any more.
    holdEvents(1);
    ASSERT_GT(server->lineDrop(kCustomerClient, customerCall, nullptr, 0), 0);
    advance(ringTimeoutMs());
    settle();
    holdEvents(0);
    settle();

    const core::QueueSnapshot sales = engine->queue(10).value();
    EXPECT_EQ(sales.total.offered, 1u);
    EXPECT_EQ(sales.total.abandoned, 1u);
    EXPECT_EQ(sales.total.abandonedRinging, 0u); // the ring timeout had put it back in the queue
    EXPECT_EQ(sales.total.answered, 0u);
    EXPECT_EQ(sales.waiting, 0);
    EXPECT_EQ(sales.ringing, 0);
    EXPECT_EQ(router->activeCalls(), 0u);
    EXPECT_EQ(router->coreRefusals(), 0u) << router->lastRefusal();
    EXPECT_EQ(lastState(*desk.sink, offered), static_cast<DWORD>(LINECALLSTATE_IDLE));
}

TEST_F(RouterRingTimeoutWithLaggingEvents,
       AnAgentWhoseCallerHungUpAsTheTakeBackWentOutHasNoOtherCall)
{
    const HCALL offered = callRingingAtAlice();
    ASSERT_NE(offered, 0u);
    holdEvents(1);
    ASSERT_GT(server->lineDrop(kCustomerClient, customerCall, nullptr, 0), 0);
    advance(ringTimeoutMs());
    settle();
    holdEvents(0);
    settle();

    // The call's end at her station is the end of the ACD call the router gave up, not a
    // call of her own.
    const core::AgentSnapshot alice = agent(1001);
    EXPECT_EQ(alice.activity, core::AgentActivity::NotReady); // ring-no-answer
    EXPECT_EQ(alice.total.ringNoAnswer, 1u);
    EXPECT_EQ(alice.total.incomingCalls, 0u);
    EXPECT_EQ(alice.total.outgoingCalls, 0u);
    EXPECT_EQ(alice.currentCall, 0u);
}

} // namespace
} // namespace acd::tapi::acdtest
