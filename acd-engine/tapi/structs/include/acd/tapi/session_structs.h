#pragma once
// Filling LINEAGENTSESSIONLIST and LINEAGENTSESSIONINFO (TAPI 2.2). Return values as in
// agent_structs.h.
#include <vector>

#include "core/snapshots.h"
#include "core/types.h"
#include "tapi.h"

namespace acd::tapi {

/// One LINEAGENTSESSIONENTRY.
struct AgentSessionRef {
    HAGENTSESSION session = 0;
    HAGENT agent = 0;
    core::Guid group; ///< written to GroupID in Windows memory order
    DWORD workingAddressId = 0;
};

/// LINEAGENTSESSIONLIST: the entries in the given order (no strings).
LONG fillAgentSessionList(LINEAGENTSESSIONLIST *list, const std::vector<AgentSessionRef> &sessions);

/// LINEAGENTSESSIONINFO (no variable part) from a session snapshot. `sessionStartDate` is the
/// session's start as an OLE DATE (oleDateFromUnixMs(session.startedAt) in values.h).
/// Figures are the session's lifetime counters:
///   states: LINEAGENTSESSIONSTATE_ values (None -> 0);
///   dwSessionDuration: durationMs in seconds;
///   dwNumberOfCalls: `handled` (ACD calls whose after-call work ended; the averages below
///     divide by it, as the core's do);
///   dwTotalTalkTime: talkMs; dwAverageTalkTime: averageTalkSeconds();
///   dwTotalCallTime: talkMs + holdMs + wrapMs; dwAverageCallTime: averageHandleSeconds();
///   dwTotalWrapUpTime: wrapMs; dwAverageWrapUpTime: averageWrapSeconds();
///   cyACDCallRate: handled calls per hour of session duration, as CURRENCY;
///   dwLongestTimeToAnswer: maxRingMs; dwAverageTimeToAnswer: averageRingSeconds()
///     (ring time of answered calls).
/// Times are whole seconds, rounded half up.
LONG fillAgentSessionInfo(LINEAGENTSESSIONINFO *info, const core::SessionSnapshot &session,
                          DATE sessionStartDate);

} // namespace acd::tapi
