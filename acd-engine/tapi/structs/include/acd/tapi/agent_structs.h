#pragma once
// Filling the agent structures of TAPI 2.0 (LINEAGENTCAPS, LINEAGENTSTATUS,
// LINEAGENTACTIVITYLIST, LINEAGENTGROUPLIST) and 2.2 (LINEAGENTINFO) from core data.
//
// Every function: returns LINEERR_INVALPOINTER for a null structure, LINEERR_STRUCTURETOOSMALL
// (dwNeededSize set) when dwTotalSize is below the fixed part, else 0 with the structure filled
// by the rules of var_struct.h (unfitting fields 0/0, dwNeededSize counts everything). Strings
// are written in `encoding`; names given to these functions are UTF-8.
#include <map>
#include <string>
#include <vector>

#include "acd/tapi/var_struct.h"
#include "core/config.h"
#include "core/snapshots.h"
#include "core/types.h"
#include "tapi.h"

namespace acd::tapi {

/// The fixed part of LINEAGENTCAPS for a caps version: 56 bytes (no ProxyGUID) below
/// TAPI 2.2 (0x00020002), 72 from 2.2 on.
DWORD agentCapsFixedSize(DWORD capsVersion);

/// What the agent handler (the ACD proxy) supports on one address.
struct AgentHandlerCaps {
    std::string handlerName;                   ///< dwAgentHandlerInfo
    DWORD features = 0;                        ///< LINEAGENTFEATURE_
    DWORD states = 0;                          ///< LINEAGENTSTATE_ accepted by lineSetAgentState
    DWORD nextStates = 0;                      ///< LINEAGENTSTATE_ accepted as next state
    DWORD maxGroupEntries = 0;                 ///< dwMaxNumGroupEntries
    DWORD statusMessages = 0;                  ///< LINEAGENTSTATUS_ bits LINE_AGENTSTATUS may carry
    std::vector<LINEEXTENSIONID> extensionIds; ///< index = dwAgentExtensionIDIndex
    core::Guid proxyGuid;                      ///< ProxyGUID; written only when capsVersion >= 2.2
};

/// LINEAGENTCAPS. dwCapsVersion = `capsVersion`; the fixed part is agentCapsFixedSize(it), so
/// a pre-2.2 caller's buffer is never written at ProxyGUID's position unless variable data
/// goes there. Variable part: the LINEEXTENSIONID array, then the handler name
/// (dwNumAgentExtensionIDs is the count even when the array does not fit).
LONG fillAgentCaps(LINEAGENTCAPS *caps, DWORD capsVersion, const AgentHandlerCaps &handler,
                   StringEncoding encoding);

/// A group as LINEAGENTGROUPENTRY shows it.
struct AgentGroup {
    core::Guid guid;
    std::string name;
};

/// The TAPI 2.0 status of the agent on one address, already in TAPI terms (see
/// state_map.h's toAgentState for the states).
struct AddressAgentStatus {
    std::vector<AgentGroup> groups;         ///< the groups the agent is logged into
    DWORD state = LINEAGENTSTATE_LOGGEDOFF; ///< LINEAGENTSTATE_
    DWORD nextState = 0;                    ///< LINEAGENTSTATE_; 0 when none
    DWORD activityId = 0;                   ///< the Not Ready reason code; 0 = none
    std::string activityName;
    DWORD features = 0;        ///< LINEAGENTFEATURE_ usable now
    DWORD validStates = 0;     ///< LINEAGENTSTATE_
    DWORD validNextStates = 0; ///< LINEAGENTSTATE_
};

/// LINEAGENTSTATUS. Variable part: the LINEAGENTGROUPENTRY array, the group names, then the
/// activity name. Group-entry name offsets count from the start of the LINEAGENTSTATUS.
LONG fillAgentStatus(LINEAGENTSTATUS *status, const AddressAgentStatus &agent,
                     StringEncoding encoding);

/// LINEAGENTACTIVITYLIST: one entry per reason code in ascending order, dwID = the code.
LONG fillAgentActivityList(LINEAGENTACTIVITYLIST *list,
                           const std::map<core::ReasonCode, std::string> &reasonCodes,
                           StringEncoding encoding);

/// LINEAGENTGROUPLIST: one entry per group in the given order. GroupID holds the group's
/// GUID bytes as stored (Windows memory order: dwGroupID1 = Data1, dwGroupID2 = Data2 |
/// Data3 << 16, dwGroupID3/4 = Data4 as two little-endian DWORDs).
LONG fillAgentGroupList(LINEAGENTGROUPLIST *list, const std::vector<core::GroupConfig> &groups,
                        StringEncoding encoding);
/// The same from AgentGroup values (the groups an agent may join, or is in).
LONG fillAgentGroupList(LINEAGENTGROUPLIST *list, const std::vector<AgentGroup> &groups,
                        StringEncoding encoding);

/// LINEAGENTINFO (no variable part) from an agent snapshot. Figures are the snapshot's
/// `period` counters (the measurement window):
///   dwAgentState / dwNextAgentState: the LINEAGENTSTATEEX_ values (None -> 0);
///   dwMeasurementPeriod: measurementPeriodMs in seconds;
///   dwNumberOfACDCalls: `handled` (ACD calls whose after-call work ended: the calls whose
///     talk, hold and wrap-up times the window holds, so totals and count agree);
///   dwNumberOfIncomingCalls / dwNumberOfOutgoingCalls: non-ACD incomingCalls/outgoingCalls;
///   dwTotalACDTalkTime: talkMs; dwTotalACDWrapUpTime: wrapMs;
///   dwTotalACDCallTime: talkMs + holdMs + wrapMs (tapi.h: "talk plus wrap-up"; the core
///     counts hold apart from talk, and hold is time on the call);
///   cyOverallCallRate: handled calls per hour over the measurement period, as CURRENCY
///     (value * 10,000; see values.h). The core keeps no login time per window, so the rate
///     is over the whole period even for an agent logged in for part of it.
/// Times are whole seconds, rounded half up.
LONG fillAgentInfo(LINEAGENTINFO *info, const core::AgentSnapshot &agent);

} // namespace acd::tapi
