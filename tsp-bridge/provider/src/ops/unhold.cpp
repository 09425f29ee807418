// TSPI_lineUnhold -> CSTA RetrieveCall.
#include "acd/tsp/provider_core.h"

namespace acd::tsp {

LONG ProviderCore::unhold(DRV_REQUESTID id, HDRVCALL hdCall) {
    std::lock_guard lock(m_mutex);
    Call *call = callFor(hdCall);
    if (!call || call->dead)
        return LINEERR_INVALCALLHANDLE;
    if (call->state != LINECALLSTATE_ONHOLD && call->state != LINECALLSTATE_ONHOLDPENDTRANSFER
        && call->state != LINECALLSTATE_ONHOLDPENDCONF)
        return LINEERR_INVALCALLSTATE;
    SwitchRequest request;
    request.kind = RequestKind::RetrieveCall;
    request.conn = {call->callId, m_lines[call->line].config.dn};
    return submit(id, request, {});
}

} // namespace acd::tsp
