// TSPI_lineAnswer -> CSTA AnswerCall.
#include "acd/tsp/provider_core.h"

namespace acd::tsp {

LONG ProviderCore::answer(DRV_REQUESTID id, HDRVCALL hdCall) {
    std::lock_guard lock(m_mutex);
    Call *call = callFor(hdCall);
    if (!call || call->dead)
        return LINEERR_INVALCALLHANDLE;
    if (call->state != LINECALLSTATE_OFFERING && call->state != LINECALLSTATE_ACCEPTED)
        return LINEERR_INVALCALLSTATE;
    SwitchRequest request;
    request.kind = RequestKind::AnswerCall;
    request.conn = {call->callId, m_lines[call->line].config.dn};
    return submit(id, request, {});
}

} // namespace acd::tsp
