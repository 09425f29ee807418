#include "server_fixture.h"

namespace acd::tapi::test {

void ServerFixture::SetUp()
{
    loader = std::make_unique<tsp::ProviderLoader>(&Server::providerCompletion);
    std::string error;
    ASSERT_TRUE(loader->load({TSP_SIM_PATH, "stations=100-105;routepoints=9000-9001;"
                                            "external_answer_ms=-1"},
                             error))
        << error;
    server = std::make_unique<Server>(*loader, [this](std::function<void()> work) {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(work));
        m_posted.notify_all();
    });
}

void ServerFixture::TearDown()
{
    server.reset();
    if (loader)
        loader->unloadAll();
}

void ServerFixture::pump()
{
    for (;;) {
        std::function<void()> work;
        {
            std::lock_guard lock(m_mutex);
            if (m_queue.empty())
                return;
            work = std::move(m_queue.front());
            m_queue.pop_front();
        }
        work();
    }
}

bool ServerFixture::pumpUntil(const std::function<bool()> &done, int timeoutMs)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
        pump();
        if (done())
            return true;
        std::unique_lock lock(m_mutex);
        if (!m_posted.wait_until(lock, deadline, [this] { return !m_queue.empty(); }))
            return done();
    }
}

LONG ServerFixture::waitReply(RecordingSink &sink, LONG requestId)
{
    if (requestId <= 0)
        return requestId;
    pumpUntil([&] { return sink.replies(requestId) > 0; });
    return sink.reply(requestId);
}

ServerFixture::AppUnderTest ServerFixture::initApp(ClientId client, const char *name)
{
    AppUnderTest app;
    DWORD numDevs = 0, version = TAPI_VERSION2_2;
    EXPECT_EQ(server->lineInitializeEx(client, &app.handle, app.sink, name, {"tester", "host"},
                                       &numDevs, &version),
              0);
    return app;
}

HLINE ServerFixture::open(const AppUnderTest &app, const std::string &address, DWORD privileges,
                          ClientId client, const LINECALLPARAMS *params)
{
    DWORD dev = device(address);
    DWORD version = 0;
    LINEEXTENSIONID ext{};
    EXPECT_EQ(server->lineNegotiateAPIVersion(client, app.handle, dev, TAPI_VERSION2_0,
                                              TAPI_VERSION2_2, &version, &ext),
              0);
    HLINE line = 0;
    EXPECT_EQ(server->lineOpen(client, app.handle, dev, &line, version, 0, 0, privileges,
                               LINEMEDIAMODE_INTERACTIVEVOICE, params),
              0);
    return line;
}

DWORD ServerFixture::lastState(const RecordingSink &sink, HCALL hCall) const
{
    DWORD state = 0;
    for (const LINEMESSAGE &m : sink.messages)
        if (m.dwMessageID == LINE_CALLSTATE && m.hDevice == hCall)
            state = static_cast<DWORD>(m.dwParam1);
    return state;
}

bool ServerFixture::waitState(const RecordingSink &sink, HCALL hCall, DWORD state)
{
    return pumpUntil([&] { return lastState(sink, hCall) == state; });
}

HCALL ServerFixture::newCall(const RecordingSink &sink, std::size_t index) const
{
    auto calls = sink.with(LINE_APPNEWCALL);
    return index < calls.size() ? static_cast<HCALL>(calls[index].dwParam2) : 0;
}

} // namespace acd::tapi::test
