#include "core/enums.h"
#include "core/status.h"

#include <utility>

namespace acd::core {
namespace {

template<typename E>
using Table = std::pair<E, std::string_view>;

constexpr Table<AgentStateEx> kAgentStateEx[] = {
    {AgentStateEx::None, "none"},
    {AgentStateEx::NotReady, "not-ready"},
    {AgentStateEx::Ready, "ready"},
    {AgentStateEx::BusyAcd, "busy-acd"},
    {AgentStateEx::BusyIncoming, "busy-incoming"},
    {AgentStateEx::BusyOutgoing, "busy-outgoing"},
    {AgentStateEx::Unknown, "unknown"},
    {AgentStateEx::Released, "released"},
};
constexpr Table<SessionState> kSessionState[] = {
    {SessionState::None, "none"},
    {SessionState::NotReady, "not-ready"},
    {SessionState::Ready, "ready"},
    {SessionState::BusyOnCall, "busy-on-call"},
    {SessionState::BusyWrapUp, "busy-wrap-up"},
    {SessionState::Ended, "ended"},
    {SessionState::Released, "released"},
};
constexpr Table<AgentActivity> kAgentActivity[] = {
    {AgentActivity::LoggedOut, "logged-out"}, {AgentActivity::NotReady, "not-ready"},
    {AgentActivity::Available, "available"},  {AgentActivity::Ringing, "ringing"},
    {AgentActivity::OnCall, "on-call"},       {AgentActivity::WrapUp, "wrap-up"},
    {AgentActivity::OtherCall, "other-call"},
};
constexpr Table<Strategy> kStrategy[] = {
    {Strategy::LongestIdle, "longest-idle"}, {Strategy::LeastOccupied, "least-occupied"},
    {Strategy::MostSkilled, "most-skilled"}, {Strategy::FewestCalls, "fewest-calls"},
    {Strategy::RoundRobin, "round-robin"},   {Strategy::Random, "random"},
};
constexpr Table<Disposition> kDisposition[] = {
    {Disposition::Answered, "answered"},
    {Disposition::Abandoned, "abandoned"},
    {Disposition::AbandonedRinging, "abandoned-ringing"},
    {Disposition::OverflowDisconnected, "overflow-disconnected"},
    {Disposition::Transferred, "transferred"},
    {Disposition::Interrupted, "interrupted"},
};
constexpr Table<OverflowReason> kOverflowReason[] = {
    {OverflowReason::MaxWait, "max-wait"},
    {OverflowReason::MaxLength, "max-length"},
    {OverflowReason::NoAgents, "no-agents"},
    {OverflowReason::Closed, "closed"},
};
constexpr Table<RequeueReason> kRequeueReason[] = {
    {RequeueReason::RingNoAnswer, "ring-no-answer"},
    {RequeueReason::OfferFailed, "offer-failed"},
    {RequeueReason::AgentLeft, "agent-left"},
    {RequeueReason::LateAnswer, "late-answer"},
};
constexpr Table<RelaxAction> kRelaxAction[] = {
    {RelaxAction::LowerMinLevel, "lower-min-level"},
    {RelaxAction::AddQueue, "add-queue"},
    {RelaxAction::RaisePriority, "raise-priority"},
};

template<typename E, std::size_t N>
std::string_view nameOf(const Table<E> (&table)[N], E value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return name;
    }
    return "invalid";
}

template<typename E, std::size_t N>
std::optional<E> valueOf(const Table<E> (&table)[N], std::string_view name)
{
    for (const auto &[v, n] : table) {
        if (n == name)
            return v;
    }
    return std::nullopt;
}

} // namespace

std::string_view toString(AgentStateEx v)
{
    return nameOf(kAgentStateEx, v);
}
std::string_view toString(SessionState v)
{
    return nameOf(kSessionState, v);
}
std::string_view toString(AgentActivity v)
{
    return nameOf(kAgentActivity, v);
}
std::string_view toString(Strategy v)
{
    return nameOf(kStrategy, v);
}
std::string_view toString(Disposition v)
{
    return nameOf(kDisposition, v);
}
std::string_view toString(OverflowReason v)
{
    return nameOf(kOverflowReason, v);
}
std::string_view toString(RequeueReason v)
{
    return nameOf(kRequeueReason, v);
}
std::string_view toString(RelaxAction v)
{
    return nameOf(kRelaxAction, v);
}

std::optional<AgentStateEx> agentStateExFromString(std::string_view s)
{
    return valueOf(kAgentStateEx, s);
}
std::optional<SessionState> sessionStateFromString(std::string_view s)
{
    return valueOf(kSessionState, s);
}
std::optional<AgentActivity> agentActivityFromString(std::string_view s)
{
    return valueOf(kAgentActivity, s);
}
std::optional<Strategy> strategyFromString(std::string_view s)
{
    return valueOf(kStrategy, s);
}
std::optional<Disposition> dispositionFromString(std::string_view s)
{
    return valueOf(kDisposition, s);
}
std::optional<OverflowReason> overflowReasonFromString(std::string_view s)
{
    return valueOf(kOverflowReason, s);
}
std::optional<RequeueReason> requeueReasonFromString(std::string_view s)
{
    return valueOf(kRequeueReason, s);
}
std::optional<RelaxAction> relaxActionFromString(std::string_view s)
{
    return valueOf(kRelaxAction, s);
}

const char *toString(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Ok:
        return "ok";
    case ErrorCode::UnknownAgent:
        return "unknown-agent";
    case ErrorCode::UnknownQueue:
        return "unknown-queue";
    case ErrorCode::UnknownGroup:
        return "unknown-group";
    case ErrorCode::UnknownSkill:
        return "unknown-skill";
    case ErrorCode::UnknownSession:
        return "unknown-session";
    case ErrorCode::UnknownCall:
        return "unknown-call";
    case ErrorCode::UnknownReasonCode:
        return "unknown-reason-code";
    case ErrorCode::DuplicateId:
        return "duplicate-id";
    case ErrorCode::InvalidArgument:
        return "invalid-argument";
    case ErrorCode::InvalidState:
        return "invalid-state";
    case ErrorCode::NotLoggedIn:
        return "not-logged-in";
    }
    return "invalid";
}

} // namespace acd::core
