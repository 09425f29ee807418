// TSPI_lineMakeCall -> CSTA MakeCall.
#include "acd/tsp/provider_core.h"
#include "dial_string.h"

namespace acd::tsp {

LONG ProviderCore::makeCall(DRV_REQUESTID id, HDRVLINE hdLine, HTAPICALL htCall,
                            LPHDRVCALL lphdCall, LPCSTR dest) {
    std::lock_guard lock(m_mutex);
    Line *line = lineFor(hdLine);
    if (!line)
        return LINEERR_INVALLINEHANDLE;
    if (!lphdCall)
        return LINEERR_INVALPOINTER;
    if (!isValidDialString(dest))
        return LINEERR_INVALADDRESS;
    if (line->config.routePoint)
        return LINEERR_OPERATIONUNAVAIL;
    Call &call = newCall(*line, htCall);
    call.origin = LINECALLORIGIN_OUTBOUND;
    call.reason = LINECALLREASON_DIRECT;
    call.callerId = line->config.dn;
    call.calledId = dest;
    *lphdCall = reinterpret_cast<HDRVCALL>(call.id);
    SwitchRequest request;
    request.kind = RequestKind::MakeCall;
    request.device = line->config.dn;
    request.destination = dest;
    uintptr_t callId = call.id;
    return submit(
        id, request,
        [this, callId](const SwitchResult &result) {
            Call *c = callById(callId);
            if (!c)
                return;
            if (result.ok())
                bind(*c, result.conn.callId);
            else
                c->dead = true; // never announced; the engine closes the handle
        },
        line);
}

} // namespace acd::tsp
