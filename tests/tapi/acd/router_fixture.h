#pragma once
// The call router over the real sim provider (or one whose events can lag), TAPI server and
// core with a virtual clock: agents at their desks, a customer calling the sales route point.
#include "core/engine.h"
#include "proxy_fixture.h"

namespace acd::tapi::acdtest {

inline constexpr ClientId kBobClient = 2;
inline constexpr ClientId kCustomerClient = 3;

class RouterFixture : public ProxyFixture {
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

    /// Station 105 dials the sales route point while nobody is Ready: the call waits.
    void callWaitingInTheQueue()
    {
        customer = initApp("customer", kCustomerClient);
        const HLINE customerLine = open(customer, "105");
        ASSERT_GT(
            server->lineMakeCall(kCustomerClient, customerLine, &customerCall, "9000", 0, nullptr),
            0);
        settle();
        ASSERT_EQ(engine->queue(10).value().waiting, 1);
    }

    /// The sales queue's one call ended as an abandon, and neither the core nor the router
    /// holds anything of it.
    void expectTheOnlyCallAbandoned()
    {
        const core::QueueSnapshot sales = engine->queue(10).value();
        EXPECT_EQ(sales.total.offered, 1u);
        EXPECT_EQ(sales.total.abandoned, 1u);
        EXPECT_EQ(sales.total.answered, 0u);
        EXPECT_EQ(sales.waiting, 0);
        EXPECT_EQ(sales.ringing, 0);
        EXPECT_EQ(engine->activeCallCount(), 0u);
        EXPECT_EQ(router->activeCalls(), 0u);
        EXPECT_EQ(router->coreRefusals(), 0u) << router->lastRefusal();
    }

    App customer;
    HCALL customerCall = 0; ///< the caller's side of the call callRingingAtTheDesk() made
};

/// RouterFixture over a switch whose events can be held back while its answers to requests
/// come at once (libtsp_sim_delayed.so), as a real switch's events can lag behind them.
class RouterWithLaggingEvents : public RouterFixture {
protected:
    void SetUp() override;

    /// Holds the switch's events back (true) or delivers what was held, in order (false).
    void holdEvents(bool hold) { m_hold(hold ? 1 : 0); }
    /// Holds the switch's events and its answers to requests back, in their order (a slow
    /// link); holdEvents(false) delivers them.
    void holdEverything() { m_hold(2); }

    /// The caller hangs up as the ring time at Alice runs out; what the switch sends meanwhile
    /// is held (its events only, or everything in order over a slow link) until the router
    /// has asked for the call back, then delivered.
    void hangUpAsTheRingTimeRunsOut(bool slowLink)
    {
        slowLink ? holdEverything() : holdEvents(true);
        ASSERT_GT(server->lineDrop(kCustomerClient, customerCall, nullptr, 0), 0);
        advance(ringTimeoutMs());
        holdEvents(false);
        settle();
    }

private:
    void (*m_hold)(int) = nullptr;
};

} // namespace acd::tapi::acdtest
