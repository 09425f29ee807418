// TSPI_lineDial on a consultation call in DIALTONE -> CSTA ConsultationCall (which also
// holds the original call).
#include "acd/tsp/provider_core.h"
#include "dial_string.h"

namespace acd::tsp {

LONG ProviderCore::dial(DRV_REQUESTID id, HDRVCALL hdCall, LPCSTR dest) {
    std::lock_guard lock(m_mutex);
    Call *consult = callFor(hdCall);
    if (!consult || consult->dead)
        return LINEERR_INVALCALLHANDLE;
    if (!isValidDialString(dest))
        return LINEERR_INVALADDRESS;
    Call *original = callById(consult->consultOf);
    if (!original || !consult->callId.empty())
        return LINEERR_OPERATIONUNAVAIL; // only consultation calls wait for digits
    if (consult->state != LINECALLSTATE_DIALTONE)
        return LINEERR_INVALCALLSTATE;
    Line &line = m_lines[consult->line];
    consult->calledId = dest;
    SwitchRequest request;
    request.kind = RequestKind::ConsultationCall;
    request.conn = {original->callId, line.config.dn};
    request.destination = dest;
    uintptr_t consultId = consult->id;
    return submit(
        id, request,
        [this, consultId](const SwitchResult &result) {
            Call *c = callById(consultId);
            if (c && result.ok())
                bind(*c, result.conn.callId);
        },
        &line);
}

} // namespace acd::tsp
