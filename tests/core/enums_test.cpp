// Every enum's canonical string round-trips, and TAPI numeric values are exact.
#include "core/enums.h"

#include <gtest/gtest.h>

namespace acd::core {
namespace {

TEST(EnumsTest, StrategiesRoundTripThroughTheirNames)
{
    for (Strategy s : {Strategy::LongestIdle, Strategy::LeastOccupied, Strategy::MostSkilled,
                       Strategy::FewestCalls, Strategy::RoundRobin, Strategy::Random})
        EXPECT_EQ(strategyFromString(toString(s)), s);
    EXPECT_EQ(toString(Strategy::LongestIdle), "longest-idle");
    EXPECT_FALSE(strategyFromString("fastest").has_value());
}

TEST(EnumsTest, DispositionsRoundTripThroughTheirNames)
{
    for (Disposition d :
         {Disposition::Answered, Disposition::Abandoned, Disposition::AbandonedRinging,
          Disposition::OverflowDisconnected, Disposition::Transferred, Disposition::Interrupted})
        EXPECT_EQ(dispositionFromString(toString(d)), d);
}

TEST(EnumsTest, AgentStatesRoundTripAndKeepTapiValues)
{
    for (AgentStateEx s : {AgentStateEx::NotReady, AgentStateEx::Ready, AgentStateEx::BusyAcd,
                           AgentStateEx::BusyIncoming, AgentStateEx::BusyOutgoing,
                           AgentStateEx::Unknown, AgentStateEx::Released})
        EXPECT_EQ(agentStateExFromString(toString(s)), s);
    EXPECT_EQ(static_cast<std::uint32_t>(AgentStateEx::Released), 0x40u);
    EXPECT_EQ(static_cast<std::uint32_t>(SessionState::BusyWrapUp), 0x08u);
    EXPECT_EQ(static_cast<std::uint32_t>(SessionState::Ended), 0x10u);
}

TEST(EnumsTest, ActivitiesAndReasonsRoundTrip)
{
    for (AgentActivity a : {AgentActivity::LoggedOut, AgentActivity::NotReady,
                            AgentActivity::Available, AgentActivity::Ringing, AgentActivity::OnCall,
                            AgentActivity::WrapUp, AgentActivity::OtherCall})
        EXPECT_EQ(agentActivityFromString(toString(a)), a);
    for (RequeueReason r : {RequeueReason::RingNoAnswer, RequeueReason::OfferFailed,
                            RequeueReason::AgentLeft, RequeueReason::LateAnswer})
        EXPECT_EQ(requeueReasonFromString(toString(r)), r);
    for (OverflowReason r :
         {OverflowReason::MaxWait, OverflowReason::MaxLength, OverflowReason::NoAgents})
        EXPECT_EQ(overflowReasonFromString(toString(r)), r);
    for (RelaxAction r :
         {RelaxAction::LowerMinLevel, RelaxAction::AddQueue, RelaxAction::RaisePriority})
        EXPECT_EQ(relaxActionFromString(toString(r)), r);
}

} // namespace
} // namespace acd::core
