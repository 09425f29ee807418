#include "proxy_fixture.h"

#include "db/json_config.h"

#include <chrono>
#include <cstring>
#include <ostream>

namespace acd::tapi::acdtest {
namespace {

const char *const kConfig = R"({
  "version": 1,
  "skills": [ { "id": 1, "name": "english" }, { "id": 2, "name": "spanish" } ],
  "groups": [
    { "id": 1, "name": "front-office", "guid": "6b29fc40-ca47-1067-b31d-00dd010662da" },
    { "id": 2, "name": "back-office", "guid": "00112233-4455-6677-8899-aabbccddeeff" }
  ],
  "reasonCodes": [ { "code": 1, "name": "Lunch" }, { "code": 2, "name": "Meeting" } ],
  "queues": [
    { "id": 10, "name": "sales", "group": 1, "skill": 1, "wrapUpSeconds": 30,
      "overflowWhenNoAgents": false },
    { "id": 20, "name": "support", "group": 1, "skill": 2 },
    { "id": 30, "name": "billing", "group": 2, "skill": 1 }
  ],
  "agents": [
    { "id": 1001, "name": "Alice", "pin": "1234", "skills": [ { "skill": 1, "level": 8 } ] },
    { "id": 1002, "name": "Bob", "pin": "4321", "skills": [ { "skill": 1, "level": 5 } ] }
  ],
  "stations": [ { "id": "100", "name": "Desk 100" }, { "id": "101", "name": "Desk 101" } ],
  "routePoints": [ { "address": "9000", "name": "Sales line", "queue": 10 } ],
  "users": []
})";

} // namespace


std::string text(const void *structure, DWORD size, DWORD offset)
{
    if (size == 0)
        return {};
    return std::string(static_cast<const char *>(structure) + offset, size - 1);
}

std::u16string text16(const void *structure, DWORD size, DWORD offset)
{
    if (size == 0)
        return {};
    std::u16string out(size / 2 - 1, u'\0');
    std::memcpy(out.data(), static_cast<const char *>(structure) + offset, size - 2);
    return out;
}

std::vector<char> groupList(const std::vector<GUID> &groups)
{
    std::vector<char> buffer(sizeof(LINEAGENTGROUPLIST)
                             + groups.size() * sizeof(LINEAGENTGROUPENTRY));
    auto *list = reinterpret_cast<LINEAGENTGROUPLIST *>(buffer.data());
    list->dwTotalSize = static_cast<DWORD>(buffer.size());
    list->dwNeededSize = list->dwUsedSize = list->dwTotalSize;
    list->dwNumEntries = static_cast<DWORD>(groups.size());
    list->dwListSize = static_cast<DWORD>(groups.size() * sizeof(LINEAGENTGROUPENTRY));
    list->dwListOffset = groups.empty() ? 0 : sizeof(LINEAGENTGROUPLIST);
    for (std::size_t i = 0; i < groups.size(); ++i)
        std::memcpy(buffer.data() + sizeof(LINEAGENTGROUPLIST) + i * sizeof(LINEAGENTGROUPENTRY),
                    &groups[i], sizeof(GUID));
    return buffer;
}

std::ostream &operator<<(std::ostream &os, const Msg &m)
{
    return os << "{msg " << m.id << ", 0x" << std::hex << m.p1 << ", 0x" << m.p2 << ", 0x" << m.p3
              << std::dec << "}";
}

std::vector<Msg> statusMessages(const RecordingSink &sink)
{
    std::vector<Msg> out;
    for (const LINEMESSAGE &m : sink.messages)
        if (m.dwMessageID == LINE_AGENTSTATUS || m.dwMessageID == LINE_AGENTSTATUSEX
            || m.dwMessageID == LINE_AGENTSESSIONSTATUS || m.dwMessageID == LINE_QUEUESTATUS)
            out.push_back(Msg{m.dwMessageID, static_cast<DWORD>(m.dwParam1),
                              static_cast<DWORD>(m.dwParam2), static_cast<DWORD>(m.dwParam3)});
    return out;
}

std::vector<Msg> firstLoginAtTheStation()
{
    return {
        {LINE_AGENTSESSIONSTATUS, 0x2000, LINEAGENTSESSIONSTATUS_NEWSESSION, 0},
        {LINE_AGENTSTATUS, 0, LINEAGENTSTATUS_GROUP, 0},
        {LINE_AGENTSTATUSEX, 0x1000, LINEAGENTSTATUSEX_STATE, LINEAGENTSTATEEX_NOTREADY},
        {LINE_AGENTSTATUS, 0, LINEAGENTSTATUS_STATE | LINEAGENTSTATUS_NEXTSTATE,
         LINEAGENTSTATE_NOTREADY},
        {LINE_AGENTSESSIONSTATUS, 0x2000, LINEAGENTSESSIONSTATUS_STATE,
         LINEAGENTSESSIONSTATE_NOTREADY},
    };
}

std::vector<Msg> firstLoginElsewhere()
{
    return {
        {LINE_AGENTSESSIONSTATUS, 0x2000, LINEAGENTSESSIONSTATUS_NEWSESSION, 0},
        {LINE_AGENTSTATUSEX, 0x1000, LINEAGENTSTATUSEX_STATE, LINEAGENTSTATEEX_NOTREADY},
        {LINE_AGENTSESSIONSTATUS, 0x2000, LINEAGENTSESSIONSTATUS_STATE,
         LINEAGENTSESSIONSTATE_NOTREADY},
    };
}

void ProxyFixture::SetUp()
{
    loader = std::make_unique<tsp::ProviderLoader>(&Server::providerCompletion);
    std::string error;
    ASSERT_TRUE(loader->load({providerPath, "stations=100-105;routepoints=9000-9001;"
                                            "external_answer_ms=-1"},
                             error))
        << error;
    server = std::make_unique<Server>(*loader, [this](std::function<void()> work) {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(work));
        m_posted.notify_all();
    });
    db::ConfigParse parsed = db::parseConfigJson(kConfig, 1000);
    ASSERT_TRUE(parsed.ok()) << parsed.errors.front();
    config = parsed.config;
    engine = std::make_unique<core::Engine>();
    db::Status loaded = db::loadIntoEngine(config, *engine);
    ASSERT_TRUE(loaded.isOk()) << loaded.message();
    engine->advanceTo(nowMs);
    context = std::make_unique<AcdContext>(
        AcdContext{*engine, *server, config, [this] { return nowMs; }});
    proxy = std::make_unique<AcdProxy>(*context);
    ASSERT_EQ(proxy->start(), 0);
    if (withRouter) {
        router = std::make_unique<CallRouter>(*context);
        std::string routerError;
        ASSERT_EQ(router->start(routerError), 0) << routerError;
    }
    server->setStationScoped(kClient, deskStationScoped);
    desk = initApp("desk");
    deskLine = open(desk, "100");
    ASSERT_NE(deskLine, 0u);
    settle();
    desk.sink->clear();
}

void ProxyFixture::TearDown()
{
    if (router)
        router->stop();
    router.reset();
    if (proxy)
        proxy->stop();
    proxy.reset();
    server.reset();
    if (loader)
        loader->unloadAll();
}

void ProxyFixture::pump()
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

void ProxyFixture::settle()
{
    for (int round = 0; round < 1000; ++round) {
        pump();
        bool busy = proxy->processMessages();
        if (router)
            busy = router->processMessages() || busy;
        std::vector<core::Effect> effects;
        engine->takeEffects(effects);
        if (!effects.empty()) {
            if (router)
                router->onEffects(effects);
            proxy->onEffects(effects);
            busy = true;
        }
        if (const auto due = proxy->nextDue(); due && *due <= nowMs) {
            proxy->onTime(nowMs); // what the host's timer does once it is due
            busy = true;
        }
        std::lock_guard lock(m_mutex);
        if (!busy && m_queue.empty())
            return;
    }
    ADD_FAILURE() << "the host loop did not settle";
}

LONG ProxyFixture::result(LONG requestId)
{
    if (requestId <= 0)
        return requestId;
    settle();
    EXPECT_EQ(desk.sink->replies(requestId), 1u) << "request " << requestId;
    return desk.sink->reply(requestId);
}

void ProxyFixture::advance(core::TimeMs ms)
{
    nowMs += ms;
    engine->advanceTo(nowMs);
    settle();
}

ProxyFixture::App ProxyFixture::initApp(const char *name, ClientId client)
{
    App app;
    app.client = client;
    DWORD numDevs = 0, version = TAPI_VERSION2_2;
    EXPECT_EQ(server->lineInitializeEx(client, &app.handle, app.sink, name, {"tester", "host"},
                                       &numDevs, &version),
              0);
    return app;
}

HLINE ProxyFixture::open(const App &app, const std::string &address)
{
    DWORD dev = device(address);
    DWORD version = 0;
    LINEEXTENSIONID ext{};
    EXPECT_EQ(server->lineNegotiateAPIVersion(app.client, app.handle, dev, TAPI_VERSION2_0,
                                              TAPI_VERSION2_2, &version, &ext),
              0);
    HLINE line = 0;
    EXPECT_EQ(server->lineOpen(app.client, app.handle, dev, &line, version, 0, 0,
                               LINECALLPRIVILEGE_OWNER, LINEMEDIAMODE_INTERACTIVEVOICE, nullptr),
              0);
    return line;
}

HAGENT ProxyFixture::createAgent(const char *id, const char *pin)
{
    HAGENT agent = 0;
    LONG rc = result(server->lineCreateAgent(kClient, deskLine, id, pin, &agent));
    return rc == 0 ? agent : 0;
}

HAGENTSESSION ProxyFixture::createSession(HAGENT agent, const GUID &g, const char *pin)
{
    HAGENTSESSION session = 0;
    LONG rc =
        result(server->lineCreateAgentSession(kClient, deskLine, agent, pin, 0, &g, &session));
    return rc == 0 ? session : 0;
}

} // namespace acd::tapi::acdtest
