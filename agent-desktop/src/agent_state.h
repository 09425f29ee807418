#pragma once
// What the desktop shows as the agent's state, from TAPI's per-address agent state
// (LINEAGENTSTATE_, which alone tells wrap-up from a call), with one string table for the
// texts shown, logged and remembered in the settings.
#include "tapi.h"

#include <QString>

namespace desk {

enum class AgentState {
    LoggedOut,
    NotReady,
    Ready,
    OnAcdCall,   ///< ringing or talking on an ACD call
    OnOtherCall, ///< a call that did not come from the ACD
    WrapUp,
    Unknown,
};

/// From LINEAGENTSTATE_ (LINEAGENTSTATUS.dwState, LINE_AGENTSTATUS dwParam3).
AgentState fromLineAgentState(DWORD lineAgentState);
/// The translated name shown to the agent ("Ready", "Not Ready", "Wrap-up", ...).
QString displayName(AgentState state);
/// A stable key for settings and logs ("ready", "not-ready", ...).
QString key(AgentState state);
AgentState fromKey(const QString &key);

/// The connection to the engine as the window reports it.
enum class LinkState {
    Offline,    ///< not logged in
    Connecting, ///< login in progress
    Online,
    Reconnecting, ///< the engine went away; retrying with back-off
};
QString displayName(LinkState state);

} // namespace desk
