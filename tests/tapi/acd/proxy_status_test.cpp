// Status messages the built-in proxy sends for the core's events (LINE_AGENTSTATUSEX,
// LINE_AGENTSTATUS, LINE_AGENTSESSIONSTATUS, LINE_QUEUESTATUS).
#include "proxy_fixture.h"

#include <algorithm>

namespace acd::tapi::acdtest {
namespace {

class StatusMessages : public ProxyFixture {
protected:
    void SetUp() override
    {
        ProxyFixture::SetUp();
        wallboard = initApp("wallboard");
        wallboardLine = open(wallboard, "101");
        settle();
        wallboard.sink->clear();
    }
    App wallboard; ///< an application on station "101"
    HLINE wallboardLine = 0;
};

constexpr DWORD kStatusEx = LINE_AGENTSTATUSEX;
constexpr DWORD kStatus = LINE_AGENTSTATUS;
constexpr DWORD kSession = LINE_AGENTSESSIONSTATUS;
constexpr DWORD kQueue = LINE_QUEUESTATUS;

TEST_F(StatusMessages, LoggingInReportsTheNewSessionItsStateAndTheAgentsState)
{
    HAGENT agent = createAgent();
    ASSERT_EQ(agent, 0x1000u);
    EXPECT_TRUE(statusMessages(*desk.sink).empty()); // creating an agent changes no state
    ASSERT_EQ(createSession(agent, group(0)), 0x2000u);
    EXPECT_EQ(statusMessages(*desk.sink), firstLoginAtTheStation());
}

TEST_F(StatusMessages, AppsOnOtherStationsGetThe22MessagesButNotTheStationsAgentStatus)
{
    HAGENT agent = createAgent();
    ASSERT_NE(createSession(agent, group(0)), 0u);
    EXPECT_EQ(statusMessages(*wallboard.sink), firstLoginElsewhere());
}

TEST_F(StatusMessages, GoingReadyReportsTheNewStateInBothModelsAndTheSessionsState)
{
    HAGENT agent = createAgent();
    ASSERT_NE(createSession(agent, group(0)), 0u);
    desk.sink->clear();
    ASSERT_EQ(
        result(server->lineSetAgentStateEx(kClient, deskLine, agent, LINEAGENTSTATEEX_READY, 0)),
        0);
    const std::vector<Msg> agentReady = {
        {kStatusEx, 0x1000, LINEAGENTSTATUSEX_STATE, LINEAGENTSTATEEX_READY},
        {kStatus, 0, LINEAGENTSTATUS_STATE, LINEAGENTSTATE_READY},
    };
    EXPECT_EQ(statusMessages(*desk.sink), agentReady); // the session is still Not Ready
    desk.sink->clear();
    ASSERT_EQ(result(server->lineSetAgentSessionState(kClient, deskLine, 0x2000,
                                                      LINEAGENTSESSIONSTATE_READY, 0)),
              0);
    const std::vector<Msg> sessionReady = {
        {kSession, 0x2000, LINEAGENTSESSIONSTATUS_STATE, LINEAGENTSESSIONSTATE_READY},
    };
    EXPECT_EQ(statusMessages(*desk.sink), sessionReady);
}

TEST_F(StatusMessages, AChangedNextStateIsUpdateInfoForTheAgentAndNextStateForTheAddress)
{
    HAGENT agent = createAgent();
    ASSERT_NE(createSession(agent, group(0)), 0u);
    desk.sink->clear();
    ASSERT_EQ(
        result(server->lineSetAgentStateEx(kClient, deskLine, agent, 0, LINEAGENTSTATEEX_NOTREADY)),
        0);
    const std::vector<Msg> expected = {
        {kStatusEx, 0x1000, LINEAGENTSTATUSEX_UPDATEINFO, 0},
        {kStatus, 0, LINEAGENTSTATUS_NEXTSTATE, 0},
    };
    auto got = statusMessages(*desk.sink);
    ASSERT_GE(got.size(), 2u);
    EXPECT_EQ(std::vector<Msg>(got.begin(), got.begin() + 2), expected);
}

TEST_F(StatusMessages, ANotReadyReasonIsAnActivityChangeOnTheAddress)
{
    HAGENT agent = createAgent();
    ASSERT_NE(createSession(agent, group(0)), 0u);
    desk.sink->clear();
    ASSERT_EQ(result(server->lineSetAgentActivity(kClient, deskLine, 0, 2)), 0);
    const std::vector<Msg> expected = {{kStatus, 0, LINEAGENTSTATUS_ACTIVITY, 0}};
    EXPECT_EQ(statusMessages(*desk.sink), expected);
}

TEST_F(StatusMessages, LoggingOutReportsTheEndedSessionAndTheReleasedAgent)
{
    HAGENT agent = createAgent();
    ASSERT_NE(createSession(agent, group(0)), 0u);
    desk.sink->clear();
    ASSERT_EQ(
        result(server->lineSetAgentStateEx(kClient, deskLine, agent, LINEAGENTSTATEEX_RELEASED, 0)),
        0);
    const std::vector<Msg> expected = {
        {kSession, 0x2000, LINEAGENTSESSIONSTATUS_STATE, LINEAGENTSESSIONSTATE_ENDED},
        {kStatus, 0, LINEAGENTSTATUS_GROUP, 0},
        {kStatusEx, 0x1000, LINEAGENTSTATUSEX_STATE, LINEAGENTSTATEEX_RELEASED},
        {kStatus, 0, LINEAGENTSTATUS_STATE | LINEAGENTSTATUS_NEXTSTATE, LINEAGENTSTATE_LOGGEDOFF},
    };
    EXPECT_EQ(statusMessages(*desk.sink), expected);
}

TEST_F(StatusMessages, AnAgentWithoutHandleGetsNoAgentStatusExButItsStationHearsOfIt)
{
    ASSERT_TRUE(engine->createSession(1002, 1, "101", nowMs).isOk());
    settle();
    const std::vector<Msg> desk22 = {
        {kSession, 0x2000, LINEAGENTSESSIONSTATUS_NEWSESSION, 0},
        {kSession, 0x2000, LINEAGENTSESSIONSTATUS_STATE, LINEAGENTSESSIONSTATE_NOTREADY},
    };
    EXPECT_EQ(statusMessages(*desk.sink), desk22);
    const std::vector<Msg> station = {
        {kSession, 0x2000, LINEAGENTSESSIONSTATUS_NEWSESSION, 0},
        {kStatus, 0, LINEAGENTSTATUS_GROUP, 0},
        {kStatus, 0, LINEAGENTSTATUS_STATE | LINEAGENTSTATUS_NEXTSTATE, LINEAGENTSTATE_NOTREADY},
        {kSession, 0x2000, LINEAGENTSESSIONSTATUS_STATE, LINEAGENTSESSIONSTATE_NOTREADY},
    };
    EXPECT_EQ(statusMessages(*wallboard.sink), station);
}

TEST_F(StatusMessages, AQueuedCallIsAQueueUpdateOnEveryLine)
{
    core::CallArrival call;
    call.id = 5;
    call.queue = 10;
    ASSERT_TRUE(engine->callArrived(call, nowMs).isOk());
    settle();
    const std::vector<Msg> expected = {
        {kQueue, 10, LINEQUEUESTATUS_UPDATEINFO, 0},
        {kQueue, 10, LINEQUEUESTATUS_UPDATEINFO, 0},
    };
    EXPECT_EQ(statusMessages(*desk.sink), expected);
    EXPECT_EQ(statusMessages(*wallboard.sink), expected);
}

TEST_F(StatusMessages, ACallOfferedToTheAgentMovesItToBusyAcdInBothModels)
{
    HAGENT agent = createAgent();
    ASSERT_NE(createSession(agent, group(0)), 0u);
    ASSERT_EQ(result(server->lineSetAgentState(kClient, deskLine, 0, LINEAGENTSTATE_READY, 0)),
              0); // TAPI 2.0: the agent and its sessions at the station
    desk.sink->clear();
    core::CallArrival call;
    call.id = 5;
    call.queue = 10;
    ASSERT_TRUE(engine->callArrived(call, nowMs).isOk());
    settle();
    auto got = statusMessages(*desk.sink);
    const Msg busyEx{kStatusEx, 0x1000, LINEAGENTSTATUSEX_STATE, LINEAGENTSTATEEX_BUSYACD};
    const Msg busy{kStatus, 0, LINEAGENTSTATUS_STATE, LINEAGENTSTATE_BUSYACD};
    EXPECT_EQ(std::count(got.begin(), got.end(), busyEx), 1);
    EXPECT_EQ(std::count(got.begin(), got.end(), busy), 1);
}

TEST_F(StatusMessages, AnsweringAndCompletingACallAreQueueUpdates)
{
    HAGENT agent = createAgent();
    ASSERT_NE(createSession(agent, group(0)), 0u);
    ASSERT_EQ(result(server->lineSetAgentState(kClient, deskLine, 0, LINEAGENTSTATE_READY, 0)), 0);
    core::CallArrival call;
    call.id = 5;
    call.queue = 10;
    ASSERT_TRUE(engine->callArrived(call, nowMs).isOk());
    settle();
    desk.sink->clear();
    ASSERT_TRUE(engine->callAnswered(5, nowMs).isOk());
    settle();
    auto queueUpdates = [&] {
        auto got = statusMessages(*desk.sink);
        return std::count(got.begin(), got.end(), Msg{kQueue, 10, LINEQUEUESTATUS_UPDATEINFO, 0});
    };
    EXPECT_EQ(queueUpdates(), 2); // CallAnswered, QueueChanged (ringing 1 -> 0)
    desk.sink->clear();
    ASSERT_TRUE(engine->callCleared(5, nowMs).isOk());
    settle();
    EXPECT_EQ(queueUpdates(), 1); // CallCompleted
    auto got = statusMessages(*desk.sink);
    EXPECT_EQ(std::count(got.begin(), got.end(),
                         Msg{kStatus, 0, LINEAGENTSTATUS_STATE, LINEAGENTSTATE_WORKINGAFTERCALL}),
              1);
}

} // namespace
} // namespace acd::tapi::acdtest
