// Agent sessions (TAPI 2.2) through the built-in proxy.
#include "proxy_fixture.h"

#include <cstring>

namespace acd::tapi::acdtest {
namespace {

using Sessions = ProxyFixture;

TEST_F(Sessions, CreatingASessionLogsTheAgentInToTheGroupAtTheDesksStation)
{
    HAGENT agent = createAgent();
    GUID g = group(0);
    HAGENTSESSION session = 0;
    LONG id = server->lineCreateAgentSession(kClient, deskLine, agent, "1234", 0, &g, &session);
    ASSERT_GT(id, 0);
    EXPECT_EQ(result(id), 0);
    EXPECT_EQ(session, AcdProxy::kFirstSessionHandle);
    auto sessions = engine->sessionsOf(1001);
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_EQ(proxy->sessionHandle(sessions[0]), session);
    auto s = engine->session(sessions[0]).value();
    EXPECT_EQ(s.station, "100");
    EXPECT_EQ(s.group, 1u);
    EXPECT_EQ(engine->agent(1001).value().activity, core::AgentActivity::NotReady);
}

TEST_F(Sessions, AWrongOrMissingPinIsInvalPassword)
{
    HAGENT agent = createAgent();
    GUID g = group(0);
    HAGENTSESSION session = 0;
    EXPECT_EQ(
        result(server->lineCreateAgentSession(kClient, deskLine, agent, "0000", 0, &g, &session)),
        LINEERR_INVALPASSWORD);
    EXPECT_EQ(
        result(server->lineCreateAgentSession(kClient, deskLine, agent, nullptr, 0, &g, &session)),
        LINEERR_INVALPASSWORD);
    EXPECT_EQ(session, 0u);
    EXPECT_TRUE(engine->sessionsOf(1001).empty());
}

TEST_F(Sessions, AGroupThatIsNotConfiguredIsInvalAgentGroup)
{
    HAGENT agent = createAgent();
    GUID g = group(0);
    g.Data1 ^= 1;
    HAGENTSESSION session = 0;
    EXPECT_EQ(
        result(server->lineCreateAgentSession(kClient, deskLine, agent, "1234", 0, &g, &session)),
        LINEERR_INVALAGENTGROUP);
}

TEST_F(Sessions, ASecondSessionInTheSameGroupFailsWithOperationFailed)
{
    HAGENT agent = createAgent();
    ASSERT_EQ(createSession(agent, group(0)), 0x2000u);
    GUID g = group(0);
    HAGENTSESSION session = 0;
    EXPECT_EQ(
        result(server->lineCreateAgentSession(kClient, deskLine, agent, "1234", 0, &g, &session)),
        LINEERR_OPERATIONFAILED);
}

TEST_F(Sessions, GetAgentSessionListListsEverySessionOfTheAgent)
{
    HAGENT agent = createAgent();
    ASSERT_EQ(createSession(agent, group(0)), 0x2000u);
    ASSERT_EQ(createSession(agent, group(1)), 0x2001u);
    alignas(8) char buffer[256] = {};
    auto *list = reinterpret_cast<LINEAGENTSESSIONLIST *>(buffer);
    list->dwTotalSize = sizeof buffer;
    EXPECT_EQ(result(server->lineGetAgentSessionList(kClient, deskLine, agent, list)), 0);
    ASSERT_EQ(list->dwNumEntries, 2u);
    EXPECT_EQ(list->dwListSize, 2 * sizeof(LINEAGENTSESSIONENTRY));
    EXPECT_EQ(list->dwNeededSize, sizeof(LINEAGENTSESSIONLIST) + 2 * sizeof(LINEAGENTSESSIONENTRY));
    LINEAGENTSESSIONENTRY entries[2];
    std::memcpy(entries, buffer + list->dwListOffset, sizeof entries);
    EXPECT_EQ(entries[0].hAgentSession, 0x2000u);
    EXPECT_EQ(entries[0].hAgent, agent);
    GUID g0 = group(0), g1 = group(1);
    EXPECT_EQ(std::memcmp(&entries[0].GroupID, &g0, sizeof g0), 0);
    EXPECT_EQ(entries[0].dwWorkingAddressID, 0u);
    EXPECT_EQ(entries[1].hAgentSession, 0x2001u);
    EXPECT_EQ(std::memcmp(&entries[1].GroupID, &g1, sizeof g1), 0);
}

TEST_F(Sessions, GetAgentSessionInfoReportsTheStateTheStartAndTheDuration)
{
    HAGENT agent = createAgent();
    HAGENTSESSION session = createSession(agent, group(0));
    advance(90'000);
    LINEAGENTSESSIONINFO info{};
    info.dwTotalSize = sizeof info;
    EXPECT_EQ(result(server->lineGetAgentSessionInfo(kClient, deskLine, session, &info)), 0);
    EXPECT_EQ(info.dwUsedSize, sizeof(LINEAGENTSESSIONINFO));
    EXPECT_EQ(info.dwAgentSessionState, static_cast<DWORD>(LINEAGENTSESSIONSTATE_NOTREADY));
    const DATE started = info.dateSessionStartTime; // a packed field: copy, never bind a reference
    EXPECT_EQ(started, oleDateFromUnixMs(kStart));
    EXPECT_EQ(info.dwSessionDuration, 90u);
    EXPECT_EQ(info.dwNumberOfCalls, 0u);
}

TEST_F(Sessions, AnUnknownSessionHandleIsInvalParam)
{
    createSession(createAgent(), group(0));
    LINEAGENTSESSIONINFO info{};
    info.dwTotalSize = sizeof info;
    EXPECT_EQ(result(server->lineGetAgentSessionInfo(kClient, deskLine, 0x2FFF, &info)),
              LINEERR_INVALPARAM);
    EXPECT_EQ(result(server->lineSetAgentSessionState(kClient, deskLine, 0x2FFF,
                                                      LINEAGENTSESSIONSTATE_READY, 0)),
              LINEERR_INVALPARAM);
}

TEST_F(Sessions, ASessionOfANotReadyAgentStaysNotReadyUntilTheAgentIsReady)
{
    HAGENT agent = createAgent();
    HAGENTSESSION session = createSession(agent, group(0));
    EXPECT_EQ(result(server->lineSetAgentSessionState(kClient, deskLine, session,
                                                      LINEAGENTSESSIONSTATE_READY, 0)),
              0);
    LINEAGENTSESSIONINFO info{};
    info.dwTotalSize = sizeof info;
    EXPECT_EQ(result(server->lineGetAgentSessionInfo(kClient, deskLine, session, &info)), 0);
    EXPECT_EQ(info.dwAgentSessionState, static_cast<DWORD>(LINEAGENTSESSIONSTATE_NOTREADY));
    ASSERT_EQ(
        result(server->lineSetAgentStateEx(kClient, deskLine, agent, LINEAGENTSTATEEX_READY, 0)),
        0);
    EXPECT_EQ(result(server->lineGetAgentSessionInfo(kClient, deskLine, session, &info)), 0);
    EXPECT_EQ(info.dwAgentSessionState, static_cast<DWORD>(LINEAGENTSESSIONSTATE_READY));
}

TEST_F(Sessions, SetAgentSessionStateReadyMakesTheSessionOfAReadyAgentReady)
{
    HAGENT agent = createAgent();
    HAGENTSESSION session = createSession(agent, group(0));
    ASSERT_EQ(
        result(server->lineSetAgentStateEx(kClient, deskLine, agent, LINEAGENTSTATEEX_READY, 0)),
        0);
    LINEAGENTSESSIONINFO before{};
    before.dwTotalSize = sizeof before;
    EXPECT_EQ(result(server->lineGetAgentSessionInfo(kClient, deskLine, session, &before)), 0);
    EXPECT_EQ(before.dwAgentSessionState, static_cast<DWORD>(LINEAGENTSESSIONSTATE_NOTREADY));
    EXPECT_EQ(result(server->lineSetAgentSessionState(kClient, deskLine, session,
                                                      LINEAGENTSESSIONSTATE_READY, 0)),
              0);
    LINEAGENTSESSIONINFO info{};
    info.dwTotalSize = sizeof info;
    EXPECT_EQ(result(server->lineGetAgentSessionInfo(kClient, deskLine, session, &info)), 0);
    EXPECT_EQ(info.dwAgentSessionState, static_cast<DWORD>(LINEAGENTSESSIONSTATE_READY));
}

TEST_F(Sessions, AnUndefinedOrEngineOnlySessionStateIsInvalAgentSessionState)
{
    HAGENTSESSION session = createSession(createAgent(), group(0));
    EXPECT_EQ(result(server->lineSetAgentSessionState(
                  kClient, deskLine, session,
                  LINEAGENTSESSIONSTATE_READY | LINEAGENTSESSIONSTATE_NOTREADY, 0)),
              LINEERR_INVALAGENTSESSIONSTATE);
    EXPECT_EQ(result(server->lineSetAgentSessionState(kClient, deskLine, session,
                                                      LINEAGENTSESSIONSTATE_BUSYONCALL, 0)),
              LINEERR_INVALAGENTSESSIONSTATE);
    EXPECT_EQ(result(server->lineSetAgentSessionState(kClient, deskLine, session, 0, 0x80)),
              LINEERR_INVALAGENTSESSIONSTATE);
}

TEST_F(Sessions, SetAgentSessionStateEndedEndsTheSessionAndAnEndedSessionCannotChange)
{
    HAGENT agent = createAgent();
    HAGENTSESSION session = createSession(agent, group(0));
    EXPECT_EQ(result(server->lineSetAgentSessionState(kClient, deskLine, session,
                                                      LINEAGENTSESSIONSTATE_ENDED, 0)),
              0);
    EXPECT_TRUE(engine->sessionsOf(1001).empty());
    EXPECT_EQ(result(server->lineSetAgentSessionState(kClient, deskLine, session,
                                                      LINEAGENTSESSIONSTATE_READY, 0)),
              LINEERR_INVALAGENTSESSIONSTATE);
    LINEAGENTSESSIONINFO info{};
    info.dwTotalSize = sizeof info;
    EXPECT_EQ(result(server->lineGetAgentSessionInfo(kClient, deskLine, session, &info)), 0);
    EXPECT_EQ(info.dwAgentSessionState, static_cast<DWORD>(LINEAGENTSESSIONSTATE_ENDED));
}

} // namespace
} // namespace acd::tapi::acdtest
