#include "acd/tapi/agent_structs.h"
#include "acd/tapi/state_map.h"
#include "acd/tapi/values.h"

namespace acd::tapi {

LONG fillAgentInfo(LINEAGENTINFO *info, const core::AgentSnapshot &agent)
{
    if (!info)
        return LINEERR_INVALPOINTER;
    if (const LONG err = checkFixedPart(info, sizeof(LINEAGENTINFO)))
        return err;
    VarStructWriter w(info, sizeof(LINEAGENTINFO));
    const core::AgentCounters &c = agent.period;
    info->dwAgentState = toAgentStateEx(agent.state).value_or(0);
    info->dwNextAgentState = toAgentStateEx(agent.nextState).value_or(0);
    info->dwMeasurementPeriod = secondsFromMs(agent.measurementPeriodMs);
    info->cyOverallCallRate = callRatePerHour(c.handled, agent.measurementPeriodMs);
    info->dwNumberOfACDCalls = c.handled;
    info->dwNumberOfIncomingCalls = c.incomingCalls;
    info->dwNumberOfOutgoingCalls = c.outgoingCalls;
    info->dwTotalACDTalkTime = secondsFromMs(c.talkMs);
    info->dwTotalACDCallTime = secondsFromMs(c.talkMs + c.holdMs + c.wrapMs);
    info->dwTotalACDWrapUpTime = secondsFromMs(c.wrapMs);
    return 0;
}

} // namespace acd::tapi
