#pragma once

#include "acd/tsp/switch_types.h"
#include "tspi.h"

namespace acd::tsp {

/// CSTA agent state <-> TSPIAGENTSTATE_ (the LINEAGENTSTATE_ values).
inline DWORD agentStateToTspi(AgentState state) {
    switch (state) {
    case AgentState::LoggedOff:
        return TSPIAGENTSTATE_LOGGEDOFF;
    case AgentState::NotReady:
        return TSPIAGENTSTATE_NOTREADY;
    case AgentState::Ready:
        return TSPIAGENTSTATE_READY;
    case AgentState::WorkingAfterCall:
        return TSPIAGENTSTATE_WORKINGAFTERCALL;
    case AgentState::Busy:
        return TSPIAGENTSTATE_BUSYACD;
    }
    return TSPIAGENTSTATE_LOGGEDOFF;
}

inline bool tspiToAgentState(DWORD state, AgentState &out) {
    switch (state) {
    case TSPIAGENTSTATE_LOGGEDOFF:
        out = AgentState::LoggedOff;
        return true;
    case TSPIAGENTSTATE_NOTREADY:
        out = AgentState::NotReady;
        return true;
    case TSPIAGENTSTATE_READY:
        out = AgentState::Ready;
        return true;
    case TSPIAGENTSTATE_WORKINGAFTERCALL:
        out = AgentState::WorkingAfterCall;
        return true;
    default:
        return false;
    }
}

} // namespace acd::tsp
