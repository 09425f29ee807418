#include "acd/tapi/state_map.h"

namespace acd::tapi {

namespace {

bool isSingleFlag(DWORD v, DWORD highest)
{
    return v != 0 && (v & (v - 1)) == 0 && v <= highest;
}

} // namespace

std::optional<DWORD> toAgentStateEx(core::AgentStateEx state)
{
    if (state == core::AgentStateEx::None)
        return std::nullopt;
    return static_cast<DWORD>(state);
}

std::optional<core::AgentStateEx> agentStateExFromTapi(DWORD value)
{
    if (value == 0)
        return core::AgentStateEx::None;
    if (!isSingleFlag(value, LINEAGENTSTATEEX_RELEASED))
        return std::nullopt;
    return static_cast<core::AgentStateEx>(value);
}

std::optional<DWORD> toAgentSessionState(core::SessionState state)
{
    if (state == core::SessionState::None)
        return std::nullopt;
    return static_cast<DWORD>(state);
}

std::optional<core::SessionState> sessionStateFromTapi(DWORD value)
{
    if (value == 0)
        return core::SessionState::None;
    if (!isSingleFlag(value, LINEAGENTSESSIONSTATE_RELEASED))
        return std::nullopt;
    return static_cast<core::SessionState>(value);
}

DWORD toAgentState(core::AgentStateEx reported, core::AgentActivity activity)
{
    using core::AgentActivity;
    using core::AgentStateEx;
    if (reported == AgentStateEx::Unknown)
        return LINEAGENTSTATE_UNKNOWN;
    switch (activity) {
    case AgentActivity::LoggedOut:
        return LINEAGENTSTATE_LOGGEDOFF;
    case AgentActivity::NotReady:
        return LINEAGENTSTATE_NOTREADY;
    case AgentActivity::Available:
        return LINEAGENTSTATE_READY;
    case AgentActivity::Ringing:
    case AgentActivity::OnCall:
        return LINEAGENTSTATE_BUSYACD;
    case AgentActivity::WrapUp:
        return LINEAGENTSTATE_WORKINGAFTERCALL;
    case AgentActivity::OtherCall:
        if (reported == AgentStateEx::BusyIncoming)
            return LINEAGENTSTATE_BUSYINCOMING;
        if (reported == AgentStateEx::BusyOutgoing)
            return LINEAGENTSTATE_BUSYOUTBOUND;
        return LINEAGENTSTATE_BUSYOTHER;
    }
    return LINEAGENTSTATE_UNKNOWN;
}

std::optional<core::AgentStateEx> agentStateExFromAgentState(DWORD value)
{
    using core::AgentStateEx;
    switch (value) {
    case 0:
        return AgentStateEx::None;
    case LINEAGENTSTATE_LOGGEDOFF:
        return AgentStateEx::Released;
    case LINEAGENTSTATE_NOTREADY:
        return AgentStateEx::NotReady;
    case LINEAGENTSTATE_READY:
        return AgentStateEx::Ready;
    case LINEAGENTSTATE_BUSYACD:
        return AgentStateEx::BusyAcd;
    case LINEAGENTSTATE_BUSYINCOMING:
        return AgentStateEx::BusyIncoming;
    case LINEAGENTSTATE_BUSYOUTBOUND:
        return AgentStateEx::BusyOutgoing;
    case LINEAGENTSTATE_UNKNOWN:
        return AgentStateEx::Unknown;
    default:
        return std::nullopt;
    }
}

} // namespace acd::tapi
