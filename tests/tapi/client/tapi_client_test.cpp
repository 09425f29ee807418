// libtapi's C functions (tapi.h) over the in-process binding, with a fake backend in place of
// acd::tapi::Server.
#include "client_state.h"
#include "fake_backend.h"
#include "in_process_binding.h"

#include <acd/tapi/in_process.h>

#include <gtest/gtest.h>

#include <condition_variable>
#include <cstring>
#include <future>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

using namespace std::chrono_literals;
using acd::tapi::EngineLoop;
using acd::tapi::client::Binding;
using acd::tapi::client::InProcessBinding;
using acd::tapi::client::setBinding;
using acd::tapi::client::StringEncoding;
using acd::tapi::client::test::FakeBackend;

namespace {

bool readable(int fd)
{
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

LINEMESSAGE message(DWORD id, DWORD_PTR param1)
{
    return LINEMESSAGE{0x2001, id, 0x77, param1, 2, 3};
}

// The callback of callback-model tests: records what it was called with and on which thread.
struct CallbackLog {
    std::mutex mutex;
    std::condition_variable cv;
    std::vector<LINEMESSAGE> messages;
    std::vector<std::thread::id> threads;

    bool waitForCount(size_t n)
    {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, 5s, [&] { return messages.size() >= n; });
    }
};
CallbackLog *g_log = nullptr;

void CALLBACK recordingCallback(DWORD hDevice, DWORD dwMessage, DWORD_PTR dwInstance,
                                DWORD_PTR dwParam1, DWORD_PTR dwParam2, DWORD_PTR dwParam3)
{
    std::lock_guard lock(g_log->mutex);
    g_log->messages.push_back(
        LINEMESSAGE{hDevice, dwMessage, dwInstance, dwParam1, dwParam2, dwParam3});
    g_log->threads.push_back(std::this_thread::get_id());
    g_log->cv.notify_all();
}

class LibTapi : public ::testing::Test {
protected:
    void SetUp() override
    {
        g_log = &m_log;
        setBinding(std::make_shared<InProcessBinding>(m_loop, m_fake));
    }
    void TearDown() override
    {
        acd::tapi::client::detach();
        acd::tapi::client::setDefaultHostStarter(nullptr);
        g_log = nullptr;
    }

    LONG initializeEvent(HLINEAPP &app, LINEINITIALIZEEXPARAMS &params)
    {
        params = LINEINITIALIZEEXPARAMS{};
        params.dwTotalSize = sizeof params;
        params.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
        DWORD numDevs = 0;
        DWORD version = TAPI_VERSION2_2;
        return lineInitializeExA(&app, nullptr, nullptr, "test app", &numDevs, &version, &params);
    }
    HLINEAPP initializeEvent(int *fd = nullptr)
    {
        HLINEAPP app = 0;
        LINEINITIALIZEEXPARAMS params;
        EXPECT_EQ(initializeEvent(app, params), 0);
        if (fd)
            *fd = int(reinterpret_cast<intptr_t>(params.Handles.hEvent));
        return app;
    }
    HLINEAPP initializeCallback()
    {
        HLINEAPP app = 0;
        DWORD numDevs = 0;
        DWORD version = TAPI_VERSION2_2;
        EXPECT_EQ(
            lineInitializeExA(&app, nullptr, recordingCallback, "cb", &numDevs, &version, nullptr),
            0);
        return app;
    }
    // Delivers on the engine thread, as the Server does.
    void deliver(HLINEAPP app, const LINEMESSAGE &m)
    {
        auto sink = m_fake->sink(app);
        ASSERT_NE(sink, nullptr);
        m_loop.invoke([&] { sink->deliver(m); });
    }

    CallbackLog m_log;
    EngineLoop m_loop;
    std::shared_ptr<FakeBackend> m_fake = std::make_shared<FakeBackend>();
};

} // namespace

// ---- lineInitializeEx -------------------------------------------------------------------

TEST_F(LibTapi, InitializeExRejectsNullOutputPointersWithInvalPointer)
{
    HLINEAPP app = 0;
    DWORD numDevs = 0;
    DWORD version = TAPI_VERSION2_2;
    EXPECT_EQ(
        lineInitializeExA(nullptr, nullptr, recordingCallback, "x", &numDevs, &version, nullptr),
        LINEERR_INVALPOINTER);
    EXPECT_EQ(lineInitializeExA(&app, nullptr, recordingCallback, "x", nullptr, &version, nullptr),
              LINEERR_INVALPOINTER);
    EXPECT_EQ(lineInitializeExA(&app, nullptr, recordingCallback, "x", &numDevs, nullptr, nullptr),
              LINEERR_INVALPOINTER);
    EXPECT_FALSE(m_fake->lastCall("lineInitializeEx"));
}

TEST_F(LibTapi, InitializeExWithAParamsStructBelowItsFixedSizeAsksFor28Bytes)
{
    ASSERT_EQ(sizeof(LINEINITIALIZEEXPARAMS), 28u);
    HLINEAPP app = 0;
    DWORD numDevs = 0;
    DWORD version = TAPI_VERSION2_2;
    LINEINITIALIZEEXPARAMS params{};
    params.dwTotalSize = 27;
    params.dwOptions = LINEINITIALIZEEXOPTION_USEEVENT;
    EXPECT_EQ(lineInitializeExA(&app, nullptr, nullptr, "x", &numDevs, &version, &params),
              LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(+params.dwNeededSize, 28u);
}

TEST_F(LibTapi, InitializeExRejectsUnknownOptionsAndCompletionPortsWithInvalParam)
{
    HLINEAPP app = 0;
    DWORD numDevs = 0;
    DWORD version = TAPI_VERSION2_2;
    LINEINITIALIZEEXPARAMS params{};
    params.dwTotalSize = sizeof params;
    for (DWORD option : {DWORD(0), DWORD(LINEINITIALIZEEXOPTION_USECOMPLETIONPORT), DWORD(4)}) {
        params.dwOptions = option;
        EXPECT_EQ(
            lineInitializeExA(&app, nullptr, recordingCallback, "x", &numDevs, &version, &params),
            LINEERR_INVALPARAM)
            << "option " << option;
    }
}

TEST_F(LibTapi, InitializeExRejectsApiVersionsBelow2_0)
{
    HLINEAPP app = 0;
    DWORD numDevs = 0;
    DWORD version = TAPI_VERSION1_4;
    EXPECT_EQ(lineInitializeExA(&app, nullptr, recordingCallback, "x", &numDevs, &version, nullptr),
              LINEERR_INCOMPATIBLEAPIVERSION);
}

TEST_F(LibTapi, InitializeExPassesNameAndIdentityAndReturnsWhatTheServerReturned)
{
    HLINEAPP app = 0;
    DWORD numDevs = 0;
    DWORD version = TAPI_VERSION2_0;
    ASSERT_EQ(lineInitializeExA(&app, nullptr, recordingCallback, "wallboard", &numDevs, &version,
                                nullptr),
              0);
    EXPECT_EQ(app, 0x10001u);
    EXPECT_EQ(numDevs, FakeBackend::kNumDevs);
    EXPECT_EQ(version, DWORD(TAPI_VERSION2_2));
    auto call = m_fake->lastCall("lineInitializeEx");
    ASSERT_TRUE(call);
    EXPECT_EQ(call->client, 1u);
    EXPECT_EQ(call->strings.at(0), "wallboard");
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    EXPECT_EQ(m_fake->identity().machineName, host);
    EXPECT_FALSE(m_fake->identity().userName.empty());
    EXPECT_EQ(lineShutdown(app), 0);
}

TEST_F(LibTapi, InitializeExWithNothingAttachedAndNoHostStarterFailsWithNoDriver)
{
    acd::tapi::client::detach();
    HLINEAPP app = 0;
    DWORD numDevs = 0;
    DWORD version = TAPI_VERSION2_2;
    EXPECT_EQ(lineInitializeExA(&app, nullptr, recordingCallback, "x", &numDevs, &version, nullptr),
              LINEERR_NODRIVER);
    acd::tapi::client::setDefaultHostStarter([](std::string &error) {
        error = "no engine configured";
        return false;
    });
    EXPECT_EQ(lineInitializeExA(&app, nullptr, recordingCallback, "x", &numDevs, &version, nullptr),
              LINEERR_NODRIVER);
}

TEST_F(LibTapi, InitializeExWithNothingAttachedStartsTheDefaultHostOnce)
{
    acd::tapi::client::detach();
    int starts = 0;
    acd::tapi::client::setDefaultHostStarter([&](std::string &) {
        ++starts;
        setBinding(std::make_shared<InProcessBinding>(m_loop, m_fake));
        return true;
    });
    HLINEAPP first = 0, second = 0;
    DWORD numDevs = 0;
    DWORD version = TAPI_VERSION2_2;
    EXPECT_EQ(
        lineInitializeExA(&first, nullptr, recordingCallback, "a", &numDevs, &version, nullptr), 0);
    EXPECT_EQ(
        lineInitializeExA(&second, nullptr, recordingCallback, "b", &numDevs, &version, nullptr),
        0);
    EXPECT_EQ(starts, 1);
}

TEST_F(LibTapi, InitializeExWConvertsTheFriendlyNameToUtf8)
{
    HLINEAPP app = 0;
    DWORD numDevs = 0;
    DWORD version = TAPI_VERSION2_2;
    ASSERT_EQ(lineInitializeExW(&app, nullptr, recordingCallback, u"Agent \u00e9", &numDevs,
                                &version, nullptr),
              0);
    EXPECT_EQ(m_fake->lastCall("lineInitializeEx")->strings.at(0), "Agent \xc3\xa9");
}

// ---- Event model and lineGetMessage ----------------------------------------------------

TEST_F(LibTapi, EventFdIsReadableExactlyWhileMessagesArePending)
{
    int fd = -1;
    const HLINEAPP app = initializeEvent(&fd);
    ASSERT_GE(fd, 0);
    EXPECT_FALSE(readable(fd));

    deliver(app, message(LINE_CALLSTATE, 1));
    deliver(app, message(LINE_CALLSTATE, 2));
    EXPECT_TRUE(readable(fd));

    LINEMESSAGE m{};
    ASSERT_EQ(lineGetMessage(app, &m, 0), 0);
    EXPECT_EQ(+m.dwParam1, 1u);
    EXPECT_TRUE(readable(fd)); // one still pending
    ASSERT_EQ(lineGetMessage(app, &m, 0), 0);
    EXPECT_EQ(+m.dwParam1, 2u);
    EXPECT_EQ(+m.hDevice, 0x2001u);
    EXPECT_EQ(+m.dwMessageID, DWORD(LINE_CALLSTATE));
    EXPECT_EQ(+m.dwCallbackInstance, 0x77u);
    EXPECT_FALSE(readable(fd));

    deliver(app, message(LINE_CALLSTATE, 3));
    EXPECT_TRUE(readable(fd));
}

TEST_F(LibTapi, GetMessageWithTimeoutZeroAndNothingPendingFailsAtOnce)
{
    const HLINEAPP app = initializeEvent();
    LINEMESSAGE m{};
    EXPECT_EQ(lineGetMessage(app, &m, 0), LINEERR_OPERATIONFAILED);
}

TEST_F(LibTapi, GetMessageWithATimeoutFailsWhenNoMessageCameInTime)
{
    const HLINEAPP app = initializeEvent();
    LINEMESSAGE m{};
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(lineGetMessage(app, &m, 30), LINEERR_OPERATIONFAILED);
    EXPECT_GE(std::chrono::steady_clock::now() - start, 30ms);
}

TEST_F(LibTapi, GetMessageInfiniteIsWokenByADelivery)
{
    const HLINEAPP app = initializeEvent();
    auto waiter = std::async(std::launch::async, [app] {
        LINEMESSAGE m{};
        const LONG result = lineGetMessage(app, &m, INFINITE);
        return std::make_pair(result, m);
    });
    ASSERT_TRUE(acd::tapi::client::findApp(app)->waitForWaiters(1, 5s));
    deliver(app, message(LINE_APPNEWCALL, 9));
    ASSERT_EQ(waiter.wait_for(5s), std::future_status::ready);
    auto [result, m] = waiter.get();
    EXPECT_EQ(result, 0);
    EXPECT_EQ(+m.dwMessageID, DWORD(LINE_APPNEWCALL));
    EXPECT_EQ(+m.dwParam1, 9u);
}

TEST_F(LibTapi, ShutdownOnAnotherThreadWakesABlockedGetMessageWithInvalAppHandle)
{
    const HLINEAPP app = initializeEvent();
    std::promise<void> entering;
    auto waiter = std::async(std::launch::async, [app, &entering] {
        LINEMESSAGE m{};
        entering.set_value();
        return lineGetMessage(app, &m, INFINITE);
    });
    entering.get_future().wait();
    ASSERT_TRUE(acd::tapi::client::findApp(app)->waitForWaiters(1, 5s));
    EXPECT_EQ(lineShutdown(app), 0);
    ASSERT_EQ(waiter.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(waiter.get(), LINEERR_INVALAPPHANDLE);
}

TEST_F(LibTapi, ShutdownClosesTheEventFd)
{
    int fd = -1;
    const HLINEAPP app = initializeEvent(&fd);
    ASSERT_NE(::fcntl(fd, F_GETFD), -1);
    EXPECT_EQ(lineShutdown(app), 0);
    EXPECT_EQ(::fcntl(fd, F_GETFD), -1);
    EXPECT_EQ(errno, EBADF);
    LINEMESSAGE m{};
    EXPECT_EQ(lineGetMessage(app, &m, 0), LINEERR_INVALAPPHANDLE);
}

TEST_F(LibTapi, GetMessageRejectsANullMessagePointer)
{
    const HLINEAPP app = initializeEvent();
    EXPECT_EQ(lineGetMessage(app, nullptr, 0), LINEERR_INVALPOINTER);
}

TEST_F(LibTapi, GetMessageRejectsUnknownAndCallbackModelApps)
{
    LINEMESSAGE m{};
    EXPECT_EQ(lineGetMessage(0x4242, &m, 0), LINEERR_INVALAPPHANDLE);
    const HLINEAPP app = initializeCallback();
    EXPECT_EQ(lineGetMessage(app, &m, 0), LINEERR_INVALAPPHANDLE);
}

TEST_F(LibTapi, LineReplyMayBeQueuedBeforeTheAsyncFunctionReturnsItsRequestId)
{
    const HLINEAPP app = initializeEvent();
    HCALL call = 0;
    const LONG requestId = lineMakeCallA(1, &call, "2001", 0, nullptr);
    EXPECT_EQ(requestId, FakeBackend::kRequestId);
    LINEMESSAGE m{};
    ASSERT_EQ(lineGetMessage(app, &m, 0), 0);
    EXPECT_EQ(+m.dwMessageID, DWORD(LINE_REPLY));
    EXPECT_EQ(+m.dwParam1, DWORD_PTR(requestId));
}

// ---- Callback model ---------------------------------------------------------------------

TEST_F(LibTapi, CallbackRunsInOrderOnALibraryThreadThatIsNeitherTheCallersNorTheEngines)
{
    const HLINEAPP app = initializeCallback();
    const std::thread::id engine = m_loop.invoke([] { return std::this_thread::get_id(); });
    for (DWORD i = 0; i < 20; ++i)
        deliver(app, message(LINE_CALLSTATE, i));
    ASSERT_TRUE(m_log.waitForCount(20));
    std::lock_guard lock(m_log.mutex);
    ASSERT_EQ(m_log.messages.size(), 20u);
    for (DWORD i = 0; i < 20; ++i) {
        EXPECT_EQ(+m_log.messages[i].dwParam1, i);
        EXPECT_EQ(+m_log.messages[i].dwCallbackInstance, 0x77u);
        EXPECT_NE(m_log.threads[i], std::this_thread::get_id());
        EXPECT_NE(m_log.threads[i], engine);
        EXPECT_EQ(m_log.threads[i], m_log.threads[0]);
    }
}

TEST_F(LibTapi, HiddenWindowOptionSelectsTheCallbackModel)
{
    HLINEAPP app = 0;
    DWORD numDevs = 0;
    DWORD version = TAPI_VERSION2_2;
    LINEINITIALIZEEXPARAMS params{};
    params.dwTotalSize = sizeof params;
    params.dwOptions = LINEINITIALIZEEXOPTION_USEHIDDENWINDOW;
    ASSERT_EQ(lineInitializeExA(&app, nullptr, recordingCallback, "x", &numDevs, &version, &params),
              0);
    deliver(app, message(LINE_REPLY, 5));
    ASSERT_TRUE(m_log.waitForCount(1));
    std::lock_guard lock(m_log.mutex);
    EXPECT_EQ(+m_log.messages[0].dwMessageID, DWORD(LINE_REPLY));
}

TEST_F(LibTapi, CallbackModelWithoutACallbackIsRejected)
{
    HLINEAPP app = 0;
    DWORD numDevs = 0;
    DWORD version = TAPI_VERSION2_2;
    EXPECT_EQ(lineInitializeExA(&app, nullptr, nullptr, "x", &numDevs, &version, nullptr),
              LINEERR_INVALPOINTER);
}

// ---- Forwarding -------------------------------------------------------------------------

TEST_F(LibTapi, FunctionsRunOnTheEngineThreadWithClientIdOne)
{
    const std::thread::id engine = m_loop.invoke([] { return std::this_thread::get_id(); });
    EXPECT_EQ(lineHold(7), LINEERR_OPERATIONUNAVAIL);
    EXPECT_EQ(lineSetAgentStateEx(1, 2, 3, 4), LINEERR_OPERATIONUNAVAIL);
    for (const char *name : {"lineHold", "lineSetAgentStateEx"}) {
        auto call = m_fake->lastCall(name);
        ASSERT_TRUE(call) << name;
        EXPECT_EQ(call->client, 1u);
        EXPECT_EQ(call->thread, engine);
    }
}

TEST_F(LibTapi, MakeCallWConvertsDestinationsToUtf8)
{
    HCALL call = 0;
    EXPECT_EQ(lineMakeCallW(1, &call, u"2001", 0, nullptr), FakeBackend::kRequestId);
    EXPECT_EQ(m_fake->lastCall("lineMakeCall")->strings.at(0), "2001");
    // U+00FC, U+20AC (3 bytes) and U+1F4DE (a surrogate pair, 4 bytes).
    EXPECT_EQ(lineMakeCallW(1, &call, u"M\u00fcller \u20ac \U0001F4DE", 0, nullptr),
              FakeBackend::kRequestId);
    EXPECT_EQ(m_fake->lastCall("lineMakeCall")->strings.at(0),
              "M\xc3\xbcller \xe2\x82\xac \xf0\x9f\x93\x9e");
    EXPECT_EQ(lineMakeCallW(1, &call, nullptr, 0, nullptr), FakeBackend::kRequestId);
    EXPECT_EQ(m_fake->lastCall("lineMakeCall")->strings.at(0), std::nullopt);
    EXPECT_EQ(lineDialW(5, u"#12", 0), FakeBackend::kRequestId);
    EXPECT_EQ(m_fake->lastCall("lineDial")->strings.at(0), "#12");
}

TEST_F(LibTapi, StructureFunctionsPassTheEncodingOfTheirEntryPoint)
{
    LINECALLINFO info{};
    info.dwTotalSize = sizeof info;
    EXPECT_EQ(lineGetCallInfoW(5, &info), 0);
    EXPECT_EQ(m_fake->lastCall("lineGetCallInfo")->encoding, StringEncoding::Utf16);
    EXPECT_EQ(lineGetCallInfoA(5, &info), 0);
    EXPECT_EQ(m_fake->lastCall("lineGetCallInfo")->encoding, StringEncoding::Utf8);
    LINEAGENTSTATUS status{};
    EXPECT_EQ(lineGetAgentStatusW(1, 0, &status), FakeBackend::kRequestId);
    EXPECT_EQ(m_fake->lastCall("lineGetAgentStatus")->encoding, StringEncoding::Utf16);
    EXPECT_EQ(lineGetAgentStatusA(1, 0, &status), FakeBackend::kRequestId);
    EXPECT_EQ(m_fake->lastCall("lineGetAgentStatus")->encoding, StringEncoding::Utf8);
}

TEST_F(LibTapi, CreateAgentWConvertsIdAndPin)
{
    WCHAR id[] = u"agent-\u00f8";
    WCHAR pin[] = u"1234";
    HAGENT agent = 0;
    EXPECT_EQ(lineCreateAgentW(1, id, pin, &agent), FakeBackend::kRequestId);
    auto call = m_fake->lastCall("lineCreateAgent");
    EXPECT_EQ(call->strings.at(0), "agent-\xc3\xb8");
    EXPECT_EQ(call->strings.at(1), "1234");
}

TEST_F(LibTapi, WithNothingAttachedHandleFunctionsFailWithTheirInvalidHandleError)
{
    acd::tapi::client::detach();
    EXPECT_EQ(lineShutdown(0), LINEERR_INVALAPPHANDLE);
    EXPECT_EQ(lineClose(1), LINEERR_INVALLINEHANDLE);
    EXPECT_EQ(lineAnswer(1, nullptr, 0), LINEERR_INVALCALLHANDLE);
    EXPECT_EQ(lineGetAgentCapsA(1, 0, 0, TAPI_VERSION2_2, nullptr), LINEERR_INVALAPPHANDLE);
}

TEST_F(LibTapi, DetachDropsTheClientAndWakesBlockedGetMessage)
{
    const HLINEAPP app = initializeEvent();
    std::promise<void> entering;
    auto waiter = std::async(std::launch::async, [app, &entering] {
        LINEMESSAGE m{};
        entering.set_value();
        return lineGetMessage(app, &m, INFINITE);
    });
    entering.get_future().wait();
    ASSERT_TRUE(acd::tapi::client::findApp(app)->waitForWaiters(1, 5s));
    acd::tapi::client::detach();
    ASSERT_EQ(waiter.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(waiter.get(), LINEERR_INVALAPPHANDLE);
    auto drop = m_fake->lastCall("dropClient");
    ASSERT_TRUE(drop);
    EXPECT_EQ(drop->client, 1u);
}

TEST_F(LibTapi, ShutdownFromInsideTheCallbackDoesNotDeadlock)
{
    static HLINEAPP s_app = 0;
    static std::promise<LONG> *s_result = nullptr;
    std::promise<LONG> result;
    s_result = &result;
    HLINEAPP app = 0;
    DWORD numDevs = 0;
    DWORD version = TAPI_VERSION2_2;
    ASSERT_EQ(lineInitializeExA(
                  &app, nullptr,
                  [](DWORD, DWORD, DWORD_PTR, DWORD_PTR, DWORD_PTR, DWORD_PTR) {
                      s_result->set_value(lineShutdown(s_app));
                  },
                  "x", &numDevs, &version, nullptr),
              0);
    s_app = app;
    deliver(app, message(LINE_CLOSE, 0));
    auto future = result.get_future();
    ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(future.get(), 0);
}

TEST_F(LibTapi, ShutdownOfAnUnknownAppReturnsTheServersError)
{
    EXPECT_EQ(lineShutdown(0x4242), LINEERR_INVALAPPHANDLE);
    EXPECT_EQ(m_fake->lastCall("lineShutdown")->client, 1u);
}

TEST_F(LibTapi, NoCallbackRunsAfterShutdownReturned)
{
    const HLINEAPP app = initializeCallback();
    auto sink = m_fake->sink(app);
    ASSERT_EQ(lineShutdown(app), 0);
    m_loop.invoke([&] { sink->deliver(message(LINE_CALLSTATE, 1)); });
    // The dispatcher has been joined by lineShutdown: nothing can be running or queued.
    std::lock_guard lock(m_log.mutex);
    EXPECT_TRUE(m_log.messages.empty());
}

TEST_F(LibTapi, CallsFailWithOperationFailedOnceTheEngineLoopHasStopped)
{
    m_loop.stop();
    EXPECT_EQ(lineHold(1), LINEERR_OPERATIONFAILED);
    HLINEAPP app = 0;
    DWORD numDevs = 0;
    DWORD version = TAPI_VERSION2_2;
    EXPECT_EQ(lineInitializeExA(&app, nullptr, recordingCallback, "x", &numDevs, &version, nullptr),
              LINEERR_OPERATIONFAILED);
}
