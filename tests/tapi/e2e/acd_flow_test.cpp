// End to end through the public C API: the engine host with the sim provider runs in process
// (libtapi attached to it); agents log in through TAPI, a customer station calls a route
// point, the ACD offers the call to the right agent, who answers, holds, transfers, hangs up;
// queue and agent information equal the core's statistics. Bounded waits only.
#include "acd/tapi/call_router.h"
#include "acd/tapi/host.h"
#include "acd/tapi/in_process.h"
#include "core/engine.h"
#include "tapi_app.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

namespace acd::tapi::test {
namespace {

// The demo configuration's group GUIDs (Windows memory order of the text form).
GUID salesGroup()
{
    return GUID{0x6b29fc40, 0xca47, 0x1067, {0xb3, 0x1d, 0x00, 0xdd, 0x01, 0x06, 0x62, 0xda}};
}

class AcdFlow : public ::testing::Test {
protected:
    void SetUp() override
    {
        HostConfig config;
        config.config = Host::demoConfig();
        for (core::QueueConfig &q : config.config.queues) {
            q.wrapUpSeconds = 0;      // the next call may follow at once
            q.ringTimeoutSeconds = 2; // RONA within a test's patience
            q.maxWaitSeconds = 0;
            q.overflowQueue = 0;
            q.overflowWhenNoAgents = false;
        }
        tsp::ProviderSpec provider = Host::demoProvider();
        provider.config += ";external_answer_ms=-1" + extraProviderConfig();
        config.providers = {provider};
        std::string error;
        host = Host::start(std::move(config), error);
        ASSERT_TRUE(host) << error;
        client::attachInProcess(host->loop(), host->server());
    }

    virtual std::string extraProviderConfig() const { return {}; }

    void TearDown() override
    {
        customer.reset();
        agents.clear();
        client::detach();
        host.reset();
    }

    struct Agent {
        std::unique_ptr<TapiApp> app;
        HLINE line = 0;
        HAGENT agent = 0;
        HAGENTSESSION session = 0;
    };

    /// Logs agent `id` in to the sales group at `station` and makes them Ready.
    Agent login(const char *id, const std::string &station, const char *pin = "1234")
    {
        Agent a;
        a.app = std::make_unique<TapiApp>(station.c_str());
        EXPECT_TRUE(a.app->ok());
        a.line = a.app->open(station);
        EXPECT_NE(a.line, 0u);
        EXPECT_EQ(a.app->reply(lineCreateAgentA(a.line, const_cast<char *>(id),
                                                const_cast<char *>(pin), &a.agent)),
                  0);
        GUID group = salesGroup();
        EXPECT_EQ(a.app->reply(lineCreateAgentSessionA(a.line, a.agent, const_cast<char *>(pin), 0,
                                                       &group, &a.session)),
                  0);
        // TAPI 2.2 has two states: the agent's and the session's; calls need both Ready.
        EXPECT_EQ(a.app->reply(lineSetAgentStateEx(a.line, a.agent, LINEAGENTSTATEEX_READY, 0)), 0);
        EXPECT_EQ(a.app->reply(
                      lineSetAgentSessionState(a.line, a.session, LINEAGENTSESSIONSTATE_READY, 0)),
                  0);
        return a;
    }

    /// The customer's station 119 dials `number`; returns the customer's hCall.
    HCALL dial(const char *number)
    {
        if (!customer) {
            customer = std::make_unique<TapiApp>("customer");
            customerLine = customer->open("119");
        }
        HCALL call = 0;
        EXPECT_EQ(customer->reply(lineMakeCallA(customerLine, &call, number, 0, nullptr)), 0);
        return call;
    }

    /// Alice (1001) logs in at station 100 and the customer dials the sales line: returns
    /// the call offered to her (0 if none came) and sets `customerCall` to the customer's end.
    HCALL callOfferedToAlice(HCALL &customerCall)
    {
        agents.push_back(login("1001", "100"));
        customerCall = dial("9000");
        return agents.back().app->waitNewCall(agents.back().line);
    }

    template<typename F>
    auto onEngine(F f)
    {
        return host->loop().invoke(f);
    }

    std::unique_ptr<Host> host;
    std::vector<Agent> agents;
    std::unique_ptr<TapiApp> customer;
    HLINE customerLine = 0;
};

TEST_F(AcdFlow, AnAgentFindsTheStationLineByExtension)
{
    TapiApp app("finder");
    ASSERT_TRUE(app.ok());
    DWORD device = app.findDevice("105");
    ASSERT_NE(device, static_cast<DWORD>(LINEMAPPER));
    EXPECT_EQ(device, onEngine([&] { return host->server().deviceByAddress("105"); }));
}

TEST_F(AcdFlow, AWrongPinIsRefusedAndAnUnknownAgentToo)
{
    TapiApp app("agent");
    HLINE line = app.open("100");
    HAGENT agent = 0;
    EXPECT_EQ(app.reply(lineCreateAgentA(line, const_cast<char *>("1001"),
                                         const_cast<char *>("9999"), &agent)),
              LINEERR_INVALPASSWORD);
    EXPECT_EQ(app.reply(lineCreateAgentA(line, const_cast<char *>("4242"),
                                         const_cast<char *>("1234"), &agent)),
              LINEERR_INVALAGENTID);
    EXPECT_EQ(agent, 0u);
}

TEST_F(AcdFlow, ACallAtTheRoutePointIsOfferedToTheReadyAgentWithItsQueueData)
{
    constexpr DWORD wrapUpOfSales = 30; // the desktop counts the after-call work down from it
    onEngine([&] {
        for (core::QueueConfig &q : host->mutableConfig().queues)
            if (q.id == 10) {
                q.wrapUpSeconds = static_cast<int>(wrapUpOfSales);
                ASSERT_TRUE(host->engine().updateQueue(q));
            }
    });
    agents.push_back(login("1001", "100"));
    Agent &alice = agents.back();
    dial("9000");
    HCALL offered = alice.app->waitNewCall(alice.line);
    ASSERT_NE(offered, 0u);
    ASSERT_TRUE(alice.app->waitState(offered, LINECALLSTATE_OFFERING));
    alignas(8) char buffer[4096] = {};
    auto *info = reinterpret_cast<LINECALLINFO *>(buffer);
    info->dwTotalSize = sizeof buffer;
    ASSERT_EQ(lineGetCallInfoA(offered, info), 0);
    ASSERT_GT(info->dwCallerIDSize, 0u);
    EXPECT_STREQ(buffer + info->dwCallerIDOffset, "119");
    ASSERT_EQ(info->dwCallDataSize, sizeof(ACDCALLDATA));
    ACDCALLDATA data;
    std::memcpy(&data, buffer + info->dwCallDataOffset, sizeof data);
    EXPECT_EQ(data.dwQueueID, 10u);
    EXPECT_STREQ(data.szQueueName, "sales");
    EXPECT_STREQ(data.szRoutePoint, "9000");
    EXPECT_EQ(data.dwVersion, static_cast<DWORD>(ACDCALLDATA_VERSION));
    EXPECT_EQ(data.dwVersion, 2u);
    EXPECT_EQ(data.dwWrapUpTime, wrapUpOfSales);
}

TEST_F(AcdFlow, TheLongestIdleAgentGetsTheFirstCallAndTheOtherTheSecond)
{
    agents.push_back(login("1002", "101")); // Ready first: idle longest
    agents.push_back(login("1001", "100"));
    Agent &bob = agents[0];
    Agent &alice = agents[1];
    dial("9000");
    HCALL first = bob.app->waitNewCall(bob.line);
    ASSERT_NE(first, 0u);
    ASSERT_EQ(bob.app->reply(lineAnswer(first, nullptr, 0)), 0);
    ASSERT_TRUE(bob.app->waitState(first, LINECALLSTATE_CONNECTED));
    dial("9000");
    HCALL second = alice.app->waitNewCall(alice.line);
    EXPECT_NE(second, 0u);
}

TEST_F(AcdFlow, AnAnsweredHeldAndCompletedCallIsCountedExactlyAsTheCoreCountsIt)
{
    HCALL customerCall = 0;
    HCALL call = callOfferedToAlice(customerCall);
    Agent &alice = agents.back();
    ASSERT_NE(call, 0u);
    ASSERT_EQ(alice.app->reply(lineAnswer(call, nullptr, 0)), 0);
    ASSERT_TRUE(alice.app->waitState(call, LINECALLSTATE_CONNECTED));
    ASSERT_EQ(alice.app->reply(lineHold(call)), 0);
    ASSERT_TRUE(alice.app->waitState(call, LINECALLSTATE_ONHOLD));
    ASSERT_EQ(alice.app->reply(lineUnhold(call)), 0);
    ASSERT_EQ(customer->reply(lineDrop(customerCall, nullptr, 0)), 0);
    ASSERT_TRUE(alice.app->waitState(call, LINECALLSTATE_IDLE));
    // The router has told the core by the time the agent's app saw IDLE? Not necessarily:
    // wait for the core to have no active call.
    for (int i = 0; i < 500 && onEngine([&] { return host->engine().activeCallCount(); }) != 0; ++i)
        alice.app->waitFor([](const LINEMESSAGE &) { return false; }, 10);
    EXPECT_EQ(onEngine([&] { return host->engine().activeCallCount(); }), 0u);

    alignas(8) char qbuf[256] = {};
    auto *queue = reinterpret_cast<LINEQUEUEINFO *>(qbuf);
    queue->dwTotalSize = sizeof qbuf;
    ASSERT_EQ(alice.app->reply(lineGetQueueInfo(alice.line, 10, queue)), 0);
    core::QueueSnapshot snapshot = onEngine([&] { return host->engine().queue(10).value(); });
    EXPECT_EQ(queue->dwTotalCallsQueued, snapshot.period.offered);
    EXPECT_EQ(queue->dwTotalCallsQueued, 1u);
    EXPECT_EQ(queue->dwCurrentCallsQueued, 0u);
    EXPECT_EQ(queue->dwTotalCallsAbandoned, 0u);

    alignas(8) char abuf[256] = {};
    auto *info = reinterpret_cast<LINEAGENTINFO *>(abuf);
    info->dwTotalSize = sizeof abuf;
    ASSERT_EQ(alice.app->reply(lineGetAgentInfo(alice.line, alice.agent, info)), 0);
    core::AgentSnapshot agent = onEngine([&] { return host->engine().agent(1001).value(); });
    EXPECT_EQ(info->dwNumberOfACDCalls, agent.period.handled);
    EXPECT_EQ(info->dwNumberOfACDCalls, 1u);
    EXPECT_EQ(info->dwAgentState, static_cast<DWORD>(LINEAGENTSTATEEX_READY));
}

TEST_F(AcdFlow, ACallNobodyAnswersGoesToTheNextAgentAfterTheRingTimeout)
{
    agents.push_back(login("1002", "101")); // first in line, will not answer
    agents.push_back(login("1001", "100"));
    Agent &bob = agents[0];
    Agent &alice = agents[1];
    dial("9000");
    ASSERT_NE(bob.app->waitNewCall(bob.line), 0u);
    HCALL toAlice = alice.app->waitNewCall(alice.line, 8000);
    ASSERT_NE(toAlice, 0u);
    ASSERT_TRUE(alice.app->waitState(toAlice, LINECALLSTATE_OFFERING));
    // Bob went Not Ready with the ring-no-answer reason.
    core::AgentSnapshot b = onEngine([&] { return host->engine().agent(1002).value(); });
    EXPECT_EQ(b.state, core::AgentStateEx::NotReady);
}

TEST_F(AcdFlow, ACallerWhoHangsUpInTheQueueIsAnAbandon)
{
    TapiApp watcher("watcher");
    HLINE line = watcher.open("100", LINECALLPRIVILEGE_NONE);
    HCALL call = dial("9000"); // no agent is logged in: the call waits
    for (int i = 0; i < 500 && onEngine([&] { return host->engine().activeCallCount(); }) == 0; ++i)
        watcher.waitFor([](const LINEMESSAGE &) { return false; }, 10);
    ASSERT_EQ(customer->reply(lineDrop(call, nullptr, 0)), 0);
    for (int i = 0; i < 500 && onEngine([&] { return host->engine().activeCallCount(); }) != 0; ++i)
        watcher.waitFor([](const LINEMESSAGE &) { return false; }, 10);
    alignas(8) char qbuf[256] = {};
    auto *queue = reinterpret_cast<LINEQUEUEINFO *>(qbuf);
    queue->dwTotalSize = sizeof qbuf;
    ASSERT_EQ(watcher.reply(lineGetQueueInfo(line, 10, queue)), 0);
    EXPECT_EQ(queue->dwTotalCallsAbandoned, 1u);
    EXPECT_EQ(queue->dwTotalCallsQueued, 1u);
}

TEST_F(AcdFlow, ACallerWhoHangsUpWhileTheAgentsPhoneRingsIsAnAbandonAndTheAgentStaysReady)
{
    HCALL call = 0;
    HCALL offered = callOfferedToAlice(call);
    Agent &alice = agents.back();
    ASSERT_NE(offered, 0u);
    ASSERT_TRUE(alice.app->waitState(offered, LINECALLSTATE_OFFERING));
    ASSERT_EQ(customer->reply(lineDrop(call, nullptr, 0)), 0);
    EXPECT_TRUE(alice.app->waitState(offered, LINECALLSTATE_IDLE));
    for (int i = 0; i < 500 && onEngine([&] { return host->engine().activeCallCount(); }) != 0; ++i)
        alice.app->waitFor([](const LINEMESSAGE &) { return false; }, 10);
    EXPECT_EQ(onEngine([&] { return host->engine().activeCallCount(); }), 0u);
    core::AgentSnapshot a = onEngine([&] { return host->engine().agent(1001).value(); });
    EXPECT_EQ(a.state, core::AgentStateEx::Ready); // not Not Ready by ring-no-answer
    alignas(8) char qbuf[256] = {};
    auto *queue = reinterpret_cast<LINEQUEUEINFO *>(qbuf);
    queue->dwTotalSize = sizeof qbuf;
    ASSERT_EQ(alice.app->reply(lineGetQueueInfo(alice.line, 10, queue)), 0);
    EXPECT_EQ(queue->dwTotalCallsAbandoned, 1u);
    EXPECT_EQ(queue->dwTotalCallsQueued, 1u);
}

/// The switch has station 118, but the provider gives it no line: the ACD cannot see calls
/// ring there (as when a switch loses a station's events).
class AcdFlowUnseenStation : public AcdFlow {
protected:
    std::string extraProviderConfig() const override { return ";lines=100-117,119,9000-9001"; }
};

TEST_F(AcdFlowUnseenStation, ACallThatNeverShowsAtTheStationEndsAtTheRingTimeoutInsteadOfHangingOn)
{
    // Carmen works at 118 (logged in through the core: there is no line to log in with).
    onEngine([&] {
        const core::TimeMs now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count();
        core::Engine &engine = host->engine();
        core::SessionId s = engine.createSession(1003, 1, "118", now).value();
        ASSERT_TRUE(
            engine.setSessionState(s, core::SessionState::Ready, core::SessionState::None, now));
        ASSERT_TRUE(engine.setAgentState(1003, core::AgentStateEx::Ready, core::AgentStateEx::None,
                                         0, now));
    });
    dial("9000");
    // Offered to Carmen, redirected to 118, never seen ringing; after the 2-s ring timeout the
    // call cannot be taken back, so the ACD ends it (before: it waited for the call's return
    // forever and held its next offer, and that agent, with it).
    for (int i = 0; i < 800 && onEngine([&] { return host->engine().activeCallCount(); }) == 0; ++i)
        customer->waitFor([](const LINEMESSAGE &) { return false; }, 5);
    for (int i = 0; i < 800 && onEngine([&] { return host->engine().activeCallCount(); }) != 0; ++i)
        customer->waitFor([](const LINEMESSAGE &) { return false; }, 10);
    EXPECT_EQ(onEngine([&] { return host->engine().activeCallCount(); }), 0u);
    core::AgentSnapshot carmen = onEngine([&] { return host->engine().agent(1003).value(); });
    EXPECT_EQ(carmen.state, core::AgentStateEx::NotReady); // ring-no-answer, as for any RONA
    core::QueueSnapshot sales = onEngine([&] { return host->engine().queue(10).value(); });
    EXPECT_EQ(sales.total.abandoned, 1u);
}

TEST_F(AcdFlow, AnAgentCanTransferTheCallToAnotherStation)
{
    agents.push_back(login("1001", "100"));
    Agent &alice = agents.back();
    TapiApp desk("desk 110");
    HLINE deskLine = desk.open("110");
    HCALL customerCall = dial("9000");
    HCALL call = alice.app->waitNewCall(alice.line);
    ASSERT_EQ(alice.app->reply(lineAnswer(call, nullptr, 0)), 0);
    ASSERT_TRUE(customer->waitState(customerCall, LINECALLSTATE_CONNECTED));
    ASSERT_EQ(alice.app->reply(lineBlindTransferA(call, "110", 0)), 0);
    ASSERT_TRUE(alice.app->waitState(call, LINECALLSTATE_IDLE));
    HCALL atDesk = desk.waitNewCall(deskLine);
    ASSERT_NE(atDesk, 0u);
    ASSERT_EQ(desk.reply(lineAnswer(atDesk, nullptr, 0)), 0);
    EXPECT_TRUE(customer->waitState(customerCall, LINECALLSTATE_CONNECTED));
    for (int i = 0; i < 500 && onEngine([&] { return host->engine().activeCallCount(); }) != 0; ++i)
        desk.waitFor([](const LINEMESSAGE &) { return false; }, 10);
    EXPECT_EQ(onEngine([&] { return host->engine().activeCallCount(); }), 0u);
    core::AgentSnapshot a = onEngine([&] { return host->engine().agent(1001).value(); });
    EXPECT_EQ(a.period.handled, 1u);
}

// ---- The callback notification model ------------------------------------------------------

/// What a LINECALLBACK app received, and on which thread (the callback has no context
/// pointer, so one recorder per test, reached through a global).
struct CallbackRecord {
    LINEMESSAGE message;
    std::thread::id thread;
};

struct CallbackRecorder {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<CallbackRecord> records;

    /// Waits at most 5 s until `done` holds over the records.
    bool waitUntil(const std::function<bool(const std::vector<CallbackRecord> &)> &done)
    {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(5), [&] { return done(records); });
    }
    std::vector<CallbackRecord> snapshot()
    {
        std::lock_guard lock(mutex);
        return records;
    }
};

/// Global so that a callback arriving after a failed assertion still finds it.
CallbackRecorder g_recorder;

void CALLBACK recordCallback(DWORD hDevice, DWORD dwMessage, DWORD_PTR dwInstance,
                             DWORD_PTR dwParam1, DWORD_PTR dwParam2, DWORD_PTR dwParam3)
{
    LINEMESSAGE m{};
    m.hDevice = hDevice;
    m.dwMessageID = dwMessage;
    m.dwCallbackInstance = dwInstance;
    m.dwParam1 = dwParam1;
    m.dwParam2 = dwParam2;
    m.dwParam3 = dwParam3;
    std::lock_guard lock(g_recorder.mutex);
    g_recorder.records.push_back({m, std::this_thread::get_id()});
    g_recorder.changed.notify_all();
}

long findRecord(const std::vector<CallbackRecord> &records,
                const std::function<bool(const LINEMESSAGE &)> &match)
{
    for (std::size_t i = 0; i < records.size(); ++i)
        if (match(records[i].message))
            return static_cast<long>(i);
    return -1;
}

TEST_F(AcdFlow, ACallbackAppGetsReplyNewCallAndStatesInOrderOnALibraryThread)
{
    CallbackRecorder &recorder = g_recorder;
    {
        std::lock_guard lock(recorder.mutex);
        recorder.records.clear();
    }
    HLINEAPP app = 0;
    DWORD numDevs = 0, version = TAPI_VERSION2_2;
    LINEINITIALIZEEXPARAMS params{};
    params.dwTotalSize = sizeof params;
    params.dwOptions = LINEINITIALIZEEXOPTION_USEHIDDENWINDOW;
    ASSERT_EQ(
        lineInitializeExA(&app, nullptr, recordCallback, "callback", &numDevs, &version, &params),
        0);
    // The station lookup goes through an event-model helper; the lines are the callback app's.
    TapiApp finder("finder");
    DWORD from = finder.findDevice("117"), to = finder.findDevice("118");
    ASSERT_NE(from, static_cast<DWORD>(LINEMAPPER));
    ASSERT_NE(to, static_cast<DWORD>(LINEMAPPER));
    HLINE lines[2] = {0, 0};
    DWORD devices[2] = {from, to};
    for (int i = 0; i < 2; ++i) {
        DWORD v = 0;
        LINEEXTENSIONID ext{};
        ASSERT_EQ(
            lineNegotiateAPIVersion(app, devices[i], TAPI_VERSION2_0, TAPI_VERSION2_2, &v, &ext),
            0);
        ASSERT_EQ(lineOpen(app, devices[i], &lines[i], v, 0, static_cast<DWORD_PTR>(i + 1),
                           LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_INTERACTIVEVOICE, nullptr),
                  0);
    }

    // A callback-model app has no message queue to read.
    LINEMESSAGE m{};
    EXPECT_EQ(lineGetMessage(app, &m, 0), LINEERR_INVALAPPHANDLE);

    HCALL out = 0;
    LONG id = lineMakeCallA(lines[0], &out, "118", 0, nullptr);
    ASSERT_GT(id, 0);
    auto isReply = [id](const LINEMESSAGE &x) {
        return x.dwMessageID == LINE_REPLY && x.dwParam1 == static_cast<DWORD_PTR>(id);
    };
    auto isNewCall = [&](const LINEMESSAGE &x) {
        return x.dwMessageID == LINE_APPNEWCALL && x.hDevice == lines[1];
    };
    ASSERT_TRUE(recorder.waitUntil([&](const std::vector<CallbackRecord> &r) {
        long n = findRecord(r, isNewCall);
        return findRecord(r, isReply) >= 0 && n >= 0 && static_cast<std::size_t>(n + 1) < r.size();
    }));
    auto records = recorder.snapshot();
    long reply = findRecord(records, isReply);
    EXPECT_EQ(records[reply].message.dwParam2, 0u);
    EXPECT_EQ(records[reply].message.dwCallbackInstance, 1u);
    ASSERT_NE(out, 0u);
    // The caller's first state comes after the reply that gave it the handle.
    long firstOut = findRecord(records, [&](const LINEMESSAGE &x) {
        return x.dwMessageID == LINE_CALLSTATE && x.hDevice == out;
    });
    ASSERT_GE(firstOut, 0);
    EXPECT_LT(reply, firstOut);
    EXPECT_EQ(records[firstOut].message.dwParam3, static_cast<DWORD_PTR>(LINECALLPRIVILEGE_OWNER));
    // LINE_APPNEWCALL on the called line is followed at once by the call's OFFERING.
    long newCall = findRecord(records, isNewCall);
    const LINEMESSAGE &nc = records[newCall].message;
    EXPECT_EQ(nc.dwCallbackInstance, 2u);
    EXPECT_EQ(nc.dwParam3, static_cast<DWORD_PTR>(LINECALLPRIVILEGE_OWNER));
    const LINEMESSAGE &offering = records[newCall + 1].message;
    EXPECT_EQ(offering.dwMessageID, static_cast<DWORD>(LINE_CALLSTATE));
    EXPECT_EQ(offering.hDevice, nc.dwParam2);
    EXPECT_EQ(offering.dwParam1, static_cast<DWORD_PTR>(LINECALLSTATE_OFFERING));
    EXPECT_EQ(offering.dwParam3, static_cast<DWORD_PTR>(LINECALLPRIVILEGE_OWNER));
    // Every callback ran on one library thread, not on the test thread.
    for (const CallbackRecord &r : records) {
        EXPECT_NE(r.thread, std::this_thread::get_id());
        EXPECT_EQ(r.thread, records.front().thread);
    }

    EXPECT_EQ(lineShutdown(app), 0);
}

// Regression: the engine service's observer read calls through the Host pointer that
// Host::start had not returned yet, and crashed when a busy switch reported calls during the
// start. The observer is now handed the core itself.
TEST(HostStart, TheEffectsObserverReadsNewCallsFromTheCoreItIsHanded)
{
    HostConfig config;
    config.config = Host::demoConfig();
    for (core::QueueConfig &q : config.config.queues) { // nobody is logged in: calls wait
        q.maxWaitSeconds = 0;
        q.overflowWhenNoAgents = false;
    }
    tsp::ProviderSpec provider = Host::demoProvider();
    provider.config += ";calls_per_hour=360000"; // 100 calls a second at each route point
    config.providers = {provider};
    std::mutex m;
    std::condition_variable seen;
    std::size_t queued = 0, readable = 0;
    config.effectsObserver = [&](const core::Engine &engine,
                                 const std::vector<core::Effect> &effects) {
        for (const core::Effect &e : effects)
            if (const auto *q = std::get_if<core::CallQueued>(&e.body); q && !q->flowedIn) {
                std::lock_guard lock(m);
                ++queued;
                readable += engine.call(q->call).isOk() ? 1 : 0;
                seen.notify_all();
            }
    };
    std::string error;
    std::unique_ptr<Host> host = Host::start(std::move(config), error);
    ASSERT_TRUE(host) << error;
    {
        std::unique_lock lock(m);
        ASSERT_TRUE(seen.wait_for(lock, std::chrono::seconds(5), [&] { return queued >= 3; }));
    }
    host.reset(); // the engine thread is joined: the counts are final
    EXPECT_GE(queued, 3u);
    EXPECT_EQ(readable, queued);
}

} // namespace
} // namespace acd::tapi::test

namespace acd::tapi::test {
namespace {

/// A line handed to an external proxy: the built-in one leaves it alone, the external
/// application registers there and answers a client's request.
TEST(ExternalProxy, ALineHandedToAnExternalProxyIsServedByThatApplication)
{
    HostConfig config;
    config.config = Host::demoConfig();
    config.providers = {Host::demoProvider()};
    config.externallyProxiedLines = {"105"};
    std::string error;
    std::unique_ptr<Host> host = Host::start(std::move(config), error);
    ASSERT_TRUE(host) << error;
    client::attachInProcess(host->loop(), host->server());
    {
        TapiApp proxy("external proxy");
        DWORD device = proxy.findDevice("105");
        DWORD version = 0;
        LINEEXTENSIONID ext{};
        ASSERT_EQ(lineNegotiateAPIVersion(proxy.handle(), device, TAPI_VERSION2_0, TAPI_VERSION2_2,
                                          &version, &ext),
                  0);
        alignas(8) char params[sizeof(LINECALLPARAMS) + 4] = {};
        auto *p = reinterpret_cast<LINECALLPARAMS *>(params);
        p->dwTotalSize = sizeof params;
        p->dwDevSpecificSize = 4;
        p->dwDevSpecificOffset = sizeof(LINECALLPARAMS);
        DWORD type = LINEPROXYREQUEST_GETAGENTSTATUS;
        std::memcpy(params + sizeof(LINECALLPARAMS), &type, 4);
        HLINE proxyLine = 0;
        ASSERT_EQ(lineOpen(proxy.handle(), device, &proxyLine, version, 0, 0,
                           LINEOPENOPTION_PROXY | LINECALLPRIVILEGE_NONE, 0, p),
                  0);

        TapiApp desk("desk");
        HLINE deskLine = desk.open("105");
        alignas(8) char buffer[256] = {};
        auto *status = reinterpret_cast<LINEAGENTSTATUS *>(buffer);
        status->dwTotalSize = sizeof buffer;
        LONG id = lineGetAgentStatusA(deskLine, 0, status);
        ASSERT_GT(id, 0);
        const LINEMESSAGE *request =
            proxy.waitFor([](const LINEMESSAGE &m) { return m.dwMessageID == LINE_PROXYREQUEST; });
        ASSERT_NE(request, nullptr);
        auto *r = reinterpret_cast<LINEPROXYREQUEST *>(request->dwParam1);
        r->GetAgentStatus.AgentStatus.dwNeededSize = sizeof(LINEAGENTSTATUS);
        r->GetAgentStatus.AgentStatus.dwUsedSize = sizeof(LINEAGENTSTATUS);
        r->GetAgentStatus.AgentStatus.dwState = LINEAGENTSTATE_READY;
        ASSERT_EQ(lineProxyResponse(proxyLine, r, 0), 0);
        EXPECT_EQ(desk.reply(id), 0);
        EXPECT_EQ(status->dwState, static_cast<DWORD>(LINEAGENTSTATE_READY));
        // Other stations are still the built-in proxy's: it owns GETAGENTSTATUS there.
        TapiApp other("other");
        HLINE otherLine = other.open("104");
        EXPECT_EQ(other.reply(lineGetAgentStatusA(otherLine, 0, status)), 0);
        EXPECT_EQ(status->dwState, static_cast<DWORD>(LINEAGENTSTATE_LOGGEDOFF));
    }
    client::detach();
}

TEST(ExternalProxy, AnExternallyProxiedLineNoProviderHasIsAConfigurationError)
{
    HostConfig config;
    config.config = Host::demoConfig();
    config.providers = {Host::demoProvider()};
    config.externallyProxiedLines = {"777"};
    std::string error;
    EXPECT_FALSE(Host::start(std::move(config), error));
    EXPECT_EQ(error, "externally proxied line '777' is not a line of any provider");
}

TEST(HostStart, ARoutePointNoProviderHasIsAConfigurationError)
{
    HostConfig config;
    config.config = Host::demoConfig();
    config.config.routePoints.push_back({"9555", "nowhere", 10, 1});
    config.providers = {Host::demoProvider()};
    std::string error;
    EXPECT_FALSE(Host::start(std::move(config), error));
    EXPECT_EQ(error, "route point '9555' (queue 10) is not a line of any provider");
}

} // namespace
} // namespace acd::tapi::test
