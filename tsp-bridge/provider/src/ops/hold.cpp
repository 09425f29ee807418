// TSPI_lineHold -> CSTA HoldCall.
#include "acd/tsp/provider_core.h"

namespace acd::tsp {

LONG ProviderCore::hold(DRV_REQUESTID id, HDRVCALL hdCall) {
    std::lock_guard lock(m_mutex);
    Call *call = callFor(hdCall);
    if (!call || call->dead)
        return LINEERR_INVALCALLHANDLE;
    if (call->state != LINECALLSTATE_CONNECTED)
        return LINEERR_INVALCALLSTATE;
    SwitchRequest request;
    request.kind = RequestKind::HoldCall;
    request.conn = {call->callId, m_lines[call->line].config.dn};
    return submit(id, request, {});
}

} // namespace acd::tsp
