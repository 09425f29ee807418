#include "acd/tapi/session_structs.h"
#include "acd/tapi/state_map.h"
#include "acd/tapi/values.h"
#include "list_fill.h"

namespace acd::tapi {

LONG fillAgentSessionList(LINEAGENTSESSIONLIST *list, const std::vector<AgentSessionRef> &sessions)
{
    if (!list)
        return LINEERR_INVALPOINTER;
    if (const LONG err = checkFixedPart(list, sizeof(LINEAGENTSESSIONLIST)))
        return err;
    VarStructWriter w(list, sizeof(LINEAGENTSESSIONLIST));
    std::vector<LINEAGENTSESSIONENTRY> entries;
    entries.reserve(sessions.size());
    for (const AgentSessionRef &s : sessions) {
        LINEAGENTSESSIONENTRY e{};
        e.hAgentSession = s.session;
        e.hAgent = s.agent;
        e.GroupID = toGuid(s.group);
        e.dwWorkingAddressID = s.workingAddressId;
        entries.push_back(e);
    }
    list->dwNumEntries = static_cast<DWORD>(entries.size());
    const Placement p = detail::appendEntries(w, std::span<const LINEAGENTSESSIONENTRY>(entries));
    list->dwListSize = p.size;
    list->dwListOffset = p.offset;
    return 0;
}

LONG fillAgentSessionInfo(LINEAGENTSESSIONINFO *info, const core::SessionSnapshot &session,
                          DATE sessionStartDate)
{
    if (!info)
        return LINEERR_INVALPOINTER;
    if (const LONG err = checkFixedPart(info, sizeof(LINEAGENTSESSIONINFO)))
        return err;
    VarStructWriter w(info, sizeof(LINEAGENTSESSIONINFO));
    const core::AgentCounters &c = session.counters;
    info->dwAgentSessionState = toAgentSessionState(session.state).value_or(0);
    info->dwNextAgentSessionState = toAgentSessionState(session.nextState).value_or(0);
    info->dateSessionStartTime = sessionStartDate;
    info->dwSessionDuration = secondsFromMs(session.durationMs);
    info->dwNumberOfCalls = c.handled;
    info->dwTotalTalkTime = secondsFromMs(c.talkMs);
    info->dwAverageTalkTime = roundSeconds(c.averageTalkSeconds());
    info->dwTotalCallTime = secondsFromMs(c.talkMs + c.holdMs + c.wrapMs);
    info->dwAverageCallTime = roundSeconds(c.averageHandleSeconds());
    info->dwTotalWrapUpTime = secondsFromMs(c.wrapMs);
    info->dwAverageWrapUpTime = roundSeconds(c.averageWrapSeconds());
    info->cyACDCallRate = callRatePerHour(c.handled, session.durationMs);
    info->dwLongestTimeToAnswer = secondsFromMs(c.maxRingMs);
    info->dwAverageTimeToAnswer = roundSeconds(c.averageRingSeconds());
    return 0;
}

} // namespace acd::tapi
