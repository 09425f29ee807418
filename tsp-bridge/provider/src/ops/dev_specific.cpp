// TSPI_lineDevSpecific: agent state through CSTA SetAgentState / GetAgentState.
#include <cstring>

#include "../agent_state_map.h"
#include "acd/tsp/provider_core.h"

namespace acd::tsp {
namespace {

std::string fixedString(const char *text, size_t capacity) {
    return std::string(text, strnlen(text, capacity));
}

} // namespace

LONG ProviderCore::devSpecific(DRV_REQUESTID id, HDRVLINE hdLine, DWORD, HDRVCALL, LPVOID lpParams,
                               DWORD dwSize) {
    std::lock_guard lock(m_mutex);
    Line *line = lineFor(hdLine);
    if (!line)
        return LINEERR_INVALLINEHANDLE;
    if (!lpParams || dwSize < sizeof(TSPIAGENTREQUEST))
        return LINEERR_INVALPARAM;
    auto *agent = static_cast<TSPIAGENTREQUEST *>(lpParams);
    SwitchRequest request;
    request.device = line->config.dn;
    if (agent->dwCommand == TSPIDEVSPECIFIC_SETAGENTSTATE) {
        request.kind = RequestKind::SetAgentState;
        if (!tspiToAgentState(agent->dwAgentState, request.agentState))
            return LINEERR_INVALAGENTSTATE;
        request.agentId = fixedString(agent->szAgentID, sizeof agent->szAgentID);
        request.group = fixedString(agent->szGroup, sizeof agent->szGroup);
        return submit(id, request, {});
    }
    if (agent->dwCommand == TSPIDEVSPECIFIC_GETAGENTSTATE) {
        request.kind = RequestKind::GetAgentState;
        return submit(id, request, [agent](const SwitchResult &result) {
            if (result.ok())
                agent->dwAgentState = agentStateToTspi(result.agentState);
        });
    }
    return LINEERR_OPERATIONUNAVAIL;
}

} // namespace acd::tsp
