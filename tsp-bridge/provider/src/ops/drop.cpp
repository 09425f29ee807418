// TSPI_lineDrop -> CSTA ClearConnection (a consultation call not dialled yet is dropped
// locally).
#include "acd/tsp/provider_core.h"

namespace acd::tsp {

LONG ProviderCore::drop(DRV_REQUESTID id, HDRVCALL hdCall) {
    std::lock_guard lock(m_mutex);
    Call *call = callFor(hdCall);
    if (!call || call->dead)
        return LINEERR_INVALCALLHANDLE;
    if (call->state == LINECALLSTATE_IDLE || call->state == 0)
        return LINEERR_INVALCALLSTATE;
    if (call->callId.empty()) {
        m_outstanding.insert(id);
        complete(id, 0);
        toIdle(*call);
        m_mutex.unlock();
        flush();
        m_mutex.lock();
        return static_cast<LONG>(id);
    }
    call->dropPending = true;
    SwitchRequest request;
    request.kind = RequestKind::ClearConnection;
    request.conn = {call->callId, m_lines[call->line].config.dn};
    uintptr_t callId = call->id;
    return submit(id, request, [this, callId](const SwitchResult &result) {
        Call *c = callById(callId);
        if (c && !result.ok())
            c->dropPending = false;
    });
}

} // namespace acd::tsp
