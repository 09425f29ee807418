#pragma once
// Core states to and from TAPI's state values. A TAPI value without a core meaning maps to
// std::nullopt, so the caller answers LINEERR_INVALAGENTSTATE (or
// LINEERR_INVALAGENTSESSIONSTATE).
#include <optional>

#include "core/enums.h"
#include "tapi.h"

namespace acd::tapi {

// ---- TAPI 2.2 agent state (LINEAGENTINFO, lineSetAgentStateEx) -----------------------------

/// The LINEAGENTSTATEEX_ value of a core state (the values are equal). AgentStateEx::None
/// ("leave unchanged") has no TAPI flag: nullopt.
std::optional<DWORD> toAgentStateEx(core::AgentStateEx state);
/// A requested LINEAGENTSTATEEX_ value: exactly one defined flag, or 0 meaning "leave
/// unchanged" (AgentStateEx::None, as lineSetAgentStateEx's dwNextAgentState allows).
/// Anything else (combinations, undefined bits): nullopt.
std::optional<core::AgentStateEx> agentStateExFromTapi(DWORD value);

// ---- TAPI 2.2 session state (LINEAGENTSESSIONINFO, lineSetAgentSessionState) --------------

/// The LINEAGENTSESSIONSTATE_ value (the values are equal); None has none: nullopt.
std::optional<DWORD> toAgentSessionState(core::SessionState state);
/// Exactly one defined LINEAGENTSESSIONSTATE_ flag, or 0 = SessionState::None; else nullopt.
std::optional<core::SessionState> sessionStateFromTapi(DWORD value);

// ---- TAPI 2.0 per-address agent state (LINEAGENTSTATUS, lineSetAgentState) ----------------

/// The LINEAGENTSTATE_ value that describes an agent, from what the engine does with them
/// (activity) and the state it reports:
///   LoggedOut -> LOGGEDOFF, NotReady -> NOTREADY, Available -> READY,
///   Ringing and OnCall -> BUSYACD (TAPI 2.0 has no "offered" state; the agent is taken by
///   an ACD call), WrapUp -> WORKINGAFTERCALL,
///   OtherCall -> BUSYINCOMING or BUSYOUTBOUND by the reported state's direction, BUSYOTHER
///   when the state names neither.
/// A reported AgentStateEx::Unknown gives UNKNOWN whatever the activity. UNAVAIL is never
/// produced: the core has no such condition.
DWORD toAgentState(core::AgentStateEx reported, core::AgentActivity activity);

/// A LINEAGENTSTATE_ value asked for in lineSetAgentState, as the core state to request:
///   0 -> None (leave unchanged), LOGGEDOFF -> Released, NOTREADY -> NotReady,
///   READY -> Ready, BUSYACD -> BusyAcd, BUSYINCOMING -> BusyIncoming,
///   BUSYOUTBOUND -> BusyOutgoing, UNKNOWN -> Unknown.
/// BUSYOTHER, WORKINGAFTERCALL and UNAVAIL have no core state (the core's wrap-up is an
/// activity reported as BusyAcd), nor do combinations or undefined bits: nullopt. Whether
/// the core accepts the returned state as a request is the engine's decision (it accepts
/// Ready, NotReady and Released).
std::optional<core::AgentStateEx> agentStateExFromAgentState(DWORD value);

} // namespace acd::tapi
