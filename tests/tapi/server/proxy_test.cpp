// The proxy model with an external proxy application: registration, LINE_PROXYREQUEST,
// lineProxyResponse -> LINE_REPLY, lineProxyMessage fan-out, LINE_PROXYSTATUS, closing.
#include "server_fixture.h"

#include <cstring>

namespace acd::tapi::test {
namespace {

/// LINECALLPARAMS with the request types in the DevSpecific part.
struct ProxyParams {
    explicit ProxyParams(std::vector<DWORD> types)
    {
        std::memset(bytes, 0, sizeof bytes);
        auto *p = reinterpret_cast<LINECALLPARAMS *>(bytes);
        p->dwTotalSize = sizeof(LINECALLPARAMS) + static_cast<DWORD>(types.size() * 4);
        p->dwDevSpecificSize = static_cast<DWORD>(types.size() * 4);
        p->dwDevSpecificOffset = sizeof(LINECALLPARAMS);
        std::memcpy(bytes + sizeof(LINECALLPARAMS), types.data(), types.size() * 4);
    }
    const LINECALLPARAMS *get() const { return reinterpret_cast<const LINECALLPARAMS *>(bytes); }
    alignas(8) char bytes[sizeof(LINECALLPARAMS) + 128];
};

class Proxy : public ServerFixture {
protected:
    void SetUp() override
    {
        ServerFixture::SetUp();
        proxy = initApp(kClient, "proxy");
        agent = initApp(kClient, "agent");
        agentLine = open(agent, "100", LINECALLPRIVILEGE_OWNER);
        ProxyParams params({LINEPROXYREQUEST_GETAGENTSTATUS, LINEPROXYREQUEST_CREATEAGENT});
        proxyLine = open(proxy, "100", LINEOPENOPTION_PROXY | LINECALLPRIVILEGE_NONE, kClient,
                         params.get());
        ASSERT_NE(proxyLine, 0u);
    }

    LINEPROXYREQUEST *lastRequest()
    {
        auto requests = proxy.sink->with(LINE_PROXYREQUEST);
        return requests.empty() ? nullptr
                                : reinterpret_cast<LINEPROXYREQUEST *>(requests.back().dwParam1);
    }

    AppUnderTest proxy, agent;
    HLINE proxyLine = 0, agentLine = 0;
};

TEST_F(Proxy, ARequestTypeAlreadyServedCannotBeRegisteredAgain)
{
    auto second = initApp(kClient, "second");
    DWORD dev = device("100"), version = 0;
    LINEEXTENSIONID ext{};
    ASSERT_EQ(server->lineNegotiateAPIVersion(kClient, second.handle, dev, TAPI_VERSION2_0,
                                              TAPI_VERSION2_2, &version, &ext),
              0);
    ProxyParams params({LINEPROXYREQUEST_GETAGENTSTATUS});
    HLINE line = 0;
    EXPECT_EQ(server->lineOpen(kClient, second.handle, dev, &line, version, 0, 0,
                               LINEOPENOPTION_PROXY, 0, params.get()),
              LINEERR_NOTREGISTERED);
}

TEST_F(Proxy, AProxyOpenWithoutRequestTypesIsRefused)
{
    auto second = initApp(kClient, "second");
    DWORD dev = device("101"), version = 0;
    LINEEXTENSIONID ext{};
    server->lineNegotiateAPIVersion(kClient, second.handle, dev, TAPI_VERSION2_0, TAPI_VERSION2_2,
                                    &version, &ext);
    HLINE line = 0;
    EXPECT_EQ(server->lineOpen(kClient, second.handle, dev, &line, version, 0, 0,
                               LINEOPENOPTION_PROXY, 0, nullptr),
              LINEERR_INVALPOINTER);
    ProxyParams bad({99});
    EXPECT_EQ(server->lineOpen(kClient, second.handle, dev, &line, version, 0, 0,
                               LINEOPENOPTION_PROXY, 0, bad.get()),
              LINEERR_INVALPARAM);
}

TEST_F(Proxy, AGetRequestReachesTheProxyWithTheClientsSizeAndItsAnswerReachesTheClient)
{
    alignas(8) char buffer[256] = {};
    auto *status = reinterpret_cast<LINEAGENTSTATUS *>(buffer);
    status->dwTotalSize = sizeof buffer;
    LONG id = server->lineGetAgentStatus(kClient, agentLine, 0, status, StringEncoding::Utf8);
    ASSERT_GT(id, 0);
    LINEPROXYREQUEST *request = lastRequest();
    ASSERT_NE(request, nullptr);
    EXPECT_EQ(proxy.sink->with(LINE_PROXYREQUEST).back().hDevice, proxyLine);
    EXPECT_EQ(request->dwRequestType, static_cast<DWORD>(LINEPROXYREQUEST_GETAGENTSTATUS));
    EXPECT_EQ(request->dwClientAppAPIVersion, static_cast<DWORD>(TAPI_VERSION2_2));
    EXPECT_EQ(request->GetAgentStatus.AgentStatus.dwTotalSize, sizeof buffer);
    std::u16string user(reinterpret_cast<const char16_t *>(reinterpret_cast<char *>(request)
                                                           + request->dwClientUserNameOffset),
                        6);
    EXPECT_EQ(user, u"tester");
    request->GetAgentStatus.AgentStatus.dwNeededSize = sizeof(LINEAGENTSTATUS);
    request->GetAgentStatus.AgentStatus.dwUsedSize = sizeof(LINEAGENTSTATUS);
    request->GetAgentStatus.AgentStatus.dwState = LINEAGENTSTATE_READY;
    ASSERT_EQ(server->lineProxyResponse(kClient, proxyLine, request, 0), 0);
    EXPECT_EQ(agent.sink->reply(id), 0);
    EXPECT_EQ(status->dwState, static_cast<DWORD>(LINEAGENTSTATE_READY));
    EXPECT_EQ(status->dwTotalSize, sizeof buffer);
    EXPECT_EQ(status->dwUsedSize, sizeof(LINEAGENTSTATUS));
}

TEST_F(Proxy, AnErrorFromTheProxyIsTheClientsReplyAndTheBufferIsUntouched)
{
    alignas(8) char buffer[256] = {};
    auto *status = reinterpret_cast<LINEAGENTSTATUS *>(buffer);
    status->dwTotalSize = sizeof buffer;
    LONG id = server->lineGetAgentStatus(kClient, agentLine, 0, status, StringEncoding::Utf8);
    ASSERT_EQ(server->lineProxyResponse(kClient, proxyLine, lastRequest(),
                                        static_cast<DWORD>(LINEERR_INVALAGENTID)),
              0);
    EXPECT_EQ(agent.sink->reply(id), LINEERR_INVALAGENTID);
    EXPECT_EQ(status->dwUsedSize, 0u);
}

TEST_F(Proxy, AResponseCompletesTheRequestExactlyOnce)
{
    alignas(8) char buffer[256] = {};
    auto *status = reinterpret_cast<LINEAGENTSTATUS *>(buffer);
    status->dwTotalSize = sizeof buffer;
    LONG id = server->lineGetAgentStatus(kClient, agentLine, 0, status, StringEncoding::Utf8);
    LINEPROXYREQUEST *request = lastRequest();
    ASSERT_EQ(server->lineProxyResponse(kClient, proxyLine, request, 0), 0);
    EXPECT_EQ(server->lineProxyResponse(kClient, proxyLine, request, 0), LINEERR_INVALPOINTER);
    EXPECT_EQ(agent.sink->replies(id), 1u);
}

TEST_F(Proxy, CreateAgentPassesIdAndPinAsUtf16AndReturnsTheProxysHandle)
{
    HAGENT hAgent = 0;
    LONG id = server->lineCreateAgent(kClient, agentLine, "1001", "1234", &hAgent);
    ASSERT_GT(id, 0);
    LINEPROXYREQUEST *request = lastRequest();
    ASSERT_NE(request, nullptr);
    ASSERT_EQ(request->CreateAgent.dwAgentIDSize, 10u);
    std::u16string agentId(reinterpret_cast<const char16_t *>(reinterpret_cast<char *>(request)
                                                              + request->CreateAgent.dwAgentIDOffset),
                           4);
    EXPECT_EQ(agentId, u"1001");
    request->CreateAgent.hAgent = 0x4711;
    EXPECT_EQ(hAgent, 0u); // written at the reply, not before
    ASSERT_EQ(server->lineProxyResponse(kClient, proxyLine, request, 0), 0);
    EXPECT_EQ(hAgent, 0x4711u);
}

TEST_F(Proxy, ARequestTypeNobodyServesFailsAtOnce)
{
    EXPECT_EQ(server->lineSetAgentActivity(kClient, agentLine, 0, 1), LINEERR_OPERATIONUNAVAIL);
}

TEST_F(Proxy, ClosingTheProxyFailsItsPendingRequests)
{
    alignas(8) char buffer[256] = {};
    auto *status = reinterpret_cast<LINEAGENTSTATUS *>(buffer);
    status->dwTotalSize = sizeof buffer;
    LONG id = server->lineGetAgentStatus(kClient, agentLine, 0, status, StringEncoding::Utf8);
    ASSERT_EQ(server->lineClose(kClient, proxyLine), 0);
    EXPECT_EQ(agent.sink->reply(id), LINEERR_OPERATIONFAILED);
    EXPECT_EQ(server->lineGetAgentStatus(kClient, agentLine, 0, status, StringEncoding::Utf8),
              LINEERR_OPERATIONUNAVAIL);
}

TEST_F(Proxy, OtherAppsOnTheLineHearOfTheProxyOpeningAndClosing)
{
    auto opens = agent.sink->with(LINE_PROXYSTATUS);
    ASSERT_EQ(opens.size(), 2u);
    EXPECT_EQ(opens[0].dwParam1, static_cast<DWORD_PTR>(LINEPROXYSTATUS_OPEN));
    EXPECT_EQ(opens[0].dwParam2, static_cast<DWORD_PTR>(LINEPROXYREQUEST_GETAGENTSTATUS));
    EXPECT_EQ(opens[1].dwParam2, static_cast<DWORD_PTR>(LINEPROXYREQUEST_CREATEAGENT));
    server->lineClose(kClient, proxyLine);
    auto all = agent.sink->with(LINE_PROXYSTATUS);
    ASSERT_EQ(all.size(), 4u);
    EXPECT_EQ(all[2].dwParam1, static_cast<DWORD_PTR>(LINEPROXYSTATUS_CLOSE));
}

TEST_F(Proxy, ProxyStatusListsTheServedTypes)
{
    alignas(8) char buffer[128] = {};
    auto *list = reinterpret_cast<LINEPROXYREQUESTLIST *>(buffer);
    list->dwTotalSize = sizeof buffer;
    ASSERT_EQ(server->lineGetProxyStatus(kClient, agent.handle, device("100"), TAPI_VERSION2_2,
                                         list),
              0);
    ASSERT_EQ(list->dwNumEntries, 2u);
    DWORD types[2];
    std::memcpy(types, buffer + list->dwListOffset, sizeof types);
    EXPECT_EQ(types[0], static_cast<DWORD>(LINEPROXYREQUEST_GETAGENTSTATUS));
    EXPECT_EQ(types[1], static_cast<DWORD>(LINEPROXYREQUEST_CREATEAGENT));
}

TEST_F(Proxy, AProxyMessageReachesEveryOtherAppOnTheLineButNotTheProxy)
{
    auto wallboard = initApp(kClient, "wallboard");
    HLINE wbLine = open(wallboard, "100", LINECALLPRIVILEGE_NONE);
    ASSERT_EQ(server->lineProxyMessage(kClient, proxyLine, 0, LINE_AGENTSTATUS, 0,
                                       LINEAGENTSTATUS_STATE, LINEAGENTSTATE_READY),
              0);
    auto a = agent.sink->with(LINE_AGENTSTATUS);
    auto w = wallboard.sink->with(LINE_AGENTSTATUS);
    ASSERT_EQ(a.size(), 1u);
    ASSERT_EQ(w.size(), 1u);
    EXPECT_EQ(a[0].hDevice, agentLine);
    EXPECT_EQ(w[0].hDevice, wbLine);
    EXPECT_EQ(w[0].dwParam3, static_cast<DWORD_PTR>(LINEAGENTSTATE_READY));
    EXPECT_TRUE(proxy.sink->with(LINE_AGENTSTATUS).empty());
}

TEST_F(Proxy, OnlyTheProxyMaySendProxyMessagesAndOnlyStatusMessages)
{
    EXPECT_EQ(server->lineProxyMessage(kClient, agentLine, 0, LINE_AGENTSTATUS, 0, 0, 0),
              LINEERR_NOTREGISTERED);
    EXPECT_EQ(server->lineProxyMessage(kClient, proxyLine, 0, LINE_CALLSTATE, 0, 0, 0),
              LINEERR_INVALPARAM);
}

TEST_F(Proxy, AGetWithABufferBelowTheFixedPartFailsAtOnce)
{
    LINEAGENTSTATUS status{};
    status.dwTotalSize = 8;
    EXPECT_EQ(server->lineGetAgentStatus(kClient, agentLine, 0, &status, StringEncoding::Utf8),
              LINEERR_STRUCTURETOOSMALL);
    EXPECT_EQ(status.dwNeededSize, sizeof(LINEAGENTSTATUS));
}

TEST_F(Proxy, AClientThatShutsDownDoesNotBreakTheProxysResponse)
{
    alignas(8) char buffer[256] = {};
    auto *status = reinterpret_cast<LINEAGENTSTATUS *>(buffer);
    status->dwTotalSize = sizeof buffer;
    server->lineGetAgentStatus(kClient, agentLine, 0, status, StringEncoding::Utf8);
    LINEPROXYREQUEST *request = lastRequest();
    ASSERT_EQ(server->lineShutdown(kClient, agent.handle), 0);
    EXPECT_EQ(server->lineProxyResponse(kClient, proxyLine, request, 0), 0);
}

} // namespace
} // namespace acd::tapi::test
