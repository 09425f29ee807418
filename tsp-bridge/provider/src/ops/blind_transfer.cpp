// TSPI_lineBlindTransfer -> CSTA SingleStepTransferCall.
#include "acd/tsp/provider_core.h"
#include "dial_string.h"

namespace acd::tsp {

LONG ProviderCore::blindTransfer(DRV_REQUESTID id, HDRVCALL hdCall, LPCSTR dest) {
    std::lock_guard lock(m_mutex);
    Call *call = callFor(hdCall);
    if (!call || call->dead)
        return LINEERR_INVALCALLHANDLE;
    if (!isValidDialString(dest))
        return LINEERR_INVALADDRESS;
    if (call->state != LINECALLSTATE_CONNECTED)
        return LINEERR_INVALCALLSTATE;
    SwitchRequest request;
    request.kind = RequestKind::SingleStepTransferCall;
    request.conn = {call->callId, m_lines[call->line].config.dn};
    request.destination = dest;
    return submit(id, request, {});
}

} // namespace acd::tsp
