// Agent states: lineSetAgentStateEx (TAPI 2.2) and the TAPI 2.0 per-address model
// (lineSetAgentGroup, lineSetAgentState, lineSetAgentActivity, lineGetAgentStatus).
#include "proxy_fixture.h"

#include <cstring>

namespace acd::tapi::acdtest {
namespace {

class States : public ProxyFixture {
protected:
    /// lineGetAgentStatus on the desk line (UTF-8) into `buffer`.
    LINEAGENTSTATUS *status(LONG &rc)
    {
        std::memset(buffer, 0, sizeof buffer);
        auto *s = reinterpret_cast<LINEAGENTSTATUS *>(buffer);
        s->dwTotalSize = sizeof buffer;
        rc = result(server->lineGetAgentStatus(kClient, deskLine, 0, s, StringEncoding::Utf8));
        return s;
    }
    std::vector<GUID> groupsIn(const LINEAGENTSTATUS *s)
    {
        std::vector<GUID> out(s->dwNumEntries);
        for (DWORD i = 0; i < s->dwNumEntries; ++i)
            std::memcpy(&out[i], buffer + s->dwGroupListOffset + i * sizeof(LINEAGENTGROUPENTRY),
                        sizeof(GUID));
        return out;
    }
    LONG setGroups(const std::vector<GUID> &groups)
    {
        auto list = groupList(groups);
        return result(server->lineSetAgentGroup(
            kClient, deskLine, 0, reinterpret_cast<const LINEAGENTGROUPLIST *>(list.data())));
    }
    LINEAGENTINFO info(HAGENT agent)
    {
        LINEAGENTINFO i{};
        i.dwTotalSize = sizeof i;
        EXPECT_EQ(result(server->lineGetAgentInfo(kClient, deskLine, agent, &i)), 0);
        return i;
    }
    alignas(8) char buffer[512] = {};
};

bool sameGuid(const GUID &a, const GUID &b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

// ---- lineSetAgentStateEx -------------------------------------------------------------------

TEST_F(States, SetAgentStateExReadyMakesALoggedInAgentReady)
{
    HAGENT agent = createAgent();
    createSession(agent, group(0));
    EXPECT_EQ(
        result(server->lineSetAgentStateEx(kClient, deskLine, agent, LINEAGENTSTATEEX_READY, 0)),
        0);
    EXPECT_EQ(info(agent).dwAgentState, static_cast<DWORD>(LINEAGENTSTATEEX_READY));
    EXPECT_EQ(engine->agent(1001).value().activity, core::AgentActivity::Available);
}

TEST_F(States, SetAgentStateExNotReadyKeepsTheCurrentReason)
{
    HAGENT agent = createAgent();
    createSession(agent, group(0));
    ASSERT_EQ(result(server->lineSetAgentActivity(kClient, deskLine, 0, 2)), 0);
    EXPECT_EQ(
        result(server->lineSetAgentStateEx(kClient, deskLine, agent, LINEAGENTSTATEEX_NOTREADY, 0)),
        0);
    EXPECT_EQ(engine->agent(1001).value().reason, 2u);
}

TEST_F(States, SetAgentStateExWithACombinationOrAnEngineOnlyStateIsInvalAgentState)
{
    HAGENT agent = createAgent();
    createSession(agent, group(0));
    EXPECT_EQ(result(server->lineSetAgentStateEx(
                  kClient, deskLine, agent, LINEAGENTSTATEEX_READY | LINEAGENTSTATEEX_NOTREADY, 0)),
              LINEERR_INVALAGENTSTATE);
    EXPECT_EQ(
        result(server->lineSetAgentStateEx(kClient, deskLine, agent, LINEAGENTSTATEEX_BUSYACD, 0)),
        LINEERR_INVALAGENTSTATE);
    EXPECT_EQ(result(server->lineSetAgentStateEx(kClient, deskLine, agent, 0, 0x80)),
              LINEERR_INVALAGENTSTATE);
}

TEST_F(States, SetAgentStateExOnAnAgentWithoutSessionIsInvalAgentState)
{
    HAGENT agent = createAgent();
    EXPECT_EQ(
        result(server->lineSetAgentStateEx(kClient, deskLine, agent, LINEAGENTSTATEEX_READY, 0)),
        LINEERR_INVALAGENTSTATE);
}

TEST_F(States, SetAgentStateExReleasedLogsTheAgentOut)
{
    HAGENT agent = createAgent();
    createSession(agent, group(0));
    EXPECT_EQ(
        result(server->lineSetAgentStateEx(kClient, deskLine, agent, LINEAGENTSTATEEX_RELEASED, 0)),
        0);
    EXPECT_EQ(engine->agent(1001).value().activity, core::AgentActivity::LoggedOut);
    EXPECT_TRUE(engine->sessionsOf(1001).empty());
}

// ---- lineSetAgentGroup -----------------------------------------------------------------------

TEST_F(States, SetAgentGroupLogsTheAgentCreatedOnTheLineInToTheListedGroups)
{
    createAgent();
    EXPECT_EQ(setGroups({group(0), group(1)}), 0);
    LONG rc = 1;
    LINEAGENTSTATUS *s = status(rc);
    ASSERT_EQ(rc, 0);
    ASSERT_EQ(s->dwNumEntries, 2u);
    auto groups = groupsIn(s);
    EXPECT_TRUE(sameGuid(groups[0], group(0)));
    EXPECT_TRUE(sameGuid(groups[1], group(1)));
    EXPECT_EQ(s->dwState, static_cast<DWORD>(LINEAGENTSTATE_NOTREADY));
    for (auto id : engine->sessionsOf(1001))
        EXPECT_EQ(engine->session(id).value().station, "100");
}

TEST_F(States, SetAgentGroupWithFewerGroupsEndsTheOthersAndAnEmptyListLogsOut)
{
    createAgent();
    ASSERT_EQ(setGroups({group(0), group(1)}), 0);
    EXPECT_EQ(setGroups({group(1)}), 0);
    auto sessions = engine->sessionsOf(1001);
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_EQ(engine->session(sessions[0]).value().group, 2u);
    EXPECT_EQ(setGroups({}), 0);
    EXPECT_TRUE(engine->sessionsOf(1001).empty());
    EXPECT_EQ(engine->agent(1001).value().activity, core::AgentActivity::LoggedOut);
}

TEST_F(States, SetAgentGroupWithoutAnAgentAtTheAddressIsInvalAgentId)
{
    EXPECT_EQ(setGroups({group(0)}), LINEERR_INVALAGENTID);
}

TEST_F(States, SetAgentGroupWithAnUnknownGroupIsInvalAgentGroupAndChangesNothing)
{
    createAgent();
    GUID unknown = group(0);
    unknown.Data2 ^= 1;
    EXPECT_EQ(setGroups({group(0), unknown}), LINEERR_INVALAGENTGROUP);
    EXPECT_TRUE(engine->sessionsOf(1001).empty());
}

TEST_F(States, TheAgentAtAnAddressIsTheOneWithASessionThereBeforeTheOneCreatedLast)
{
    HAGENT alice = createAgent("1001", "1234");
    createSession(alice, group(0));
    createAgent("1002", "4321"); // created last on the line, but Alice is logged in here
    EXPECT_EQ(result(server->lineSetAgentState(kClient, deskLine, 0, LINEAGENTSTATE_READY, 0)), 0);
    EXPECT_EQ(engine->agent(1001).value().activity, core::AgentActivity::Available);
    EXPECT_EQ(engine->agent(1002).value().activity, core::AgentActivity::LoggedOut);
}

// ---- lineSetAgentState -----------------------------------------------------------------------

TEST_F(States, SetAgentStateHonoursTheStateAndTheNextState)
{
    createAgent();
    ASSERT_EQ(setGroups({group(0)}), 0);
    EXPECT_EQ(result(server->lineSetAgentState(kClient, deskLine, 0, LINEAGENTSTATE_READY,
                                               LINEAGENTSTATE_NOTREADY)),
              0);
    LONG rc = 1;
    LINEAGENTSTATUS *s = status(rc);
    ASSERT_EQ(rc, 0);
    EXPECT_EQ(s->dwState, static_cast<DWORD>(LINEAGENTSTATE_READY));
    EXPECT_EQ(s->dwNextState, static_cast<DWORD>(LINEAGENTSTATE_NOTREADY));
}

TEST_F(States, SetAgentStateReadyAlsoMakesTheAgentsSessionsAtTheStationReady)
{
    createAgent();
    ASSERT_EQ(setGroups({group(0), group(1)}), 0);
    EXPECT_EQ(result(server->lineSetAgentState(kClient, deskLine, 0, LINEAGENTSTATE_READY, 0)), 0);
    auto sessions = engine->sessionsOf(1001);
    ASSERT_EQ(sessions.size(), 2u);
    for (auto id : sessions)
        EXPECT_EQ(engine->session(id).value().state, core::SessionState::Ready);
    EXPECT_EQ(result(server->lineSetAgentState(kClient, deskLine, 0, LINEAGENTSTATE_NOTREADY, 0)),
              0);
    for (auto id : sessions)
        EXPECT_EQ(engine->session(id).value().state, core::SessionState::NotReady);
}

TEST_F(States, SetAgentStateWithAStateWithoutCoreMeaningIsInvalAgentState)
{
    createAgent();
    ASSERT_EQ(setGroups({group(0)}), 0);
    EXPECT_EQ(
        result(server->lineSetAgentState(kClient, deskLine, 0, LINEAGENTSTATE_WORKINGAFTERCALL, 0)),
        LINEERR_INVALAGENTSTATE);
    EXPECT_EQ(result(server->lineSetAgentState(kClient, deskLine, 0, LINEAGENTSTATE_BUSYACD, 0)),
              LINEERR_INVALAGENTSTATE);
}

TEST_F(States, SetAgentStateWithoutAnAgentAtTheAddressIsInvalAgentId)
{
    EXPECT_EQ(result(server->lineSetAgentState(kClient, deskLine, 0, LINEAGENTSTATE_READY, 0)),
              LINEERR_INVALAGENTID);
}

TEST_F(States, SetAgentStateLoggedOffLogsTheAgentOut)
{
    createAgent();
    ASSERT_EQ(setGroups({group(0)}), 0);
    EXPECT_EQ(result(server->lineSetAgentState(kClient, deskLine, 0, LINEAGENTSTATE_LOGGEDOFF, 0)),
              0);
    EXPECT_TRUE(engine->sessionsOf(1001).empty());
}

// ---- lineSetAgentActivity and lineGetAgentStatus ---------------------------------------------

TEST_F(States, SetAgentActivitySetsTheNotReadyReasonThatGetAgentStatusShows)
{
    createAgent();
    ASSERT_EQ(setGroups({group(0)}), 0);
    ASSERT_EQ(result(server->lineSetAgentState(kClient, deskLine, 0, LINEAGENTSTATE_READY, 0)), 0);
    EXPECT_EQ(result(server->lineSetAgentActivity(kClient, deskLine, 0, 1)), 0);
    LONG rc = 1;
    LINEAGENTSTATUS *s = status(rc);
    ASSERT_EQ(rc, 0);
    EXPECT_EQ(s->dwState, static_cast<DWORD>(LINEAGENTSTATE_NOTREADY));
    EXPECT_EQ(s->dwActivityID, 1u);
    EXPECT_EQ(text(s, s->dwActivitySize, s->dwActivityOffset), "Lunch");
    EXPECT_EQ(s->dwAgentFeatures, 0x3Fu);
    EXPECT_EQ(s->dwValidStates,
              static_cast<DWORD>(LINEAGENTSTATE_LOGGEDOFF | LINEAGENTSTATE_NOTREADY
                                 | LINEAGENTSTATE_READY));
    EXPECT_EQ(s->dwValidNextStates,
              static_cast<DWORD>(LINEAGENTSTATE_NOTREADY | LINEAGENTSTATE_READY));
}

TEST_F(States, SetAgentActivityWithAnUnknownCodeIsInvalAgentActivity)
{
    createAgent();
    ASSERT_EQ(setGroups({group(0)}), 0);
    EXPECT_EQ(result(server->lineSetAgentActivity(kClient, deskLine, 0, 7)),
              LINEERR_INVALAGENTACTIVITY);
    EXPECT_EQ(result(server->lineSetAgentActivity(kClient, deskLine, 0, 0)),
              LINEERR_INVALAGENTACTIVITY);
}

TEST_F(States, SetAgentActivityWithoutAnAgentAtTheAddressIsInvalAgentId)
{
    EXPECT_EQ(result(server->lineSetAgentActivity(kClient, deskLine, 0, 1)), LINEERR_INVALAGENTID);
}

TEST_F(States, GetAgentStatusWithoutAnAgentReportsLoggedOffWithoutGroups)
{
    LONG rc = 1;
    LINEAGENTSTATUS *s = status(rc);
    ASSERT_EQ(rc, 0);
    EXPECT_EQ(s->dwState, static_cast<DWORD>(LINEAGENTSTATE_LOGGEDOFF));
    EXPECT_EQ(s->dwNextState, 0u);
    EXPECT_EQ(s->dwNumEntries, 0u);
    EXPECT_EQ(s->dwValidStates, 0u);
    EXPECT_EQ(s->dwUsedSize, sizeof(LINEAGENTSTATUS));
}

} // namespace
} // namespace acd::tapi::acdtest
