// Agents (TAPI 2.2) and the suite's lineAgentSpecific extension through the built-in proxy.
#include "proxy_fixture.h"

#include <cstring>

namespace acd::tapi::acdtest {
namespace {

using Agents = ProxyFixture;

TEST_F(Agents, CreatingAKnownAgentWithItsPinReturnsTheFirstHandle)
{
    HAGENT agent = 0;
    LONG id = server->lineCreateAgent(kClient, deskLine, "1001", "1234", &agent);
    ASSERT_GT(id, 0);
    EXPECT_EQ(result(id), 0);
    EXPECT_EQ(desk.sink->replies(id), 1u);
    EXPECT_EQ(agent, AcdProxy::kFirstAgentHandle);
    EXPECT_EQ(proxy->agentHandle(1001), AcdProxy::kFirstAgentHandle);
}

TEST_F(Agents, TheSameAgentCreatedTwiceGetsTheSameHandleAndAnotherAgentTheNext)
{
    EXPECT_EQ(createAgent("1001", "1234"), 0x1000u);
    EXPECT_EQ(createAgent("1001", "1234"), 0x1000u);
    EXPECT_EQ(createAgent("1002", "4321"), 0x1001u);
}

TEST_F(Agents, AnUnknownOrMalformedAgentIdIsInvalAgentId)
{
    for (const char *id : {"9999", "01001", "+1001", "1001 ", "abc", ""}) {
        HAGENT agent = 0;
        EXPECT_EQ(result(server->lineCreateAgent(kClient, deskLine, id, "1234", &agent)),
                  LINEERR_INVALAGENTID)
            << id;
        EXPECT_EQ(agent, 0u);
    }
    HAGENT agent = 0;
    EXPECT_EQ(result(server->lineCreateAgent(kClient, deskLine, nullptr, "1234", &agent)),
              LINEERR_INVALAGENTID);
}

TEST_F(Agents, AWrongOrMissingPinIsInvalPassword)
{
    HAGENT agent = 0;
    EXPECT_EQ(result(server->lineCreateAgent(kClient, deskLine, "1001", "4321", &agent)),
              LINEERR_INVALPASSWORD);
    EXPECT_EQ(result(server->lineCreateAgent(kClient, deskLine, "1001", "", &agent)),
              LINEERR_INVALPASSWORD);
    EXPECT_EQ(result(server->lineCreateAgent(kClient, deskLine, "1001", nullptr, &agent)),
              LINEERR_INVALPASSWORD);
    EXPECT_EQ(agent, 0u);
    EXPECT_EQ(proxy->agentHandle(1001), 0u);
}

TEST_F(Agents, GetAgentInfoOfANewAgentReportsReleasedAndTheConfiguredPeriod)
{
    HAGENT agent = createAgent();
    LINEAGENTINFO info{};
    info.dwTotalSize = sizeof info;
    EXPECT_EQ(result(server->lineGetAgentInfo(kClient, deskLine, agent, &info)), 0);
    EXPECT_EQ(info.dwNeededSize, sizeof(LINEAGENTINFO));
    EXPECT_EQ(info.dwUsedSize, sizeof(LINEAGENTINFO));
    EXPECT_EQ(info.dwAgentState, static_cast<DWORD>(LINEAGENTSTATEEX_RELEASED));
    EXPECT_EQ(info.dwMeasurementPeriod, 1800u);
    EXPECT_EQ(info.dwNumberOfACDCalls, 0u);
}

TEST_F(Agents, SetAgentMeasurementPeriodChangesWhatGetAgentInfoReports)
{
    HAGENT agent = createAgent();
    EXPECT_EQ(result(server->lineSetAgentMeasurementPeriod(kClient, deskLine, agent, 600)), 0);
    LINEAGENTINFO info{};
    info.dwTotalSize = sizeof info;
    EXPECT_EQ(result(server->lineGetAgentInfo(kClient, deskLine, agent, &info)), 0);
    EXPECT_EQ(info.dwMeasurementPeriod, 600u);
}

TEST_F(Agents, AnUnknownAgentHandleIsInvalAgentIdInEveryAgentFunction)
{
    createAgent();
    const HAGENT unknown = 0x0FFF;
    LINEAGENTINFO info{};
    info.dwTotalSize = sizeof info;
    EXPECT_EQ(result(server->lineGetAgentInfo(kClient, deskLine, unknown, &info)),
              LINEERR_INVALAGENTID);
    EXPECT_EQ(result(server->lineSetAgentMeasurementPeriod(kClient, deskLine, unknown, 600)),
              LINEERR_INVALAGENTID);
    EXPECT_EQ(
        result(server->lineSetAgentStateEx(kClient, deskLine, unknown, LINEAGENTSTATEEX_READY, 0)),
        LINEERR_INVALAGENTID);
    GUID g = group(0);
    HAGENTSESSION session = 0;
    EXPECT_EQ(
        result(server->lineCreateAgentSession(kClient, deskLine, unknown, "1234", 0, &g, &session)),
        LINEERR_INVALAGENTID);
    alignas(8) char buffer[256] = {};
    auto *list = reinterpret_cast<LINEAGENTSESSIONLIST *>(buffer);
    list->dwTotalSize = sizeof buffer;
    EXPECT_EQ(result(server->lineGetAgentSessionList(kClient, deskLine, unknown, list)),
              LINEERR_INVALAGENTID);
}

// ---- lineAgentSpecific (ACDAGENTSPECIFIC_*) ----------------------------------------------

class AgentSpecific : public ProxyFixture {
protected:
    LONG send(DWORD command, DWORD value, ACDAGENTSPECIFICPARAMS &params, DWORD index = 0,
              DWORD size = sizeof(ACDAGENTSPECIFICPARAMS))
    {
        params.dwCommand = command;
        params.dwValue = value;
        return result(server->lineAgentSpecific(kClient, deskLine, 0, index, &params, size));
    }
    void loginReady()
    {
        HAGENT agent = createAgent();
        HAGENTSESSION session = createSession(agent, group(0));
        ASSERT_NE(session, 0u);
        ASSERT_EQ(result(server->lineSetAgentStateEx(kClient, deskLine, agent,
                                                     LINEAGENTSTATEEX_READY, 0)),
                  0);
        ASSERT_EQ(result(server->lineSetAgentSessionState(kClient, deskLine, session,
                                                          LINEAGENTSESSIONSTATE_READY, 0)),
                  0);
    }
    /// A supervisor puts agent 1001 Not Ready with reason 1.
    void forceNotReady(const std::string &by)
    {
        ASSERT_TRUE(engine
                        ->setAgentState(1001, core::AgentStateEx::NotReady,
                                        core::AgentStateEx::None, 1, nowMs, by)
                        .isOk());
        settle();
    }
};

TEST_F(AgentSpecific, GetStationReturnsTheStationOfTheAgentsSession)
{
    loginReady();
    ACDAGENTSPECIFICPARAMS params{};
    EXPECT_EQ(send(ACDAGENTSPECIFIC_GETSTATION, 0, params), 0);
    EXPECT_STREQ(params.szText, "100");
}

TEST_F(AgentSpecific, SetReasonPutsTheAgentNotReadyWithThatReason)
{
    loginReady();
    ACDAGENTSPECIFICPARAMS params{};
    EXPECT_EQ(send(ACDAGENTSPECIFIC_SETREASON, 2, params), 0);
    auto a = engine->agent(1001).value();
    EXPECT_EQ(a.activity, core::AgentActivity::NotReady);
    EXPECT_EQ(a.reason, 2u);
    EXPECT_EQ(send(ACDAGENTSPECIFIC_SETREASON, 7, params), LINEERR_INVALAGENTACTIVITY);
}

TEST_F(AgentSpecific, EndWrapUpEndsAfterCallWorkAndOutsideWrapUpIsInvalAgentState)
{
    loginReady();
    ACDAGENTSPECIFICPARAMS params{};
    EXPECT_EQ(send(ACDAGENTSPECIFIC_ENDWRAPUP, 0, params), LINEERR_INVALAGENTSTATE);
    core::CallArrival call;
    call.id = 1;
    call.queue = 10;
    ASSERT_TRUE(engine->callArrived(call, nowMs).isOk());
    ASSERT_TRUE(engine->callAnswered(1, nowMs).isOk());
    ASSERT_TRUE(engine->callCleared(1, nowMs).isOk());
    settle();
    ASSERT_EQ(engine->agent(1001).value().activity, core::AgentActivity::WrapUp);
    EXPECT_EQ(send(ACDAGENTSPECIFIC_ENDWRAPUP, 0, params), 0);
    EXPECT_EQ(engine->agent(1001).value().activity, core::AgentActivity::Available);
}

TEST_F(AgentSpecific, GetLastChangeNamesNobodyWhenTheAgentChoseTheReason)
{
    loginReady();
    ACDAGENTSPECIFICPARAMS params{};
    ASSERT_EQ(send(ACDAGENTSPECIFIC_SETREASON, 2, params), 0);
    settle();
    std::strcpy(params.szText, "stale");
    EXPECT_EQ(send(ACDAGENTSPECIFIC_GETLASTCHANGE, 0, params), 0);
    EXPECT_EQ(params.dwValue, 2u);
    EXPECT_STREQ(params.szText, "");
}

TEST_F(AgentSpecific, GetLastChangeNamesTheSupervisorWhoForcedTheState)
{
    loginReady();
    forceNotReady("carol");
    ACDAGENTSPECIFICPARAMS params{};
    EXPECT_EQ(send(ACDAGENTSPECIFIC_GETLASTCHANGE, 0, params), 0);
    EXPECT_EQ(params.dwValue, 1u);
    EXPECT_STREQ(params.szText, "carol");
}

TEST_F(AgentSpecific, GetLastChangeAfterTheAgentGoesReadyAgainNamesNobody)
{
    loginReady();
    forceNotReady("carol");
    ASSERT_TRUE(engine
                    ->setAgentState(1001, core::AgentStateEx::Ready, core::AgentStateEx::None, 0,
                                    nowMs)
                    .isOk());
    settle();
    ACDAGENTSPECIFICPARAMS params{};
    EXPECT_EQ(send(ACDAGENTSPECIFIC_GETLASTCHANGE, 0, params), 0);
    EXPECT_EQ(params.dwValue, 0u);
    EXPECT_STREQ(params.szText, "");
}

TEST_F(AgentSpecific, AnExtensionIndexOtherThanZeroIsInvalParam)
{
    loginReady();
    ACDAGENTSPECIFICPARAMS params{};
    EXPECT_EQ(send(ACDAGENTSPECIFIC_GETSTATION, 0, params, 1), LINEERR_INVALPARAM);
}

TEST_F(AgentSpecific, ParametersSmallerThanTheStructureAreStructureTooSmall)
{
    loginReady();
    ACDAGENTSPECIFICPARAMS params{};
    EXPECT_EQ(send(ACDAGENTSPECIFIC_GETSTATION, 0, params, 0, 8), LINEERR_STRUCTURETOOSMALL);
}

TEST_F(AgentSpecific, AnUnknownCommandIsInvalParam)
{
    loginReady();
    ACDAGENTSPECIFICPARAMS params{};
    EXPECT_EQ(send(99, 0, params), LINEERR_INVALPARAM);
}

TEST_F(AgentSpecific, NoAgentAtTheAddressIsInvalAgentId)
{
    ACDAGENTSPECIFICPARAMS params{};
    EXPECT_EQ(send(ACDAGENTSPECIFIC_GETSTATION, 0, params), LINEERR_INVALAGENTID);
}

} // namespace
} // namespace acd::tapi::acdtest
