#include "acd/tapi/state_map.h"

#include <gtest/gtest.h>

using namespace acd;
using namespace acd::tapi;
using core::AgentActivity;
using core::AgentStateEx;
using core::SessionState;

TEST(StateMap, EveryAgentStateExRoundTripsThroughItsTapiValue)
{
    for (AgentStateEx s : {AgentStateEx::NotReady, AgentStateEx::Ready, AgentStateEx::BusyAcd,
                           AgentStateEx::BusyIncoming, AgentStateEx::BusyOutgoing,
                           AgentStateEx::Unknown, AgentStateEx::Released}) {
        const auto tapi = toAgentStateEx(s);
        ASSERT_TRUE(tapi.has_value());
        EXPECT_EQ(agentStateExFromTapi(*tapi), s);
    }
}

TEST(StateMap, AgentStateExValuesAreTheTapiConstants)
{
    EXPECT_EQ(toAgentStateEx(AgentStateEx::BusyOutgoing), LINEAGENTSTATEEX_BUSYOUTGOING);
    EXPECT_EQ(toAgentStateEx(AgentStateEx::Released), LINEAGENTSTATEEX_RELEASED);
}

TEST(StateMap, AgentStateExNoneHasNoTapiValueAndZeroMeansNone)
{
    EXPECT_EQ(toAgentStateEx(AgentStateEx::None), std::nullopt);
    EXPECT_EQ(agentStateExFromTapi(0), AgentStateEx::None);
}

TEST(StateMap, CombinedOrUndefinedAgentStateExFlagsHaveNoMapping)
{
    EXPECT_EQ(agentStateExFromTapi(LINEAGENTSTATEEX_READY | LINEAGENTSTATEEX_NOTREADY),
              std::nullopt);
    EXPECT_EQ(agentStateExFromTapi(0x80), std::nullopt);
}

TEST(StateMap, EverySessionStateRoundTripsThroughItsTapiValue)
{
    for (SessionState s : {SessionState::NotReady, SessionState::Ready, SessionState::BusyOnCall,
                           SessionState::BusyWrapUp, SessionState::Ended, SessionState::Released}) {
        const auto tapi = toAgentSessionState(s);
        ASSERT_TRUE(tapi.has_value());
        EXPECT_EQ(sessionStateFromTapi(*tapi), s);
    }
    EXPECT_EQ(toAgentSessionState(SessionState::BusyWrapUp), LINEAGENTSESSIONSTATE_BUSYWRAPUP);
}

TEST(StateMap, UndefinedSessionStateValuesHaveNoMapping)
{
    EXPECT_EQ(toAgentSessionState(SessionState::None), std::nullopt);
    EXPECT_EQ(sessionStateFromTapi(0), SessionState::None);
    EXPECT_EQ(sessionStateFromTapi(0x40), std::nullopt);
    EXPECT_EQ(sessionStateFromTapi(0x03), std::nullopt);
}

TEST(StateMap, AgentStateComesFromTheActivity)
{
    EXPECT_EQ(toAgentState(AgentStateEx::Released, AgentActivity::LoggedOut),
              LINEAGENTSTATE_LOGGEDOFF);
    EXPECT_EQ(toAgentState(AgentStateEx::NotReady, AgentActivity::NotReady),
              LINEAGENTSTATE_NOTREADY);
    EXPECT_EQ(toAgentState(AgentStateEx::Ready, AgentActivity::Available), LINEAGENTSTATE_READY);
    EXPECT_EQ(toAgentState(AgentStateEx::BusyAcd, AgentActivity::Ringing), LINEAGENTSTATE_BUSYACD);
    EXPECT_EQ(toAgentState(AgentStateEx::BusyAcd, AgentActivity::OnCall), LINEAGENTSTATE_BUSYACD);
    EXPECT_EQ(toAgentState(AgentStateEx::BusyAcd, AgentActivity::WrapUp),
              LINEAGENTSTATE_WORKINGAFTERCALL);
}

TEST(StateMap, AnOtherCallTakesItsDirectionFromTheReportedState)
{
    EXPECT_EQ(toAgentState(AgentStateEx::BusyIncoming, AgentActivity::OtherCall),
              LINEAGENTSTATE_BUSYINCOMING);
    EXPECT_EQ(toAgentState(AgentStateEx::BusyOutgoing, AgentActivity::OtherCall),
              LINEAGENTSTATE_BUSYOUTBOUND);
    EXPECT_EQ(toAgentState(AgentStateEx::BusyAcd, AgentActivity::OtherCall),
              LINEAGENTSTATE_BUSYOTHER);
}

TEST(StateMap, AReportedUnknownStateIsUnknownWhateverTheActivity)
{
    EXPECT_EQ(toAgentState(AgentStateEx::Unknown, AgentActivity::Available),
              LINEAGENTSTATE_UNKNOWN);
}

TEST(StateMap, AgentStatesRoundTripThroughTheCoreExceptWrapUp)
{
    struct Row {
        AgentStateEx reported;
        AgentActivity activity;
    };
    for (Row r : {Row{AgentStateEx::Released, AgentActivity::LoggedOut},
                  Row{AgentStateEx::NotReady, AgentActivity::NotReady},
                  Row{AgentStateEx::Ready, AgentActivity::Available},
                  Row{AgentStateEx::BusyAcd, AgentActivity::OnCall},
                  Row{AgentStateEx::BusyIncoming, AgentActivity::OtherCall},
                  Row{AgentStateEx::BusyOutgoing, AgentActivity::OtherCall}}) {
        EXPECT_EQ(agentStateExFromAgentState(toAgentState(r.reported, r.activity)), r.reported);
    }
}

TEST(StateMap, AgentStatesWithoutACoreStateHaveNoMapping)
{
    EXPECT_EQ(agentStateExFromAgentState(LINEAGENTSTATE_WORKINGAFTERCALL), std::nullopt);
    EXPECT_EQ(agentStateExFromAgentState(LINEAGENTSTATE_BUSYOTHER), std::nullopt);
    EXPECT_EQ(agentStateExFromAgentState(LINEAGENTSTATE_UNAVAIL), std::nullopt);
    EXPECT_EQ(agentStateExFromAgentState(LINEAGENTSTATE_READY | LINEAGENTSTATE_NOTREADY),
              std::nullopt);
}

TEST(StateMap, AgentStateZeroMeansLeaveUnchanged)
{
    EXPECT_EQ(agentStateExFromAgentState(0), AgentStateEx::None);
    EXPECT_EQ(agentStateExFromAgentState(LINEAGENTSTATE_UNKNOWN), AgentStateEx::Unknown);
}
